# linear_mamp-transformer-small_1xb64-15e_sbu-fold4.py from a random initialisation (no pretrained
# checkpoint): the floor of its protocol.
_base_ = './linear_mamp-transformer-small_1xb64-15e_sbu-fold4.py'
model = dict(backbone=dict(init_cfg=None))
