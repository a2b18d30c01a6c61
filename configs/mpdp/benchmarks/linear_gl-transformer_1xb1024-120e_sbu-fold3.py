# linear_gl-transformer_1xb1024-120e_sbu-fold1.py on fold 3 of SBU's five
# (configs/_base_/datasets/sbu_fold3.py), evaluating the fold-3 encoder.
_base_ = './linear_gl-transformer_1xb1024-120e_sbu-fold1.py'
train_dataloader = dict(dataset=dict(split='fold3_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold3_val'))
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb32-120e_sbu-fold3/epoch_120.pth')))
