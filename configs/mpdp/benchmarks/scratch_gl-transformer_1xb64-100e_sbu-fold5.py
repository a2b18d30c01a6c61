# Supervised GL-Transformer from scratch (the ceiling), SBU fold 5: fine-tuning's data,
# split, pipeline and schedule, randomly initialised.
_base_ = './finetune_gl-transformer_1xb64-100e_sbu-fold5.py'
model = dict(backbone=dict(init_cfg=None))
