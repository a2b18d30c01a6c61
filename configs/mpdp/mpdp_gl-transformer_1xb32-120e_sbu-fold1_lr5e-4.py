# MPDP pretraining at the SBU reference-sized recipe (mpdp_gl-transformer_1xb32-120e_sbu-fold1.py)
# with ten times its learning rate, 5e-4, as the NW-UCLA run of the model zoo
# (mpdp_gl-transformer_1xb32-120e_nw-ucla-xview_lr5e-4.py); folds 2-5: the _sbu-fold2 ... 5
# configs.
_base_ = './mpdp_gl-transformer_1xb32-120e_sbu-fold1.py'
optim_wrapper = dict(optimizer=dict(lr=5e-4))
