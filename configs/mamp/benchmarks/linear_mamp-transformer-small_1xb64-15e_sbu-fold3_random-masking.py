# linear_mamp-transformer-small_1xb64-15e_sbu-fold3.py with the encoder pretrained by
# random masking (mamp_mamp-transformer-small-random_1xb32-30e_sbu-fold3.py, tau 0: MAE).
_base_ = './linear_mamp-transformer-small_1xb64-15e_sbu-fold3.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mamp_mamp-transformer-small-random_1xb32-30e_sbu-fold3/epoch_30.pth')))
