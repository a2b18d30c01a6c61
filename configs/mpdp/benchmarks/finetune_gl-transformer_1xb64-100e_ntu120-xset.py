# Fine-tuning the MPDP-pretrained GL-Transformer with a linear classifier, NTU-120 cross-setup:
# finetune_gl-transformer_1xb64-100e_ntu120-xsub.py on the other split, with the encoder of
# mpdp_gl-transformer_1xb128-120e_ntu120-xset.py.
_base_ = './finetune_gl-transformer_1xb64-100e_ntu120-xsub.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb128-120e_ntu120-xset/epoch_120.pth')))
train_dataloader = dict(dataset=dict(split='xset_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xset_val'))
