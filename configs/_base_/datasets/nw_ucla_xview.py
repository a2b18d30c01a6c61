# NW-UCLA cross-view (views 1, 2 train; 3 test), from tools/data/nw_ucla_to_pkl.py. Sequences are 1-201 frames long.
_base_ = './skeleton.py'
ann_file = 'data/nw_ucla/nw_ucla.pkl'
layout = 'nw-ucla'
num_joints = 20
num_person = 1
max_frames = 208
num_classes = 10
train_split = 'xview_train'
val_split = 'xview_val'

# the data shape: GLPoseDataset checks it and fills it into the pipeline steps
dataset_args = dict(ann_file=ann_file, layout=layout, num_person=num_person,
                        max_frames=max_frames, num_classes=num_classes)
train_dataloader = dict(dataset=dict(split=train_split, **dataset_args))
val_dataloader = dict(dataset=dict(split=val_split, **dataset_args))
test_dataloader = val_dataloader
