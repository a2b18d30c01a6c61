# Linear evaluation of the sine-table D=32 NW-UCLA encoder continued to 60 pretraining epochs
# (the 30-epoch run resumed with train_cfg.max_epochs=60; configs/mpdp/metafile.yml).
_base_ = './linear_gl-transformer-d32-sine_1xb64-15e_nw-ucla-xview.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-d32-sine_1xb32-60e_nw-ucla-xview/epoch_60.pth')))
