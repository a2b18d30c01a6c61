# NTU RGB+D 60 cross-view (cameras 2, 3 train), ntu60_3danno.pkl.
_base_ = './ntu60_xsub.py'
train_split = 'xview_train'
val_split = 'xview_val'
train_dataloader = dict(dataset=dict(split=train_split))
val_dataloader = dict(dataset=dict(split=val_split))
test_dataloader = val_dataloader
