# MAMP pretraining, NTU RGB+D 60 cross-view (the cross-subject recipe on the other split).
_base_ = './mamp_mamp-transformer_4xb32-400e_ntu60-xsub.py'
train_split = 'xview_train'
val_split = 'xview_val'
train_dataloader = dict(dataset=dict(split=train_split))
eval_dataloader = dict(dataset=dict(split=val_split))
