# Linear evaluation of the demo's CPU-sized GL-Transformer (make demo): the reference recipe
# (frozen encoder, Adam 3e-3, constant lr, interpolation only) shortened to 20 epochs of
# batch 32 so that it runs in well under a minute on 2 CPU cores. The encoder is the
# pretraining config's (sine position table).
_base_ = ['../../_base_/protocols/gl_linear_120e.py', '../../_base_/datasets/demo.py']
model = dict(
    backbone=dict(**_base_.data_shape, embed_dims=16, depth=2, num_heads=4, pos_embed='sine',
        init_cfg=dict(
            checkpoint='work_dirs/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo/epoch_30.pth')),
    cls_head=dict(num_classes=_base_.dataset_args.num_classes))
train_dataloader = dict(batch_size=32, num_workers=0, persistent_workers=False)
val_dataloader = dict(num_workers=0, persistent_workers=False)
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=20, val_begin=20)
default_hooks = dict(checkpoint=dict(interval=20), logger=dict(interval=10))
