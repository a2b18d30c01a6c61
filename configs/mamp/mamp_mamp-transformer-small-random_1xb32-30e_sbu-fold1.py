# MAMP's random-masking variant (tau=0: every patch equally likely, MAE-style), otherwise
# mamp_mamp-transformer-small_1xb32-30e_sbu-fold1.py.
_base_ = './mamp_mamp-transformer-small_1xb32-30e_sbu-fold1.py'
model = dict(masking=dict(tau=0.))
