# semi1pct_gl-transformer-d32_1xb32-100e_nw-ucla-xview.py from a random initialisation (no pretrained
# checkpoint): the floor of its protocol.
_base_ = './semi1pct_gl-transformer-d32_1xb32-100e_nw-ucla-xview.py'
model = dict(backbone=dict(init_cfg=None))
