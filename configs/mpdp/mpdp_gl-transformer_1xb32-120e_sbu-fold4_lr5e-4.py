# mpdp_gl-transformer_1xb32-120e_sbu-fold1_lr5e-4.py on fold 4 of SBU's five
# (configs/_base_/datasets/sbu_fold4.py).
_base_ = './mpdp_gl-transformer_1xb32-120e_sbu-fold1_lr5e-4.py'
train_dataloader = dict(dataset=dict(split='fold4_train'))
eval_dataloader = dict(dataset=dict(split='fold4_val'))
