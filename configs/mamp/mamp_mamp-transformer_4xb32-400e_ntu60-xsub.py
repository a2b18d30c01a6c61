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
window = _base_.window
# MAMP's input (docs/data.md): one centring origin for both persons, the valid frames cropped
# and resized to `window` frames (train: a random ratio in [0.5, 1], at least 64 frames;
# test: the central 95%), a random rotation of up to 0.3 rad per axis when training.
train_pipeline = [
    dict(type='MAMPCenter', layout=_base_.layout, num_person=_base_.num_person),
    dict(type='MAMPCropResize', window=window, p_interval=(0.5, 1), min_frames=64),
    dict(type='MAMPRandomRotation', theta=0.3),
    dict(type='GLFormatInput', max_frames=window),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]
test_pipeline = [
    dict(type='MAMPCenter', layout=_base_.layout, num_person=_base_.num_person),
    dict(type='MAMPCropResize', window=window, p_interval=(0.95, )),
    dict(type='GLFormatInput', max_frames=window),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]
# the evaluation configs (benchmarks/) validate and test on this loader
eval_dataloader = dict(_base_.val_dataloader,
                       dataset=dict(_base_.val_dataloader.dataset, pipeline=test_pipeline))
eval_dataloader['dataset']['ann_file'] = ann_file
model = dict(backbone=dict(layout=_base_.layout, num_person=_base_.num_person))
default_hooks = dict(checkpoint=dict(interval=20))
train_dataloader = dict(
    batch_size=32, drop_last=True,
    dataset=dict(ann_file=ann_file, pipeline=train_pipeline))
# pretraining has no validation or test
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
