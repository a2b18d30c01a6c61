# mmgl's built-in demo data (tools/data/make_demo_data.py): synthetic NTU-layout motions.
# mmaction's PoseDataset plus load-time checks (split, labels, shapes, NaN): a bad sample
# fails at start-up with its frame_dir, not hours into a run.
dataset_type = 'GLPoseDataset'
ann_file = 'data/demo/demo.pkl'
layout = 'nturgb+d'
num_joints = 25
num_person = 2
max_frames = 32  # make demo writes 12-32 frames (15 fps)
num_classes = 8
train_split = 'train'
val_split = 'val'

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
