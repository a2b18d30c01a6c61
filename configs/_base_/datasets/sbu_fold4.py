# SBU Kinect Interaction, fold 4 of the 5-fold subject-pair protocol.
_base_ = './sbu_fold1.py'
train_split = 'fold4_train'
val_split = 'fold4_val'
train_dataloader = dict(dataset=dict(split=train_split))
val_dataloader = dict(dataset=dict(split=val_split))
test_dataloader = val_dataloader
