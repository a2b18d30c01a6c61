# Supervised GL-Transformer from scratch (the ceiling), NTU-120 cross-setup: same data, split, pipeline and
# schedule as fine-tuning, randomly initialised.
_base_ = './finetune_gl-transformer_1xb64-100e_ntu120-xset.py'
model = dict(backbone=dict(init_cfg=None))
