# Supervised CPU-sized GL-Transformer from scratch on SBU: the fine-tune config above without
# the pretrained encoder (same data, split, pipeline and schedule).
_base_ = './finetune_gl-transformer-d16-sine_1xb32-15e_sbu-fold1.py'
model = dict(backbone=dict(init_cfg=None))
