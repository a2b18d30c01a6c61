# Semi-supervised: fine-tuning on a seeded, class-balanced 10% of the training split (the
# split name written by tools/data/make_subsets.py --percent 10 --seed 1).
_base_ = './finetune_gl-transformer_1xb64-100e_ntu120-xset.py'
train_dataloader = dict(dataset=dict(split=_base_.train_dataloader.dataset.split + '_10pct_seed1'))
