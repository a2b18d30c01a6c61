# finetune_gl-transformer_1xb64-100e_sbu-fold1.py on fold 2 of SBU's five, evaluating the fold-2
# encoder.
_base_ = ['../../_base_/protocols/gl_finetune_100e.py', '../../_base_/datasets/sbu_fold2.py']
model = dict(backbone=dict(**_base_.data_shape, init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb32-120e_sbu-fold2/epoch_120.pth')),
    cls_head=dict(num_classes=_base_.dataset_args.num_classes))
train_dataloader = dict(batch_size=64)
