# Fine-tuning the MPDP-pretrained GL-Transformer with a linear classifier, NTU-60 cross-view: the whole
# network trains (AdamW, cosine; configs/_base_/schedules/finetune_100e.py). Optional
# layer-wise lr decay: see finetune_gl-transformer-lrdecay_1xb64-100e_ntu60-xsub.py.
_base_ = [
    '../../_base_/default_runtime.py', '../../_base_/models/gl_transformer_cls.py',
    '../../_base_/schedules/finetune_100e.py', '../../_base_/datasets/ntu60_xview.py'
]
pretrained = 'work_dirs/mpdp_gl-transformer_1xb128-120e_ntu60-xview/epoch_120.pth'
model = dict(
    backbone=dict(
        layout=_base_.layout, num_person=_base_.num_person, max_frames=_base_.max_frames,
        init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
    cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=64)
