# The reference's linear evaluation (docs/method.md 1.4): frozen encoder, Adam lr 3e-3, no weight
# decay, constant lr, 120 epochs, batch 1024 (set by the config), interpolation-only
# augmentation. mmgl reports the FINAL epoch: validation runs once, after the last epoch.
# The reference's quirk (best test accuracy over epochs 61-120) is the documented option
# `linear_reference-best` below: validate every epoch from 61 and keep the best.
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='Adam', lr=3e-3, weight_decay=0.))
param_scheduler = []
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=120, val_begin=120, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
randomness = dict(seed=123)
