# NW-UCLA cross-view (views 1, 2 train; 3 test), from tools/data/nw_ucla_to_pkl.py. Sequences are 1-201 frames long.
# mmaction's PoseDataset plus load-time checks (split, labels, shapes, NaN): a bad sample
# fails at start-up with its frame_dir, not hours into a run.
dataset_type = 'GLPoseDataset'
ann_file = 'data/nw_ucla/nw_ucla.pkl'
layout = 'nw-ucla'
num_joints = 20
num_person = 1
max_frames = 208
num_classes = 10
train_split = 'xview_train'
val_split = 'xview_val'

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
