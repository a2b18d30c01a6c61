# MPDP pretraining of GL-Transformer, NW-UCLA (20 joints, 1 person; views 1 and 2).
# The reference has no NW-UCLA setting: reference model and schedule, batch 32.
_base_ = ['../_base_/default_runtime.py', '../_base_/models/gl_transformer_mpdp.py',
          '../_base_/schedules/mpdp_120e.py', '../_base_/datasets/nw_ucla_xview.py']
model = dict(backbone=_base_.data_shape)
train_dataloader = dict(batch_size=32, dataset=dict(pipeline=_base_.pretrain_pipeline))
# pretraining has no validation or test
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
