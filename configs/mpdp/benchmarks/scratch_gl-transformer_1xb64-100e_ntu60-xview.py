# Supervised GL-Transformer from scratch (the ceiling), NTU-60 cross-view: same data, split, pipeline and
# schedule as fine-tuning, randomly initialised.
_base_ = './finetune_gl-transformer_1xb64-100e_ntu60-xview.py'
model = dict(backbone=dict(init_cfg=None))
