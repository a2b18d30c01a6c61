# MAMP pretraining, NTU RGB+D 60 cross-view (the cross-subject recipe on the other split).
_base_ = './mamp_mamp-transformer_4xb32-400e_ntu60-xsub.py'
train_dataloader = dict(dataset=dict(split='xview_train'))
eval_dataloader = dict(dataset=dict(split='xview_val'))
