# MAMP pretraining, NTU RGB+D 120 cross-setup: the reference's NTU-120 recipe differs
# from NTU-60's in the decoder depth (5) and tau (0.75). Data:
#   python tools/data/ntu_to_pkl.py nturgb+d_skeletons data/ntu/ntu120_mamp.pkl \
#       --dataset ntu120 --body-selection mamp
_base_ = './mamp_mamp-transformer_4xb32-400e_ntu60-xsub.py'
ann_file = 'data/ntu/ntu120_mamp.pkl'
num_classes = 120
train_split = 'xset_train'
val_split = 'xset_val'
model = dict(head=dict(decoder_depth=5), masking=dict(tau=0.75))
train_dataloader = dict(dataset=dict(ann_file=ann_file, split=train_split,
                                     num_classes=num_classes))
eval_dataloader = dict(dataset=dict(ann_file=ann_file, split=val_split, num_classes=num_classes))
