# MAMP pretraining of its transformer, NTU RGB+D 60 cross-subject, the reference recipe
# (Mao et al., ICCV 2023): 400 epochs of batch 128 (4 GPUs x 32), encoder 8 x 256, decoder
# 3 x 256, window 120, mask ratio 0.9, tau 0.8. Data with the reference's body selection:
#   python tools/data/ntu_to_pkl.py nturgb+d_skeletons data/ntu/ntu60_mamp.pkl \
#       --dataset ntu60 --body-selection mamp
_base_ = [
    '../_base_/default_runtime.py', '../_base_/models/mamp_transformer.py',
    '../_base_/schedules/mamp_400e.py', '../_base_/datasets/ntu60_xsub.py'
]
ann_file = 'data/ntu/ntu60_mamp.pkl'
# MAMP's input (configs/_base_/datasets/skeleton.py)
train_pipeline = _base_.mamp_train_pipeline
test_pipeline = _base_.mamp_test_pipeline
# the evaluation configs (benchmarks/) validate and test on this loader
eval_dataloader = dict(dataset=dict(ann_file=ann_file, pipeline=test_pipeline))
model = dict(backbone=dict(layout=_base_.data_shape.layout,
                           num_person=_base_.data_shape.num_person))
default_hooks = dict(checkpoint=dict(interval=20))
train_dataloader = dict(
    batch_size=32, drop_last=True,
    dataset=dict(ann_file=ann_file, pipeline=train_pipeline))
# pretraining has no validation or test
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
