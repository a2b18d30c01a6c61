# NTU RGB+D 60 cross-view (cameras 2, 3 train), ntu60_3danno.pkl.
_base_ = './ntu60_xsub.py'
train_dataloader = dict(dataset=dict(split='xview_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xview_val'))
