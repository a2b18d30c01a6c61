# finetune_gl-transformer_1xb64-100e_sbu-fold1.py on fold 5 of SBU's five
# (configs/_base_/datasets/sbu_fold5.py), evaluating the fold-5 encoder.
_base_ = './finetune_gl-transformer_1xb64-100e_sbu-fold1.py'
train_dataloader = dict(dataset=dict(split='fold5_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold5_val'))
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mpdp_gl-transformer_1xb32-120e_sbu-fold5/epoch_120.pth')))
