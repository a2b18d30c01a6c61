# Linear evaluation of the CPU-sized MAMP encoder, SBU fold 1 (folds 2-5: the _sbu-fold2 ... 5 configs): MAMP's probe and schedule
# shortened for 2 CPU cores to 15 epochs of batch 64 (as the CPU-sized MPDP linear
# evaluation), final epoch reported.
_base_ = '../mamp_mamp-transformer-small_1xb32-30e_sbu-fold1.py'
model = dict(
    _delete_=True,
    type='RecognizerGL',
    backbone=dict(_base_.model.backbone, frozen=True, frozen_eval=True,
                  init_cfg=dict(type='Pretrained', prefix='backbone.',
                      checkpoint='work_dirs/mamp_mamp-transformer-small_1xb32-30e_sbu-fold1/epoch_30.pth')),
    # MAMP's probe: affine-free BatchNorm (eps 1e-6) then a Linear, trunc-normal std 0.01
    cls_head=dict(type='GLClsHead', num_classes=_base_.dataset_args.num_classes, feature_norm='batchnorm',
                  norm_eps=1e-6, init_cfg=dict(type='TruncNormal', layer='Linear', std=0.01,
                                               bias=0.)),
    data_preprocessor=dict(type='ActionDataPreprocessor'))
# MAMP's linear schedule (docs/method.md 2.4), 15 epochs
optim_wrapper = dict(_delete_=True, type='OptimWrapper',
                     optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=0.))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=15, eta_min=0., by_epoch=True, begin=0,
         end=15, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=15, val_begin=15, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
train_dataloader = dict(batch_size=64, drop_last=False, dataset=dict(pipeline=_base_.train_pipeline))
val_dataloader = dict(_base_.eval_dataloader, _delete_=True)
test_dataloader = val_dataloader
val_evaluator = [dict(type='AccMetric')]
test_evaluator = val_evaluator
default_hooks = dict(checkpoint=dict(interval=15))
