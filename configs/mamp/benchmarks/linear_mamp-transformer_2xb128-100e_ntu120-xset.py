# Linear evaluation of the MAMP-pretrained transformer, NTU-120 cross-setup: linear_mamp-transformer_2xb128-100e_ntu120-xsub
# on the other split, with the encoder of mamp_mamp-transformer_4xb32-400e_ntu120-xset.py (same
# settings). Published: 79.1 (paper), 79.5 (released checkpoint).
_base_ = './linear_mamp-transformer_2xb128-100e_ntu120-xsub.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mamp_mamp-transformer_4xb32-400e_ntu120-xset/epoch_400.pth')))
train_dataloader = dict(dataset=dict(split='xset_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='xset_val'))
