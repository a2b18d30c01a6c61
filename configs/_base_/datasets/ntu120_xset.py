# NTU RGB+D 120 cross-setup (even setup numbers train), ntu120_3danno.pkl.
_base_ = './ntu120_xsub.py'
train_dataloader = dict(dataset=dict(split='xset_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xset_val'))
