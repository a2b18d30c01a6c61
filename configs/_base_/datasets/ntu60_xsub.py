# NTU RGB+D 60 cross-subject, mmaction's/pyskl's ntu60_3danno.pkl (or tools/data/ntu_to_pkl.py).
_base_ = './skeleton.py'
ann_file = 'data/ntu/ntu60_3danno.pkl'
layout = 'nturgb+d'
num_joints = 25
num_person = 2
max_frames = 300
num_classes = 60
train_split = 'xsub_train'
val_split = 'xsub_val'

# the data shape: GLPoseDataset checks it and fills it into the pipeline steps
dataset_args = dict(ann_file=ann_file, layout=layout, num_person=num_person,
                        max_frames=max_frames, num_classes=num_classes)
train_dataloader = dict(batch_size=128, dataset=dict(split=train_split, **dataset_args))
val_dataloader = dict(batch_size=128, dataset=dict(split=val_split, **dataset_args))
test_dataloader = val_dataloader
