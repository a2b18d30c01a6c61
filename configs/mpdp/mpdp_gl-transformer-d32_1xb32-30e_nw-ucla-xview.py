# NW-UCLA MPDP pretraining sized for 2 CPU cores (the run behind the README's NW-UCLA rows).
# Reduced from the reference (D=48, 120 epochs, lr 5e-5 at batch 128 on NTU's 40k samples):
# D=32 (~2x cheaper per step), 30 epochs of 32 steps, lr 5e-4 (NW-UCLA has 1020 training
# sequences, so the reference lr would take ~1,600 steps to do what 36,000 do on NTU).
_base_ = './mpdp_gl-transformer_1xb32-120e_nw-ucla-xview.py'
model = dict(backbone=dict(embed_dims=32))
optim_wrapper = dict(optimizer=dict(lr=5e-4))
train_cfg = dict(max_epochs=30)
default_hooks = dict(checkpoint=dict(interval=10, max_keep_ckpts=3), logger=dict(interval=8))
