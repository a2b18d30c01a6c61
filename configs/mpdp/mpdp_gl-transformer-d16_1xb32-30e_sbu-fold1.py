# SBU MPDP pretraining sized for 2 CPU cores, learnable position table (fold 2 of its lr 1e-3
# variant: mpdp_gl-transformer-d16_1xb32-30e_sbu-fold2_lr1e-3.py).
# Reduced from the reference (D=48, 120 epochs, lr 5e-5 at batch 128 on NTU): D=16,
# 30 epochs of ~7 steps (SBU has ~227 training sequences per fold), lr 5e-4 (1e-3
# collapsed the representation: pooled features constant across samples).
_base_ = './mpdp_gl-transformer_1xb32-120e_sbu-fold1.py'
model = dict(backbone=dict(embed_dims=16, num_heads=4))
optim_wrapper = dict(optimizer=dict(lr=5e-4))
train_cfg = dict(max_epochs=30)
default_hooks = dict(checkpoint=dict(interval=30, max_keep_ckpts=1), logger=dict(interval=7))
