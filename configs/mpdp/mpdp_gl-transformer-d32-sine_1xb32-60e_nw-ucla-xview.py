# The sine-table D=32 NW-UCLA pretraining (ablations/..._pos-sine.py) for 60 epochs: the lr
# decays (x0.99 per epoch) over the first 30 epochs and then holds at 3.74e-4. The logged run
# (configs/mpdp/metafile.yml) reached this schedule by resuming the 30-epoch run with
# max_epochs=60; its augmentation after epoch 30 drew other random numbers than one
# uninterrupted run of this config would (persistent dataloader workers are not checkpointed).
_base_ = './ablations/mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview_pos-sine.py'
param_scheduler = [dict(type='ExponentialLR', gamma=0.99, by_epoch=True, end=30)]
train_cfg = dict(max_epochs=60)
