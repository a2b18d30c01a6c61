# The demo pretraining (mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py) without gradient
# clipping: the run whose loss spike motivates the clipping (docs/demo.md).
_base_ = './mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py'
optim_wrapper = dict(clip_grad=None)
