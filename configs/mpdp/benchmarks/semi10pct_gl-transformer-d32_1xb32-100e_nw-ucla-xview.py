# Semi-supervised fine-tuning of the CPU-sized NW-UCLA encoder on the seeded, class-balanced
# 10% subset of the training split (tools/data/make_subsets.py --percent 10 --seed 1): the
# 1% config's recipe (100 epochs, 5 warm-up), only the labelled split changes.
_base_ = './semi1pct_gl-transformer-d32_1xb32-100e_nw-ucla-xview.py'
train_dataloader = dict(dataset=dict(split='xview_train_10pct_seed1'))
