# finetune_mamp-transformer-small_1xb32-15e_sbu-fold5.py from a random initialisation (no pretrained
# checkpoint): the floor of its protocol.
_base_ = './finetune_mamp-transformer-small_1xb32-15e_sbu-fold5.py'
model = dict(backbone=dict(init_cfg=None))
