# SBU Kinect Interaction, fold 1 of the 5-fold subject-pair protocol (tools/data/sbu_to_pkl.py);
# folds 2-5: sbu_fold{2..5}.py.
_base_ = './skeleton.py'
# the data shape: the backbone's, and what GLPoseDataset checks and fills into the pipeline
data_shape = dict(layout='sbu', num_person=2, max_frames=64)
dataset_args = dict(ann_file='data/sbu/sbu.pkl', num_classes=8, **data_shape)
train_dataloader = dict(dataset=dict(split='fold1_train', **dataset_args))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold1_val', **dataset_args))
