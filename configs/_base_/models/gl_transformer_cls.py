# GL-Transformer (reference NTU size, docs/method.md 1.2) in mmaction's skeleton recognizer, with
# the reference's downstream head: mean over the valid frames, one Linear (docs/method.md 1.4).
# The encoder is the pretraining base's, so its defaults live in one place.
# Dataset configs set backbone.layout / num_person / max_frames and the head's sizes.
_base_ = './gl_transformer_mpdp.py'
model = dict(
    _delete_=True,
    type='RecognizerGL',
    backbone={{_base_.model.backbone}},
    cls_head=dict(type='GLClsHead', num_classes=60),
    data_preprocessor=dict(type='ActionDataPreprocessor'))
