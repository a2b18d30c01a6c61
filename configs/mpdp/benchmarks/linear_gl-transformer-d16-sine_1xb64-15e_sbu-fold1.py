# Linear evaluation of the CPU-sized SBU encoder with the sine position table
# (mpdp_gl-transformer-d16-sine_1xb32-30e_sbu-fold1.py): the d16 linear recipe unchanged.
_base_ = './linear_gl-transformer-d16_1xb64-15e_sbu-fold1.py'
model = dict(backbone=dict(pos_embed='sine', init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-d16-sine_1xb32-30e_sbu-fold1/epoch_30.pth')))
