# MAMP's fine-tuning schedule: AdamW lr 3e-4, weight decay 0.05, layer-wise lr decay 0.8 (set
# by the configs, which know the depth), 5 warm-up epochs, cosine to 1e-5, 100 epochs of batch
# 48 (2 x 24); final epoch reported.
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='AdamW', lr=3e-4, weight_decay=0.05, fused=True),
                     paramwise_cfg=dict(norm_decay_mult=0., bias_decay_mult=0.))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=95, eta_min=1e-5, by_epoch=True, begin=5, end=100,
         convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100, val_begin=100, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
randomness = dict(seed=0)
