# Ablation (one change against the NW-UCLA CPU default): every sequence resampled to 64 frames (GLResample) instead of natural speed.
_base_ = '../mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py'
resampled_pipeline = [
    dict(type='GLPreNormalize', layout=_base_.layout, num_person=_base_.num_person,
         max_frames=_base_.max_frames),
    dict(type='GLResample', num_frames=64),
    dict(type='GLTemporalInterpolate', ratio=0.1),
    dict(type='GLShear', amplitude=0.3),
    dict(type='GLFormatInput', max_frames=_base_.max_frames),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]
train_dataloader = dict(dataset=dict(pipeline=resampled_pipeline))
