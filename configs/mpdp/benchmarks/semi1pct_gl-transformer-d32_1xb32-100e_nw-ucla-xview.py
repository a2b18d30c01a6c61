# Semi-supervised fine-tuning of the CPU-sized NW-UCLA encoder on the seeded, class-balanced
# 1% subset of the training split (tools/data/make_subsets.py --percent 1 --seed 1): the
# CPU fine-tuning (finetune_gl-transformer-d32_1xb32-15e_nw-ucla-xview.py: that encoder,
# batch 32) with the protocol's 100-epoch schedule (5 warm-up epochs, cosine): the subsets
# give 1 (1%) or 4 (10%) steps per epoch. A warm-up of a single step would never ramp up
# (mmengine's LinearLR leaves the lr at start_factor).
_base_ = './finetune_gl-transformer_1xb64-100e_nw-ucla-xview.py'
model = dict(backbone=dict(embed_dims=32, init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview/epoch_30.pth')))
train_dataloader = dict(batch_size=32, dataset=dict(split='xview_train_1pct_seed1'))
default_hooks = dict(checkpoint=dict(interval=100), logger=dict(interval=8))
train_cfg = dict(val_begin=100)
