# Linear evaluation of the no-global-token ablation
# (mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview_no-global-token.py): the CPU linear recipe
# (benchmarks/linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py) on its checkpoint; its encoder
# change restated (the checkpoint only fits that encoder).
_base_ = '../benchmarks/linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py'
model = dict(backbone=dict(global_token=False, init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview_no-global-token/epoch_30.pth')))
