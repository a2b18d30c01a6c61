# SBU Kinect Interaction, fold 1 of the 5-fold subject-pair protocol (tools/data/sbu_to_pkl.py);
# folds 2-5: sbu_fold{2..5}.py.
_base_ = './skeleton.py'
ann_file = 'data/sbu/sbu.pkl'
layout = 'sbu'
num_joints = 15
num_person = 2
max_frames = 64
num_classes = 8
train_split = 'fold1_train'
val_split = 'fold1_val'

# the data shape: GLPoseDataset checks it and fills it into the pipeline steps
dataset_args = dict(ann_file=ann_file, layout=layout, num_person=num_person,
                        max_frames=max_frames, num_classes=num_classes)
train_dataloader = dict(dataset=dict(split=train_split, **dataset_args))
val_dataloader = dict(dataset=dict(split=val_split, **dataset_args))
test_dataloader = val_dataloader
