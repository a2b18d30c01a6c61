# SBU Kinect Interaction, fold 5 of the 5-fold subject-pair protocol.
_base_ = './sbu_fold1.py'
train_dataloader = dict(dataset=dict(split='fold5_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold5_val'))
