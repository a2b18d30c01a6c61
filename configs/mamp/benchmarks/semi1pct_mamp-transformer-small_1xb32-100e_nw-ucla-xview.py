# Semi-supervised fine-tuning of the CPU-sized MAMP encoder on the seeded, class-balanced 1%
# subset of NW-UCLA's training split (tools/data/make_subsets.py --ratios 0.01 --seeds 1; 10
# sequences): the CPU fine-tuning recipe for 100 epochs (5 warm-up, cosine), as the MPDP
# configuration semi1pct_gl-transformer-d32_1xb32-100e_nw-ucla-xview.py.
_base_ = './finetune_mamp-transformer-small_1xb32-15e_nw-ucla-xview.py'
train_dataloader = dict(dataset=dict(split=_base_.train_dataloader.dataset.split + '_1pct_seed1'))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=95, eta_min=1e-5, by_epoch=True, begin=5, end=100,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=100, val_begin=100)
default_hooks = dict(checkpoint=dict(interval=100))
