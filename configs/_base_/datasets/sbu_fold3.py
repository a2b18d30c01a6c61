# SBU Kinect Interaction, fold 3 of the 5-fold subject-pair protocol.
_base_ = './sbu_fold1.py'
train_dataloader = dict(dataset=dict(split='fold3_train'))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='fold3_val'))
