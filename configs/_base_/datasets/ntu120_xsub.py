# NTU RGB+D 120 cross-subject, mmaction's/pyskl's ntu120_3danno.pkl (or tools/data/ntu_to_pkl.py
# --dataset ntu120).
_base_ = './ntu60_xsub.py'
ann_file = 'data/ntu/ntu120_3danno.pkl'
num_classes = 120
train_dataloader = dict(dataset=dict(ann_file=ann_file, num_classes=num_classes))
val_dataloader = dict(dataset=dict(ann_file=ann_file, num_classes=num_classes))
test_dataloader = val_dataloader
