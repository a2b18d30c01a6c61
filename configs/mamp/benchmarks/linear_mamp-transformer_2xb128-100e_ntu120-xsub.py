# Linear evaluation of the MAMP-pretrained transformer, NTU-120 cross-subject: the NTU-60
# recipe (linear_mamp-transformer_2xb128-100e_ntu60-xsub.py) on NTU-120 with the encoder of
# mamp_mamp-transformer_4xb32-400e_ntu120-xsub.py (the same encoder settings; NTU-120's
# pretraining differs in the decoder and tau only). Published: 78.6 (paper), 78.1 (released
# checkpoint).
_base_ = './linear_mamp-transformer_2xb128-100e_ntu60-xsub.py'
ann_file = 'data/ntu/ntu120_mamp.pkl'
num_classes = 120
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mamp_mamp-transformer_4xb32-400e_ntu120-xsub/epoch_400.pth')),
             cls_head=dict(num_classes=num_classes))
train_dataloader = dict(dataset=dict(ann_file=ann_file, num_classes=num_classes))
val_dataloader = dict(dataset=dict(ann_file=ann_file, num_classes=num_classes))
test_dataloader = val_dataloader
