# Linear evaluation (docs/method.md 1.4) of the MPDP-pretrained GL-Transformer, SBU fold 1.
# Another pretraining checkpoint:
#   --cfg-options model.backbone.init_cfg.checkpoint=work_dirs/.../epoch_N.pth
# Folds 2-5: the _sbu-fold2 ... 5 configs.
_base_ = ['../../_base_/protocols/gl_linear_120e.py', '../../_base_/datasets/sbu_fold1.py']
model = dict(backbone=dict(**_base_.data_shape, init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb32-120e_sbu-fold1/epoch_120.pth')),
    cls_head=dict(num_classes=_base_.dataset_args.num_classes))
train_dataloader = dict(batch_size=1024)
