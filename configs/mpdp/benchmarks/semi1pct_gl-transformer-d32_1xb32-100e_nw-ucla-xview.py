# Semi-supervised fine-tuning of the CPU-sized NW-UCLA encoder on the seeded, class-balanced
# 1% subset of the training split (tools/data/make_subsets.py --percent 1 --seed 1): the
# CPU fine-tune recipe (batch 32) with the 100-epoch schedule of finetune_100e.py (5 warm-up
# epochs, cosine): the subsets give 1 (1%) or 4 (10%) steps per epoch. A warm-up of a single
# step would never ramp up (mmengine's LinearLR leaves the lr at start_factor).
_base_ = './finetune_gl-transformer-d32_1xb32-15e_nw-ucla-xview.py'
train_dataloader = dict(dataset=dict(split=_base_.train_dataloader.dataset.split + '_1pct_seed1'))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=95, eta_min=0., by_epoch=True, begin=5, end=100,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=100, val_begin=100)
default_hooks = dict(checkpoint=dict(interval=100))
