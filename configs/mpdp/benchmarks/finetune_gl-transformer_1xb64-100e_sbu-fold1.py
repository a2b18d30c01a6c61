# Fine-tuning the MPDP-pretrained GL-Transformer with a linear classifier, SBU fold 1: the whole
# network trains (AdamW, cosine; configs/_base_/protocols/gl_finetune_100e.py). Optional
# layer-wise lr decay: see finetune_gl-transformer-lrdecay_1xb64-100e_ntu60-xsub.py.
# Folds 2-5: the _sbu-fold2 ... 5 configs.
_base_ = ['../../_base_/protocols/gl_finetune_100e.py', '../../_base_/datasets/sbu_fold1.py']
model = dict(backbone=dict(**_base_.data_shape, init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb32-120e_sbu-fold1/epoch_120.pth')),
    cls_head=dict(num_classes=_base_.dataset_args.num_classes))
train_dataloader = dict(batch_size=64)
