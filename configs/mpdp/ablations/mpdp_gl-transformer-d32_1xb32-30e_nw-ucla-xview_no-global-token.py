# Ablation (one change against the NW-UCLA CPU default): no global-translation token: the centre slot is embedded as a local joint
# (emb) and, having no separate group, is weighted like the local joints.
_base_ = '../mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py'
model = dict(backbone=dict(global_token=False))
