# The demo pretraining (mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py) with seed 0 instead
# of 123: how much the demo's results move with the seed (docs/demo.md).
_base_ = './mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py'
randomness = dict(seed=0)
