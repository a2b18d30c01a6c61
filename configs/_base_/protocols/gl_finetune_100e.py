# Fine-tuning a pretrained GL-Transformer with the downstream head (the field's convention,
# e.g. MAMP), everything but the data: the whole network trains, AdamW, weight decay 0.05,
# gradient clipping at 1, 5 warm-up epochs then cosine to 0, validation every 10 epochs and
# after the last one. With init_cfg=None it is training from scratch (the supervised ceiling).
# An evaluation config adds the dataset base, the data shape and class count, the checkpoint
# (model.backbone.init_cfg.checkpoint) and the batch size.
_base_ = ['../default_runtime.py', '../models/gl_transformer_cls.py']
model = dict(backbone=dict(init_cfg=dict(type='Pretrained', prefix='backbone.')))
optim_wrapper = dict(
    type='OptimWrapper', optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.05),
    clip_grad=dict(max_norm=1.0))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=95, eta_min=0., by_epoch=True, begin=5, end=100,
         convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100, val_begin=1, val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
randomness = dict(seed=123)
