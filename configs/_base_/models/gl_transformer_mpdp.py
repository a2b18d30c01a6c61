# GL-Transformer + MPDP at the reference's NTU defaults (docs/method.md 1.2-1.3).
# Dataset configs set backbone.layout / num_person / max_frames from their dataset base; the
# head's in_channels, num_tokens, global_tokens and intervals are filled in by MPDP from the
# backbone and the target generator.
intervals = (1, 5, 10)
model = dict(
    type='MPDP',
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
        pos_embed='learnable',
        # True: the straightforward padded computation (parity checks, benchmarks)
        reference_math=False),
    head=dict(
        type='MPDPHead',
        lambda_global=0.05,
        lambda_mag=1.0,
        # 'all_intervals' weights every interval's global tokens (the reference: only the first)
        global_weighting='reference'),
    target_generator=dict(
        type='MPDPTargetGenerator', intervals=intervals, mag_step=0.01, num_mag_classes=16),
    data_preprocessor=dict(type='ActionDataPreprocessor'))
