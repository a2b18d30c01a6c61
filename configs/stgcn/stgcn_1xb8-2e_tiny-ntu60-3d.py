# Smoke config: mmaction's own STGCN NTU-60 joint config, shrunk to a few CPU iterations.
# Proves the OpenMMLab toolchain (train, test, resume) on mmgl's pinned stack.
_base_ = 'mmaction::skeleton/stgcn/stgcn_8xb16-joint-u100-80e_ntu60-xsub-keypoint-3d.py'
custom_imports = dict(imports=['mmgl'], allow_failed_imports=False)

ann_file = 'data/tiny/ntu60_tiny.pkl'
clip_len = 16

model = dict(backbone=dict(base_channels=16), cls_head=dict(num_classes=4, in_channels=64))

train_pipeline = [
    dict(type='PreNormalize3D'),
    dict(type='GenSkeFeat', dataset='nturgb+d', feats=['j']),
    dict(type='UniformSampleFrames', clip_len=clip_len),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=2),
    dict(type='PackActionInputs'),
]
test_pipeline = [
    dict(type='PreNormalize3D'),
    dict(type='GenSkeFeat', dataset='nturgb+d', feats=['j']),
    dict(type='UniformSampleFrames', clip_len=clip_len, num_clips=1, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=2),
    dict(type='PackActionInputs'),
]
train_dataloader = dict(
    _delete_=True,
    batch_size=8,
    num_workers=0,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type='PoseDataset', ann_file=ann_file, pipeline=train_pipeline,
                 split='xsub_train'))
val_dataloader = dict(
    batch_size=8,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(ann_file=ann_file, pipeline=test_pipeline))
test_dataloader = val_dataloader

train_cfg = dict(max_epochs=2)
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=0, T_max=2, by_epoch=True,
                        convert_to_iter_based=True)]
default_hooks = dict(logger=dict(interval=1), checkpoint=dict(interval=1, save_best=None))
randomness = dict(seed=0)
