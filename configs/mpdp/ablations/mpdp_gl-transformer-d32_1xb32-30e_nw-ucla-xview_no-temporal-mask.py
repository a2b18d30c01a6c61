# Ablation (one change against the NW-UCLA CPU default): no temporal padding mask: padded frames take part in the temporal attention.
_base_ = '../mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py'
model = dict(backbone=dict(temporal_mask=False))
