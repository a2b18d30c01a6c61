# SBU MPDP pretraining sized for 2 CPU cores, with the fixed sinusoidal position table
# (backbone pos_embed='sine', the reference's 'fix' option) instead of the learnable one.
# With the learnable table this 240-step run stays on the initial loss plateau (~4.39, the
# marginal prediction; docs/results/sbu/mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1/); with the
# sine table the loss leaves it
# within ~5 epochs (3.90 at epoch 30). The SBU rows of the model zoo come from this config.
_base_ = './mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1.py'
model = dict(backbone=dict(pos_embed='sine'))
