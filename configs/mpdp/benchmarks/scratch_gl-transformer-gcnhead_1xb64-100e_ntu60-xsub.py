# Supervised GL-Transformer from scratch with mmaction's GCNHead (mean over persons, frames
# and joints of the (N, M, D, T, V) output; padded frames are zero) instead of the GL head.
_base_ = './scratch_gl-transformer_1xb64-100e_ntu60-xsub.py'
model = dict(cls_head=dict(_delete_=True, type='GCNHead', num_classes=_base_.dataset_args.num_classes,
                           in_channels=48))
