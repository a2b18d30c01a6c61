# Fine-tuning the CPU-sized NW-UCLA encoder (mpdp_gl-transformer-d32_1xb32-30e_...): the
# fine-tune recipe shortened for 2 CPU cores to 15 epochs (1 warm-up, cosine), batch 32.
_base_ = './finetune_gl-transformer_1xb64-100e_nw-ucla-xview.py'
model = dict(
    backbone=dict(embed_dims=32, init_cfg=dict(
        checkpoint='work_dirs/mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview/epoch_30.pth')))
train_dataloader = dict(batch_size=32)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=14, eta_min=0., by_epoch=True, begin=1, end=15,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=15, val_begin=15)
default_hooks = dict(checkpoint=dict(interval=15), logger=dict(interval=8))
