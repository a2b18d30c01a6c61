# Fine-tuning the CPU-sized SBU encoder (mpdp_gl-transformer-d16-sine_1xb32-30e_sbu-fold1.py):
# the fine-tune protocol shortened for 2 CPU cores (configs/_base_/protocols/gl_finetune_15e.py),
# batch 32.
_base_ = ['../../_base_/protocols/gl_finetune_15e.py', '../../_base_/datasets/sbu_fold1.py']
model = dict(backbone=dict(**_base_.data_shape, embed_dims=16, num_heads=4, pos_embed='sine',
    init_cfg=dict(
        checkpoint='work_dirs/mpdp_gl-transformer-d16-sine_1xb32-30e_sbu-fold1/epoch_30.pth')),
    cls_head=dict(num_classes=_base_.dataset_args.num_classes))
train_dataloader = dict(batch_size=32)
default_hooks = dict(logger=dict(interval=4))
