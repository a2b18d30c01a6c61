# Fine-tuning the MAMP-pretrained transformer, NTU-60 cross-subject, MAMP's recipe (batch 48
# = 2 GPUs x 24, 100 epochs, drop path 0.3). Published: 93.0 (released checkpoint).
_base_ = './linear_mamp-transformer_2xb128-100e_ntu60-xsub.py'
model = dict(
    backbone=dict(frozen=False, features='frame', drop_path_rate=0.3),
    # MAMP's fine-tuning head: dropout 0.3 on the patch features, mean over persons and
    # temporal patches, Linear(V*D, 2048) -> BatchNorm -> ReLU -> Linear; label smoothing 0.1
    cls_head=dict(_delete_=True, type='GLClsHead', num_classes=_base_.dataset_args.num_classes,
                  feat_dropout=0.3, hidden_channels=2048, label_smooth_eps=0.1))
# MAMP's fine-tuning schedule (docs/method.md 2.4): AdamW, layer-wise lr decay 0.8 and no
# weight decay on LayerNorms and biases (LayerDecayOptimWrapperConstructor)
optim_wrapper = dict(
    _delete_=True, type='OptimWrapper', constructor='LayerDecayOptimWrapperConstructor',
    optimizer=dict(type='AdamW', lr=3e-4, weight_decay=0.05, fused=True),
    paramwise_cfg=dict(decay_rate=0.8))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=95, eta_min=1e-5, by_epoch=True,
         begin=5, end=100, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=100, val_begin=100)
train_dataloader = dict(batch_size=24)
default_hooks = dict(checkpoint=dict(interval=100))
