# Fine-tuning the CPU-sized MAMP encoder, SBU fold 1 (folds 2-5: the _sbu-fold2 ... 5 configs): MAMP's recipe shortened for 2 CPU
# cores to 15 epochs of batch 32 (1 warm-up epoch; as the CPU-sized MPDP fine-tuning).
_base_ = './linear_mamp-transformer-small_1xb64-15e_sbu-fold1.py'
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
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=14, eta_min=1e-5, by_epoch=True,
         begin=1, end=15, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=15, val_begin=15)
train_dataloader = dict(batch_size=32)
default_hooks = dict(checkpoint=dict(interval=15))
