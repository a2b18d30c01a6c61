# MAMP's linear probe schedule: SGD momentum 0.9, lr 0.1 (absolute), no weight decay, no
# warm-up, per-iteration cosine to 0, 100 epochs of batch 256 (2 x 128). The reference prints
# the best test accuracy over epochs; mmgl reports the final epoch (validation once, after the
# last epoch); `..._reference-best` configs keep the best epoch as an explicit option.
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=0.))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=100, eta_min=0., by_epoch=True, begin=0, end=100,
         convert_to_iter_based=True)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100, val_begin=100, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
randomness = dict(seed=0)
