# Linear evaluation (linear_gl-transformer-d16_1xb64-15e_sbu-fold1.py) of the encoder
# pretrained at lr 1e-3 (mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1_lr1e-3.py).
_base_ = './linear_gl-transformer-d16_1xb64-15e_sbu-fold1.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1_lr1e-3/epoch_30.pth')))
