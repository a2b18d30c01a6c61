# Supervised mmaction STGCN from scratch on SBU with the same data, split, GL pipeline and
# 15-epoch schedule as scratch_gl-transformer-d16-sine_...; base_channels 32 (CPU-sized).
_base_ = './scratch_gl-transformer-d16-sine_1xb32-15e_sbu-fold1.py'
model = dict(
    _delete_=True, type='RecognizerGCN', data_preprocessor=dict(type='ActionDataPreprocessor'),
    backbone=dict(type='STGCN', base_channels=32, graph_cfg=dict(layout=_base_.data_shape.layout, mode='stgcn_spatial')),
    cls_head=dict(type='GCNHead', num_classes=_base_.dataset_args.num_classes, in_channels=128))
