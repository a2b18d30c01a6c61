# MPDP pretraining at the NW-UCLA reference recipe (mpdp_gl-transformer_1xb32-120e_nw-ucla-xview.py)
# with ten times its learning rate, 5e-4: the learning-rate probe of docs/results.md.
_base_ = './mpdp_gl-transformer_1xb32-120e_nw-ucla-xview.py'
optim_wrapper = dict(optimizer=dict(lr=5e-4))
