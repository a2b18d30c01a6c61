# Linear evaluation of the intervals-1 ablation
# (mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview_intervals-1.py): the CPU linear recipe
# (benchmarks/linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py) on its checkpoint; the encoder
# is unchanged.
_base_ = '../benchmarks/linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview_intervals-1/epoch_30.pth')))
