# GL-Transformer (reference NTU size, SPEC section 2) in mmaction's skeleton recognizer, with
# the reference's downstream head: mean over the valid frames, one Linear (SPEC section 4).
# Dataset configs set backbone.layout / num_person / max_frames and the head's sizes.
model = dict(
    type='RecognizerGL',
    backbone=dict(
        type='GLTransformer',
        layout='nturgb+d',
        num_person=2,
        in_channels=3,
        embed_dims=48,
        depth=4,
        num_heads=8,
        mlp_ratio=2.0,
        max_frames=300,
        drop_rate=0.1,
        attn_drop_rate=0.1,
        drop_path_rate=0.1,
        qkv_bias=True,
        pos_embed='learnable'),
    cls_head=dict(type='GLClsHead', num_classes=60, in_channels=25 * 2 * 48),
    data_preprocessor=dict(type='ActionDataPreprocessor'))
