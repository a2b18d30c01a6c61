# Supervised mmaction STGCN from scratch (the backbone comparison), NTU-120 cross-setup:
# scratch_stgcn_1xb64-100e_ntu120-xsub.py on the other split.
_base_ = './scratch_stgcn_1xb64-100e_ntu120-xsub.py'
train_dataloader = dict(dataset=dict(split='xset_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xset_val'))
