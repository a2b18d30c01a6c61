# Supervised mmaction STGCN from scratch (the backbone comparison), NTU-120 cross-subject:
# scratch_stgcn_1xb64-100e_ntu60-xsub.py on NTU-120.
_base_ = './scratch_stgcn_1xb64-100e_ntu60-xsub.py'
dataset_args = dict(ann_file='data/ntu/ntu120_3danno.pkl', num_classes=120)
model = dict(cls_head=dict(num_classes=120))
train_dataloader = val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dataset_args)
