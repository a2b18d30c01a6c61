# Fine-tuning the MPDP-pretrained GL-Transformer with a linear classifier, NTU-60 cross-view:
# finetune_gl-transformer_1xb64-100e_ntu60-xsub.py on the other split, with the encoder of
# mpdp_gl-transformer_1xb128-120e_ntu60-xview.py.
_base_ = './finetune_gl-transformer_1xb64-100e_ntu60-xsub.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb128-120e_ntu60-xview/epoch_120.pth')))
train_dataloader = dict(dataset=dict(split='xview_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xview_val'))
