# The reference's reporting quirk as an explicit option: validate on the TEST split every
# epoch from 61 and keep the best epoch (docs/method.md 1.4). Numbers from this config are
# optimistic (model selection on the test set); mmgl's tables report the final epoch.
# The reference also keeps dropout/drop-path on in the frozen encoder: frozen_eval=False.
_base_ = './linear_gl-transformer_1xb1024-120e_ntu60-xsub.py'
model = dict(backbone=dict(frozen_eval=False))
train_cfg = dict(val_begin=61, val_interval=1)
default_hooks = dict(checkpoint=dict(save_best='acc/top1', rule='greater'))
