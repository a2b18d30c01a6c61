# finetune_gl-transformer_1xb64-100e_sbu-fold1.py on fold 3 of SBU's five, evaluating the fold-3
# encoder.
_base_ = ['../../_base_/protocols/gl_finetune_100e.py', '../../_base_/datasets/sbu_fold3.py']
model = dict(backbone=dict(**_base_.data_shape, init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb32-120e_sbu-fold3/epoch_120.pth')),
    cls_head=dict(num_classes=_base_.dataset_args.num_classes))
train_dataloader = dict(batch_size=64)
