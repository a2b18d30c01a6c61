# MAMP pretraining, NTU RGB+D 120 cross-subject: the reference's NTU-120 recipe differs
# from NTU-60's in the decoder depth (5) and tau (0.75). Data:
#   python tools/data/ntu_to_pkl.py nturgb+d_skeletons data/ntu/ntu120_mamp.pkl \
#       --dataset ntu120 --body-selection mamp
_base_ = './mamp_mamp-transformer_4xb32-400e_ntu60-xsub.py'
dataset_args = dict(ann_file='data/ntu/ntu120_mamp.pkl', num_classes=120)
model = dict(head=dict(decoder_depth=5), masking=dict(tau=0.75))
train_dataloader = eval_dataloader = dict(dataset=dataset_args)
