# Semi-supervised fine-tuning of the CPU-sized NW-UCLA encoder on the seeded, class-balanced
# 1% subset of the training split (tools/data/make_subsets.py --percent 1 --seed 1): the
# CPU fine-tune recipe (15 epochs, batch 32), only the labelled split changes.
_base_ = './finetune_gl-transformer-d32_1xb32-15e_nw-ucla-xview.py'
train_dataloader = dict(dataset=dict(split=_base_.train_split + '_1pct_seed1'))
