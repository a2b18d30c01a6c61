# MAMP pretraining sized for 2 CPU cores, SBU fold 1 (folds 2-5: the _sbu-fold2 ... 5 configs): the budget
# of the CPU-sized MPDP run (mpdp_gl-transformer-d16-sine_1xb32-30e_sbu-fold1.py): 30 epochs
# of batch 32. Shrunk from the reference (8 x 256 encoder, 3 x 256 decoder, window 120) for
# these machines: encoder 4 x 64 (4 heads), decoder 1 x 64, window 32 (SBU's sequences are
# 10-46 frames, median 23); the schedule keeps its shape.
_base_ = [
    '../_base_/default_runtime.py', '../_base_/models/mamp_transformer.py',
    '../_base_/schedules/mamp_400e.py', '../_base_/datasets/sbu_fold1.py'
]
window = 32
# MAMP's input (configs/_base_/datasets/skeleton.py) at this window
train_pipeline = [dict(step, window=window) if step['type'] == 'MAMPCropResize' else step
                  for step in _base_.mamp_train_pipeline]
test_pipeline = [dict(step, window=window) if step['type'] == 'MAMPCropResize' else step
                 for step in _base_.mamp_test_pipeline]
# the evaluation configs (benchmarks/) validate and test on this loader
eval_dataloader = dict(dataset=dict(pipeline=test_pipeline))
model = dict(
    backbone=dict(layout=_base_.data_shape.layout, num_person=_base_.data_shape.num_person,
                  embed_dims=64, depth=4, num_heads=4, num_frames=window),
    head=dict(decoder_dims=64, decoder_depth=1))
train_dataloader = dict(batch_size=32, drop_last=True, dataset=dict(pipeline=train_pipeline))
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6, by_epoch=True, begin=0, end=2,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=28, eta_min=5e-4, by_epoch=True, begin=2, end=30,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=30)
default_hooks = dict(checkpoint=dict(interval=10, max_keep_ckpts=3), logger=dict(interval=8))
