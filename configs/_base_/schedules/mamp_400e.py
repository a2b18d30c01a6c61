# MAMP's pretraining schedule (Mao et al., ICCV 2023; docs/method.md): AdamW lr 1e-3 (absolute,
# no batch scaling), betas (0.9, 0.95), weight decay 0.05 except LayerNorm parameters and
# biases; per-iteration linear warm-up over 20 epochs, then a half cosine to 5e-4; 400 epochs
# of batch 128 (4 x 32), no clipping, fp32, seed 0.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-3, betas=(0.9, 0.95), weight_decay=0.05, fused=True),
    paramwise_cfg=dict(norm_decay_mult=0., bias_decay_mult=0.))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6, by_epoch=True, begin=0, end=20,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=380, eta_min=5e-4, by_epoch=True, begin=20, end=400,
         convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=400)
randomness = dict(seed=0)
auto_scale_lr = dict(enable=False, base_batch_size=128)
# checkpoints every 20 epochs (the reference): set by the NTU pretraining configs
