# linear_gl-transformer_1xb1024-120e_sbu-fold1_random-init.py on fold 5 of SBU's five
# (configs/_base_/datasets/sbu_fold5.py).
_base_ = './linear_gl-transformer_1xb1024-120e_sbu-fold1_random-init.py'
train_dataloader = dict(dataset=dict(split='fold5_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold5_val'))
