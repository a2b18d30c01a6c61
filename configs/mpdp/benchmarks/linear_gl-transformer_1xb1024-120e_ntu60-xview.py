# Linear evaluation (docs/method.md 1.4) of the MPDP-pretrained GL-Transformer, NTU-60 cross-view.
# Point `pretrained` at the pretraining checkpoint:
#   --cfg-options model.backbone.init_cfg.checkpoint=work_dirs/.../epoch_N.pth
_base_ = [
    '../../_base_/default_runtime.py', '../../_base_/models/gl_transformer_cls.py',
    '../../_base_/schedules/linear_120e.py', '../../_base_/datasets/ntu60_xview.py'
]
pretrained = 'work_dirs/mpdp_gl-transformer_1xb128-120e_ntu60-xview/epoch_120.pth'
model = dict(
    backbone=dict(
        layout=_base_.layout, num_person=_base_.num_person, max_frames=_base_.max_frames,
        # frozen_eval=False reproduces the reference's dropout/drop-path in the frozen encoder
        frozen=True, frozen_eval=True,
        init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
    cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=1024)
