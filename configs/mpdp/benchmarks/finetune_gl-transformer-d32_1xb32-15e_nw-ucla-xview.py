# Fine-tuning the CPU-sized NW-UCLA encoder (mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py):
# the fine-tune protocol shortened for 2 CPU cores (configs/_base_/protocols/gl_finetune_15e.py),
# batch 32.
_base_ = ['../../_base_/protocols/gl_finetune_15e.py', '../../_base_/datasets/nw_ucla_xview.py']
model = dict(backbone=dict(**_base_.data_shape, embed_dims=32, init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview/epoch_30.pth')),
    cls_head=dict(num_classes=_base_.dataset_args.num_classes))
train_dataloader = dict(batch_size=32)
default_hooks = dict(logger=dict(interval=8))
