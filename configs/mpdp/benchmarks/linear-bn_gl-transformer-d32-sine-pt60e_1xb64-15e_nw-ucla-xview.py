# The BatchNorm linear probe (GLClsHead feature_norm='batchnorm', not the reference's recipe)
# on the sine-table D=32 NW-UCLA encoder after 60 pretraining epochs.
_base_ = './linear-bn_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py'
model = dict(backbone=dict(pos_embed='sine', init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-d32-sine_1xb32-60e_nw-ucla-xview/epoch_60.pth')))
