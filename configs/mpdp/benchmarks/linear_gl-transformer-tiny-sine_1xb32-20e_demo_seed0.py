# Linear evaluation (linear_gl-transformer-tiny-sine_1xb32-20e_demo.py) of the demo encoder
# pretrained with seed 0 (mpdp_gl-transformer-tiny-sine_1xb16-30e_demo_seed0.py).
_base_ = './linear_gl-transformer-tiny-sine_1xb32-20e_demo.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo_seed0/epoch_30.pth')))
