# The reference's linear evaluation of a pretrained GL-Transformer (docs/method.md 1.4),
# everything but the data: the frozen encoder in eval mode with the downstream head, Adam lr
# 3e-3, no weight decay, constant lr, 120 epochs; interpolation-only augmentation (the
# dataset base's train_pipeline). mmgl reports the FINAL epoch: validation runs once, after
# the last epoch. The reference's quirk (best test accuracy over epochs 61-120) is the
# `_reference-best` config: validate every epoch from 61 and keep the best.
# An evaluation config adds the dataset base, the data shape and class count, the checkpoint
# (model.backbone.init_cfg.checkpoint) and the batch size (the reference: 1024).
_base_ = ['../default_runtime.py', '../models/gl_transformer_cls.py']
model = dict(backbone=dict(
    # frozen_eval=False reproduces the reference's dropout/drop-path in the frozen encoder
    frozen=True, frozen_eval=True, init_cfg=dict(type='Pretrained', prefix='backbone.')))
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='Adam', lr=3e-3, weight_decay=0.))
param_scheduler = []
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=120, val_begin=120, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
randomness = dict(seed=123)
