# Ablation (one change against the NW-UCLA CPU default): fixed sinusoidal positional tables instead of the learnable ones.
_base_ = '../mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py'
model = dict(backbone=dict(pos_embed='sine'))
