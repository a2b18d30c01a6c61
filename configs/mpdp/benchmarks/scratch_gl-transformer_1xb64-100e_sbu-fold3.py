# scratch_gl-transformer_1xb64-100e_sbu-fold1.py on fold 3 of SBU's five
# (configs/_base_/datasets/sbu_fold3.py).
_base_ = './scratch_gl-transformer_1xb64-100e_sbu-fold1.py'
train_dataloader = dict(dataset=dict(split='fold3_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold3_val'))
