# MAMP pretraining, NTU RGB+D 120 cross-setup: the cross-subject recipe
# (mamp_mamp-transformer_4xb32-400e_ntu120-xsub.py) on the other split.
_base_ = './mamp_mamp-transformer_4xb32-400e_ntu120-xsub.py'
train_dataloader = dict(dataset=dict(split='xset_train'))
eval_dataloader = dict(dataset=dict(split='xset_val'))
