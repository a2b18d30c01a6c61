# mmgl's built-in demo data (tools/data/make_demo_data.py): synthetic NTU-layout motions of 12-32
# frames (15 fps), 8 classes.
_base_ = './skeleton.py'
data_shape = dict(layout='nturgb+d', num_person=2, max_frames=32)
dataset_args = dict(ann_file='data/demo/demo.pkl', num_classes=8, **data_shape)
train_dataloader = dict(dataset=dict(split='train', **dataset_args))
val_dataloader = test_dataloader = eval_dataloader = dict(dataset=dict(split='val', **dataset_args))
