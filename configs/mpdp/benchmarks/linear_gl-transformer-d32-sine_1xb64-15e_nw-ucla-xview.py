# Linear evaluation of the sine-table D=32 NW-UCLA encoder
# (ablations/mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview_pos-sine.py, 30 epochs): the
# CPU-sized linear recipe on that encoder.
_base_ = './linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py'
model = dict(backbone=dict(pos_embed='sine', init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview_pos-sine/epoch_30.pth')))
