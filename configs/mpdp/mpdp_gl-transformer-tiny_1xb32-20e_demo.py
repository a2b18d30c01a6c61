# MPDP pretraining of GL-Transformer, CPU-sized, on mmgl's synthetic demo data
# (mmgl.datasets.demo). D=16, depth 2, 4 heads, 20 epochs.
_base_ = [
    '../_base_/default_runtime.py', '../_base_/models/gl_transformer_mpdp.py',
    '../_base_/schedules/mpdp_120e.py', '../_base_/datasets/demo.py'
]

model = dict(
    backbone=dict(
        layout=_base_.layout, num_person=_base_.num_person, max_frames=_base_.max_frames,
        embed_dims=16, depth=2, num_heads=4))
train_dataloader = dict(batch_size=32, dataset=dict(pipeline=_base_.pretrain_pipeline))
# pretraining has no validation or test
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_epochs=20)
default_hooks = dict(logger=dict(interval=5))
