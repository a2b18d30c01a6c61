# MPDP pretraining of GL-Transformer, SBU Kinect Interaction (15 joints, 2 persons), fold 1.
# The reference has no SBU setting: reference model and schedule, batch 32. Folds 2-5: the
# _sbu-fold2 ... 5 configs.
_base_ = ['../_base_/default_runtime.py', '../_base_/models/gl_transformer_mpdp.py',
          '../_base_/schedules/mpdp_120e.py', '../_base_/datasets/sbu_fold1.py']
model = dict(backbone=_base_.data_shape)
train_dataloader = dict(batch_size=32, dataset=dict(pipeline=_base_.pretrain_pipeline))
# pretraining has no validation or test
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
