# semi1pct_mamp-transformer-small_1xb32-100e_nw-ucla-xview.py with the encoder pretrained by
# random masking (mamp_mamp-transformer-small-random_1xb32-30e_nw-ucla-xview.py, tau 0: MAE).
_base_ = './semi1pct_mamp-transformer-small_1xb32-100e_nw-ucla-xview.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mamp_mamp-transformer-small-random_1xb32-30e_nw-ucla-xview/epoch_30.pth')))
