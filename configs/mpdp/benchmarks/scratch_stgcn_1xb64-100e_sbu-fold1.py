# Supervised mmaction STGCN from scratch, SBU fold 1: same data, split, GL pipeline and schedule as
# GL-Transformer's scratch config, for a config-for-config backbone comparison.
# Folds 2-5: the _sbu-fold2 ... 5 configs.
_base_ = './scratch_gl-transformer_1xb64-100e_sbu-fold1.py'
model = dict(
    _delete_=True, type='RecognizerGCN', data_preprocessor=dict(type='ActionDataPreprocessor'),
    backbone=dict(type='STGCN', graph_cfg=dict(layout=_base_.data_shape.layout, mode='stgcn_spatial')),
    cls_head=dict(type='GCNHead', num_classes=_base_.dataset_args.num_classes, in_channels=256))
