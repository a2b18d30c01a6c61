# Ablation (one change against the NW-UCLA CPU default): five intervals, {1, 5, 10, 15, 20}.
_base_ = '../mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py'
model = dict(target_generator=dict(intervals=(1, 5, 10, 15, 20)))
