# linear_gl-transformer_1xb1024-120e_sbu-fold1_random-init.py on fold 3 of SBU's five
# (configs/_base_/datasets/sbu_fold3.py).
_base_ = './linear_gl-transformer_1xb1024-120e_sbu-fold1_random-init.py'
train_dataloader = dict(dataset=dict(split='fold3_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold3_val'))
