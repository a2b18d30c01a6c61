# The fine-tune protocol (gl_finetune_100e.py) shortened for 2 CPU cores: 15 epochs, one of
# warm-up, then cosine to 0; validation after the last epoch.
_base_ = './gl_finetune_100e.py'
train_cfg = dict(max_epochs=15, val_begin=15)
default_hooks = dict(checkpoint=dict(interval=15))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=14, eta_min=0., by_epoch=True, begin=1, end=15,
         convert_to_iter_based=True),
]
