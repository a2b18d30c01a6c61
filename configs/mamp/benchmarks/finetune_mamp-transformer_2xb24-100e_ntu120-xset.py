# Fine-tuning of the MAMP-pretrained transformer, NTU-120 cross-setup (the NTU-120
# cross-subject config on the other split and encoder). Published: 91.5 (released checkpoint).
_base_ = './finetune_mamp-transformer_2xb24-100e_ntu120-xsub.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mamp_mamp-transformer_4xb32-400e_ntu120-xset/epoch_400.pth')))
train_dataloader = dict(dataset=dict(split='xset_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xset_val'))
