# MAMP (Mao et al., "Masked Motion Predictors are Strong 3D Action Representation Learners",
# ICCV 2023) at its NTU-60 recipe: a plain transformer over space-time patches (one joint x
# t_patch_size frames), 90% of the patches masked by motion-aware masking (tau 0.8), a light
# decoder predicting the per-patch normalised motion of the masked patches (docs/method.md).
# Dataset configs set backbone.layout / num_person; num_frames must equal the window of
# MAMPCropResize in the input pipelines (configs/_base_/datasets/skeleton.py).
window = 120
model = dict(
    type='MAMP',
    backbone=dict(
        type='MAMPTransformer',
        layout='nturgb+d',
        num_person=2,
        in_channels=3,
        embed_dims=256,
        depth=8,
        num_heads=8,
        mlp_ratio=4.0,
        num_frames=window,
        t_patch_size=4,
        patch_size=1,
        qkv_bias=True,
        drop_rate=0.,
        attn_drop_rate=0.,
        drop_path_rate=0.),
    # embed_dims, num_frames, joints, patch sizes, heads and mlp_ratio come from the backbone
    head=dict(type='MAMPDecoder', decoder_dims=256, decoder_depth=3),
    # tau=0 is plain random masking (the MAE baseline)
    masking=dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8),
    target_generator=dict(type='MAMPTargetGenerator', motion_stride=1, norm_target=True),
    data_preprocessor=dict(type='ActionDataPreprocessor'))
