# Supervised CPU-sized GL-Transformer from scratch on NW-UCLA: the fine-tune config above
# without the pretrained encoder (same data, split, pipeline and schedule).
_base_ = './finetune_gl-transformer-d32_1xb32-15e_nw-ucla-xview.py'
model = dict(backbone=dict(init_cfg=None))
