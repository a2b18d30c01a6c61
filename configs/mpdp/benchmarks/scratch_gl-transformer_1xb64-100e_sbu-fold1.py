# Supervised GL-Transformer from scratch (the ceiling), SBU fold 1: same data, split, pipeline and
# schedule as fine-tuning, randomly initialised.
# Folds 2-5: the _sbu-fold2 ... 5 configs.
_base_ = './finetune_gl-transformer_1xb64-100e_sbu-fold1.py'
model = dict(backbone=dict(init_cfg=None))
