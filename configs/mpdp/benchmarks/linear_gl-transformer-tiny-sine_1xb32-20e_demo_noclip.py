# Linear evaluation (linear_gl-transformer-tiny-sine_1xb32-20e_demo.py) of the demo encoder
# pretrained without gradient clipping (mpdp_gl-transformer-tiny-sine_1xb16-30e_demo_noclip.py).
_base_ = './linear_gl-transformer-tiny-sine_1xb32-20e_demo.py'
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo_noclip/epoch_30.pth')))
