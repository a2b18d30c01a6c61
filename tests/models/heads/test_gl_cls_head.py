import torch

from mmaction.structures import ActionDataSample
from mmgl.models import GLClsHead


def test_pooling_valid_frames_and_frame0_fallback():
    head = GLClsHead(num_classes=3, in_channels=2 * 5 * 4)
    feat = torch.randn(3, 6, 40)
    pooled = head.pre_logits(feat, torch.tensor([6, 1, 4]))
    torch.testing.assert_close(pooled[0], feat[0].mean(0))
    torch.testing.assert_close(pooled[1], feat[1, 0])
    torch.testing.assert_close(pooled[2], feat[2, :4].mean(0))
    torch.testing.assert_close(head.pre_logits(feat, torch.tensor([0, 1, 1]))[0], feat[0, 0])
    # The backbone's (N, M, D, T, V) output carries the same feature.
    gcn = feat.view(3, 6, 5, 2, 4).permute(0, 3, 4, 1, 2)
    torch.testing.assert_close(head.pre_logits(gcn, torch.tensor([6, 1, 4])), pooled)
    assert head(feat).shape == (3, 3)


def test_loss_and_predict():
    head = GLClsHead(num_classes=3, in_channels=8)
    samples = [ActionDataSample().set_gt_label(i) for i in (0, 2)]
    losses = head.loss(torch.randn(2, 5, 8), samples, valid_len=torch.tensor([5, 2]))
    assert losses['loss_cls'].requires_grad
    out = head.predict(torch.randn(2, 5, 8), samples, valid_len=torch.tensor([5, 2]))
    assert out[0].pred_score.shape == (3, )


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
