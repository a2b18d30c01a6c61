# Linear evaluation (docs/method.md 1.4) of the MPDP-pretrained GL-Transformer, NTU-120
# cross-subject: linear_gl-transformer_1xb1024-120e_ntu60-xsub.py on NTU-120, with the encoder of
# mpdp_gl-transformer_1xb128-120e_ntu120-xsub.py.
_base_ = './linear_gl-transformer_1xb1024-120e_ntu60-xsub.py'
dataset_args = dict(ann_file='data/ntu/ntu120_3danno.pkl', num_classes=120)
model = dict(cls_head=dict(num_classes=120), backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb128-120e_ntu120-xsub/epoch_120.pth')))
train_dataloader = val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dataset_args)
