# NTU RGB+D 120 cross-setup (even setup numbers train), ntu120_3danno.pkl.
_base_ = './ntu120_xsub.py'
train_split = 'xset_train'
val_split = 'xset_val'
train_dataloader = dict(dataset=dict(split=train_split))
val_dataloader = dict(dataset=dict(split=val_split))
test_dataloader = val_dataloader
