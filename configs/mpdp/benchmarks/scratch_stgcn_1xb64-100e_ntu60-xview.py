# Supervised mmaction STGCN from scratch (the backbone comparison), NTU-60 cross-view:
# scratch_stgcn_1xb64-100e_ntu60-xsub.py on the other split.
_base_ = './scratch_stgcn_1xb64-100e_ntu60-xsub.py'
train_dataloader = dict(dataset=dict(split='xview_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xview_val'))
