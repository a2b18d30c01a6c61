# Supervised mmaction STGCN from scratch on NW-UCLA with the same data, split, GL pipeline and
# 15-epoch schedule as scratch_gl-transformer-d32_...; base_channels 32 (STGCN computes all
# 208 padded frames, so the default 64 channels would cost ~4x more on 2 CPU cores).
_base_ = './scratch_gl-transformer-d32_1xb32-15e_nw-ucla-xview.py'
model = dict(
    _delete_=True, type='RecognizerGCN', data_preprocessor=dict(type='ActionDataPreprocessor'),
    backbone=dict(type='STGCN', base_channels=32, graph_cfg=dict(layout=_base_.data_shape.layout, mode='stgcn_spatial')),
    cls_head=dict(type='GCNHead', num_classes=_base_.dataset_args.num_classes, in_channels=128))
