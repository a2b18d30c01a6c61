# NW-UCLA cross-view (views 1, 2 train; 3 test), from tools/data/nw_ucla_to_pkl.py. Sequences are
# 1-201 frames long.
_base_ = './skeleton.py'
# the data shape: the backbone's, and what GLPoseDataset checks and fills into the pipeline
data_shape = dict(layout='nw-ucla', num_person=1, max_frames=208)
dataset_args = dict(ann_file='data/nw_ucla/nw_ucla.pkl', num_classes=10, **data_shape)
train_dataloader = dict(dataset=dict(split='xview_train', **dataset_args))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xview_val', **dataset_args))
