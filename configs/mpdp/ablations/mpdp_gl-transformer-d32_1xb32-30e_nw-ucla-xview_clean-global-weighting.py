# Ablation (one change against the NW-UCLA CPU default): lambda_global on every interval's global tokens (the reference weights only
# the first interval's).
_base_ = '../mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py'
model = dict(head=dict(global_weighting='all_intervals'))
