# linear-bn_gl-transformer-d32-sine-pt60e_1xb64-15e_nw-ucla-xview.py from a random initialisation (no pretrained
# checkpoint): the floor of its protocol.
_base_ = './linear-bn_gl-transformer-d32-sine-pt60e_1xb64-15e_nw-ucla-xview.py'
model = dict(backbone=dict(init_cfg=None))
