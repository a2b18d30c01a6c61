# linear_mamp-transformer-small_1xb64-15e_sbu-fold1_random-masking.py on fold 2 of SBU's five
# (configs/_base_/datasets/sbu_fold2.py), evaluating the fold-2 encoder.
_base_ = './linear_mamp-transformer-small_1xb64-15e_sbu-fold1_random-masking.py'
train_dataloader = dict(dataset=dict(split='fold2_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold2_val'))
model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/mamp_mamp-transformer-small-random_1xb32-30e_sbu-fold2/epoch_30.pth')))
