# Ablation (one change against the NW-UCLA CPU default): no positional embedding.
_base_ = '../mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py'
model = dict(backbone=dict(pos_embed='none'))
