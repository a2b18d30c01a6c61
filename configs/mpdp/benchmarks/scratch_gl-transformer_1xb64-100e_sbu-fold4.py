# scratch_gl-transformer_1xb64-100e_sbu-fold1.py on fold 4 of SBU's five
# (configs/_base_/datasets/sbu_fold4.py).
_base_ = './scratch_gl-transformer_1xb64-100e_sbu-fold1.py'
train_dataloader = dict(dataset=dict(split='fold4_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold4_val'))
