import torch

from mmaction.structures import ActionDataSample
from mmgl.models import GLClsHead
from mmgl.models.layers import make_packing


def mask_of(valid_len, T=6):
    return make_packing(torch.tensor(valid_len), len(valid_len), T, torch.device('cpu')).mask


def test_pooling_valid_frames_and_frame0_fallback():
    head = GLClsHead(num_classes=3, in_channels=2 * 5 * 4)
    feat = torch.randn(3, 6, 40)
    pooled = head.pre_logits(feat, mask_of([6, 1, 4]))
    torch.testing.assert_close(pooled[0], feat[0].mean(0))
    torch.testing.assert_close(pooled[1], feat[1, 0])
    torch.testing.assert_close(pooled[2], feat[2, :4].mean(0))
    # a length of 0 keeps frame 0 (the packing clamps to [1, T])
    torch.testing.assert_close(head.pre_logits(feat, mask_of([0, 1, 1]))[0], feat[0, 0])
    torch.testing.assert_close(head.pre_logits(feat), feat.mean(1))
    assert head(feat).shape == (3, 3)


def test_loss_and_predict():
    head = GLClsHead(num_classes=3, in_channels=8)
    samples = [ActionDataSample().set_gt_label(i) for i in (0, 2)]
    losses = head.loss(torch.randn(2, 5, 8), samples, mask=mask_of([5, 2], T=5))
    assert losses['loss_cls'].requires_grad
    out = head.predict(torch.randn(2, 5, 8), samples, mask=mask_of([5, 2], T=5))
    assert out[0].pred_score.shape == (3, )


def test_mlp_classifier_feature_dropout_and_norm_eps():
    head = GLClsHead(num_classes=4, in_channels=6, hidden_channels=16, feat_dropout=0.5,
                     feature_norm='batchnorm', norm_eps=1e-6)
    assert head.norm.eps == 1e-6
    assert [type(m).__name__ for m in head.fc] == ['Linear', 'BatchNorm1d', 'ReLU', 'Linear']
    feat = torch.ones(8, 5, 6)
    head.train()
    dropped = head.pre_logits(feat)  # rows dropped before pooling: the means vary
    assert dropped.std() > 0
    head.eval()
    torch.testing.assert_close(head.pre_logits(feat), feat.mean(1))
    assert head(feat).shape == (8, 4)


def test_batchnorm_probe_standardises_and_stays_linear():
    import pytest
    torch.manual_seed(0)
    head = GLClsHead(num_classes=4, in_channels=6, feature_norm='batchnorm')
    x = torch.randn(16, 5, 6)  # (N, T, C) per-frame features
    scale, shift = torch.rand(6) * 100 + 0.01, torch.randn(6) * 50
    # training: per-dimension scales and offsets of the features do not change the logits
    assert torch.allclose(head(x), head(x * scale + shift), atol=1e-3)
    # testing: a fixed affine map (running statistics), so the classifier is linear
    head.eval()
    a, b = torch.randn(3, 5, 6), torch.randn(3, 5, 6)
    assert torch.allclose(head(0.3 * a + 0.7 * b), 0.3 * head(a) + 0.7 * head(b), atol=1e-5)
    assert not any(p.requires_grad for p in head.norm.parameters())  # no affine parameters
    # the default is the reference's raw features
    assert GLClsHead(num_classes=4, in_channels=6).norm is None
    with pytest.raises(ValueError, match='feature_norm'):
        GLClsHead(num_classes=4, in_channels=6, feature_norm='layernorm')
