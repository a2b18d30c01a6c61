# linear_gl-transformer_1xb1024-120e_sbu-fold1_random-init.py on fold 2 of SBU's five
# (configs/_base_/datasets/sbu_fold2.py).
_base_ = './linear_gl-transformer_1xb1024-120e_sbu-fold1_random-init.py'
train_dataloader = dict(dataset=dict(split='fold2_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold2_val'))
