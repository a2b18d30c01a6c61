# SBU Kinect Interaction, fold 5 of the 5-fold subject-pair protocol.
_base_ = './sbu_fold1.py'
train_split = 'fold5_train'
val_split = 'fold5_val'
train_dataloader = dict(dataset=dict(split=train_split))
val_dataloader = dict(dataset=dict(split=val_split))
test_dataloader = val_dataloader
