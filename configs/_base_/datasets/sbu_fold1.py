# SBU Kinect Interaction, fold 1 of the 5-fold subject-pair protocol (tools/data/sbu_to_pkl.py);
# folds 2-5: sbu_fold{2..5}.py.
# mmaction's PoseDataset plus load-time checks (split, labels, shapes, NaN): a bad sample
# fails at start-up with its frame_dir, not hours into a run.
dataset_type = 'GLPoseDataset'
ann_file = 'data/sbu/sbu.pkl'
layout = 'sbu'
num_joints = 15
num_person = 2
max_frames = 64
num_classes = 8
train_split = 'fold1_train'
val_split = 'fold1_val'

# MPDP pretraining: interpolation + shear (SPEC 1); downstream training: interpolation only;
# testing: neither.
pretrain_pipeline = [
    dict(type='GLPreNormalize', layout=layout, num_person=num_person, max_frames=max_frames),
    dict(type='GLTemporalInterpolate', ratio=0.1),
    dict(type='GLShear', amplitude=0.3),
    dict(type='GLFormatInput', max_frames=max_frames),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]
train_pipeline = [
    dict(type='GLPreNormalize', layout=layout, num_person=num_person, max_frames=max_frames),
    dict(type='GLTemporalInterpolate', ratio=0.1),
    dict(type='GLFormatInput', max_frames=max_frames),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]
test_pipeline = [
    dict(type='GLPreNormalize', layout=layout, num_person=num_person, max_frames=max_frames),
    dict(type='GLFormatInput', max_frames=max_frames),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]

train_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, ann_file=ann_file, split=train_split,
                 layout=layout, num_classes=num_classes, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, ann_file=ann_file, split=val_split,
                 layout=layout, num_classes=num_classes, pipeline=test_pipeline,
                 test_mode=True))
test_dataloader = val_dataloader
val_evaluator = [dict(type='AccMetric')]
test_evaluator = val_evaluator
