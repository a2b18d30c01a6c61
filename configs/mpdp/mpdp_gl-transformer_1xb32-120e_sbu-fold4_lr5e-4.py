# mpdp_gl-transformer_1xb32-120e_sbu-fold4.py with ten times its learning rate, 5e-4 (as
# mpdp_gl-transformer_1xb32-120e_sbu-fold1_lr5e-4.py).
_base_ = './mpdp_gl-transformer_1xb32-120e_sbu-fold4.py'
optim_wrapper = dict(optimizer=dict(lr=5e-4))
