# MPDP pretraining of GL-Transformer, NTU RGB+D 120 cross-setup (reference hyper-parameters).
_base_ = ['../_base_/default_runtime.py', '../_base_/models/gl_transformer_mpdp.py',
          '../_base_/schedules/mpdp_120e.py', '../_base_/datasets/ntu120_xset.py']
model = dict(backbone=_base_.data_shape)
train_dataloader = dict(batch_size=128, dataset=dict(pipeline=_base_.pretrain_pipeline))
# pretraining has no validation or test
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
