# mmgl's built-in demo data (tools/data/make_demo_data.py): synthetic NTU-layout motions.
_base_ = './skeleton.py'
ann_file = 'data/demo/demo.pkl'
layout = 'nturgb+d'
num_joints = 25
num_person = 2
max_frames = 32  # make demo writes 12-32 frames (15 fps)
num_classes = 8
train_split = 'train'
val_split = 'val'

# the data shape: GLPoseDataset checks it and fills it into the pipeline steps
dataset_args = dict(ann_file=ann_file, layout=layout, num_person=num_person,
                        max_frames=max_frames, num_classes=num_classes)
train_dataloader = dict(dataset=dict(split=train_split, **dataset_args))
val_dataloader = dict(dataset=dict(split=val_split, **dataset_args))
test_dataloader = val_dataloader
