# Fine-tuning with layer-wise lr decay 0.75 (lr x 0.75^(depth - i) for block i, x 0.75^5 for
# the embeddings; head MLP, final norm and classifier at the full lr), through mmengine's
# paramwise custom_keys (substring match, longest key first).
_base_ = './finetune_gl-transformer_1xb64-100e_ntu60-xsub.py'
optim_wrapper = dict(paramwise_cfg=dict(custom_keys={
    'backbone.emb': dict(lr_mult=0.75**5),
    'backbone.blocks.0.': dict(lr_mult=0.75**4),
    'backbone.blocks.1.': dict(lr_mult=0.75**3),
    'backbone.blocks.2.': dict(lr_mult=0.75**2),
    'backbone.blocks.3.': dict(lr_mult=0.75**1),
}))
