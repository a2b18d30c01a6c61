# What every skeleton dataset base shares: the pipelines and the loaders. A dataset base
# (ntu60_xsub.py, nw_ucla_xview.py, sbu_fold1.py, demo.py) inherits this file and sets its
# annotation file, splits and data shape; GLPoseDataset fills each pipeline step's layout,
# num_person and max_frames from its own (mmgl.datasets.pose_dataset.fill_pipeline), so one
# pipeline serves every dataset. mmaction's PoseDataset plus load-time checks (split,
# labels, shapes, NaN): a bad sample fails at start-up with its frame_dir, not hours into a
# run.
dataset_type = 'GLPoseDataset'

# GL-Transformer (docs/method.md): MPDP pretraining: interpolation + shear; downstream
# training: interpolation only; testing: neither.
pretrain_pipeline = [
    dict(type='GLPreNormalize'),
    dict(type='GLTemporalInterpolate', ratio=0.1),
    dict(type='GLShear', amplitude=0.3),
    dict(type='GLFormatInput'),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]
train_pipeline = [
    dict(type='GLPreNormalize'),
    dict(type='GLTemporalInterpolate', ratio=0.1),
    dict(type='GLFormatInput'),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]
test_pipeline = [
    dict(type='GLPreNormalize'),
    dict(type='GLFormatInput'),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]
# MAMP (docs/method.md, docs/data.md): one centring origin for both persons, the valid frames
# cropped and resized to a window of 120 frames (training, pretraining included: a random
# ratio in [0.5, 1], at least 64 frames, then a random rotation of up to 0.3 rad per axis;
# testing: the central 95%); GLFormatInput(max_frames=None) adds the clip axis, no padding.
mamp_train_pipeline = [
    dict(type='MAMPCenter'),
    dict(type='MAMPCropResize', window=120, p_interval=(0.5, 1), min_frames=64),
    dict(type='MAMPRandomRotation', theta=0.3),
    dict(type='GLFormatInput', max_frames=None),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]
mamp_test_pipeline = [
    dict(type='MAMPCenter'),
    dict(type='MAMPCropResize', window=120, p_interval=(0.95, )),
    dict(type='GLFormatInput', max_frames=None),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]

train_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, pipeline=test_pipeline, test_mode=True))
# the test data under a name pretraining configs keep when they set val/test to None: tools
# and evaluation configs read it
test_dataloader = eval_dataloader = val_dataloader
val_evaluator = [dict(type='AccMetric')]
test_evaluator = val_evaluator
