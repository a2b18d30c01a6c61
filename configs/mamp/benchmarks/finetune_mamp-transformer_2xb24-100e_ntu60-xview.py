# Fine-tuning of the MAMP-pretrained transformer, NTU-60 cross-view: finetune_mamp-transformer_2xb24-100e_ntu60-xsub
# on the other split, with the encoder of mamp_mamp-transformer_4xb32-400e_ntu60-xview.py (same
# settings). Published: 97.5 (released checkpoint).
_base_ = './finetune_mamp-transformer_2xb24-100e_ntu60-xsub.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mamp_mamp-transformer_4xb32-400e_ntu60-xview/epoch_400.pth')))
train_dataloader = dict(dataset=dict(split='xview_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xview_val'))
