# Fine-tuning of the MAMP-pretrained transformer, NTU-120 cross-subject: the NTU-60 recipe
# (finetune_mamp-transformer_2xb24-100e_ntu60-xsub.py) on NTU-120 with the encoder of
# mamp_mamp-transformer_4xb32-400e_ntu120-xsub.py (same encoder settings).
# Published: 89.8 (released checkpoint).
_base_ = './finetune_mamp-transformer_2xb24-100e_ntu60-xsub.py'
dataset_args = dict(ann_file='data/ntu/ntu120_mamp.pkl', num_classes=120)
model = dict(cls_head=dict(num_classes=120), backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mamp_mamp-transformer_4xb32-400e_ntu120-xsub/epoch_400.pth')))
train_dataloader = val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dataset_args)
