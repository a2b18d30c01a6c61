# Linear evaluation (docs/method.md 1.4) of the MPDP-pretrained GL-Transformer, NTU-120 cross-setup:
# linear_gl-transformer_1xb1024-120e_ntu120-xsub.py on the other split, with the encoder of
# mpdp_gl-transformer_1xb128-120e_ntu120-xset.py.
_base_ = './linear_gl-transformer_1xb1024-120e_ntu120-xsub.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb128-120e_ntu120-xset/epoch_120.pth')))
train_dataloader = dict(dataset=dict(split='xset_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xset_val'))
