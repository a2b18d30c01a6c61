# mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1_lr1e-3.py on fold 2 of SBU's five
# (configs/_base_/datasets/sbu_fold2.py).
_base_ = './mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1_lr1e-3.py'
train_dataloader = dict(dataset=dict(split='fold2_train'))
eval_dataloader = dict(dataset=dict(split='fold2_val'))
