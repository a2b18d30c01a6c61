# NTU RGB+D 60 cross-subject, mmaction's/pyskl's ntu60_3danno.pkl (or tools/data/ntu_to_pkl.py).
_base_ = './skeleton.py'
# the data shape: the backbone's, and what GLPoseDataset checks and fills into the pipeline
data_shape = dict(layout='nturgb+d', num_person=2, max_frames=300)
dataset_args = dict(ann_file='data/ntu/ntu60_3danno.pkl', num_classes=60, **data_shape)
train_dataloader = dict(batch_size=128, dataset=dict(split='xsub_train', **dataset_args))
val_dataloader = test_dataloader = eval_dataloader = dict(
    batch_size=128, dataset=dict(split='xsub_val', **dataset_args))
