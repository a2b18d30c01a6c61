# The CPU-sized SBU pretraining with the learnable position table
# (mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1.py) at twice its learning rate, 1e-3.
_base_ = './mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1.py'
optim_wrapper = dict(optimizer=dict(lr=1e-3))
