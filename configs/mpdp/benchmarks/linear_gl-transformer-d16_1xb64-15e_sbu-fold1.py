# Linear evaluation of the CPU-sized SBU encoder (mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1):
# the reference recipe shortened to 15 epochs of batch 64 (fold 2: the _sbu-fold2 configs
# of its variants).
_base_ = './linear_gl-transformer_1xb1024-120e_sbu-fold1.py'
model = dict(
    backbone=dict(embed_dims=16, num_heads=4, init_cfg=dict(
        checkpoint='work_dirs/mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1/epoch_30.pth')))
train_dataloader = dict(batch_size=64)
train_cfg = dict(max_epochs=15, val_begin=15)
default_hooks = dict(checkpoint=dict(interval=15), logger=dict(interval=4))
