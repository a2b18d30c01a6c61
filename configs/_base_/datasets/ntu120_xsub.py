# NTU RGB+D 120 cross-subject, mmaction's/pyskl's ntu120_3danno.pkl (or tools/data/ntu_to_pkl.py
# --dataset ntu120).
_base_ = './ntu60_xsub.py'
dataset_args = dict(ann_file='data/ntu/ntu120_3danno.pkl', num_classes=120)
train_dataloader = val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dataset_args)
