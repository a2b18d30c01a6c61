# Ablation (one change against the NW-UCLA CPU default): every sequence resampled to 64 frames (GLResample) instead of natural speed.
_base_ = '../mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py'
resampled_pipeline = _base_.pretrain_pipeline[:1] + [dict(type='GLResample', num_frames=64)] + \
    _base_.pretrain_pipeline[1:]
train_dataloader = dict(dataset=dict(pipeline=resampled_pipeline))
