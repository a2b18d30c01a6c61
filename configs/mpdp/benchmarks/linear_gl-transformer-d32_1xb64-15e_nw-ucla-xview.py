# Linear evaluation of the CPU-sized NW-UCLA encoder (mpdp_gl-transformer-d32_1xb32-30e_...):
# the reference recipe (frozen encoder, Adam 3e-3, constant lr, interpolation only, final
# epoch reported) shortened for 2 CPU cores: 15 epochs of batch 64 (240 steps; the
# reference's 120 epochs of batch 1024 would be 120 steps here, each epoch a full pass of
# the frozen encoder).
_base_ = './linear_gl-transformer_1xb1024-120e_nw-ucla-xview.py'
model = dict(
    backbone=dict(embed_dims=32, init_cfg=dict(
        checkpoint='work_dirs/mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview/epoch_30.pth')))
train_dataloader = dict(batch_size=64)
train_cfg = dict(max_epochs=15, val_begin=15)
default_hooks = dict(checkpoint=dict(interval=15), logger=dict(interval=8))
