# Linear evaluation as linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py with one change,
# not in the reference's recipe: the pooled feature is standardised by a BatchNorm1d without
# affine parameters before the Linear (MAE's linear probe; still a linear classifier at test
# time). For encoders whose feature dimensions have very different scales.
_base_ = './linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py'
model = dict(cls_head=dict(feature_norm='batchnorm'))
