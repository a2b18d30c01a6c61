# SBU Kinect Interaction, fold 3 of the 5-fold subject-pair protocol.
_base_ = './sbu_fold1.py'
train_split = 'fold3_train'
val_split = 'fold3_val'
train_dataloader = dict(dataset=dict(split=train_split))
val_dataloader = dict(dataset=dict(split=val_split))
test_dataloader = val_dataloader
