# Semi-supervised evaluation: fine-tuning on the seeded, class-balanced 10% subset of the
# NTU-60 cross-subject training split (tools/data/make_subsets.py --ratios 0.1 --seeds 1).
_base_ = './finetune_mamp-transformer_2xb24-100e_ntu60-xsub.py'
train_dataloader = dict(dataset=dict(split=_base_.train_dataloader.dataset.split + '_10pct_seed1'))
