# scratch_gl-transformer_1xb64-100e_sbu-fold1.py on fold 2 of SBU's five
# (configs/_base_/datasets/sbu_fold2.py).
_base_ = './scratch_gl-transformer_1xb64-100e_sbu-fold1.py'
train_dataloader = dict(dataset=dict(split='fold2_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold2_val'))
