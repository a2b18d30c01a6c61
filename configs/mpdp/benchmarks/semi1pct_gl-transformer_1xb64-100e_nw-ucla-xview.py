# Semi-supervised: fine-tuning on a seeded, class-balanced 1% of the training split (the
# split name written by tools/data/make_subsets.py --percent 1 --seed 1).
_base_ = './finetune_gl-transformer_1xb64-100e_nw-ucla-xview.py'
train_dataloader = dict(dataset=dict(split=_base_.train_dataloader.dataset.split + '_1pct_seed1'))
