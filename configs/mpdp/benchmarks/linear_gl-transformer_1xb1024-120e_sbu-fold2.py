# linear_gl-transformer_1xb1024-120e_sbu-fold1.py on fold 2 of SBU's five
# (configs/_base_/datasets/sbu_fold2.py), evaluating the fold-2 encoder.
_base_ = './linear_gl-transformer_1xb1024-120e_sbu-fold1.py'
train_dataloader = dict(dataset=dict(split='fold2_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold2_val'))
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb32-120e_sbu-fold2/epoch_120.pth')))
