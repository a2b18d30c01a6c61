import pytest
import torch
from mmengine.optim import OptimWrapper

from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

BACKBONE = dict(type='GLTransformer', num_joints=5, center=2, num_person=2, embed_dims=8,
                depth=1, num_heads=2, max_frames=12)


def data(with_valid_len=True):
    g = torch.Generator().manual_seed(0)
    inputs, samples = [], []
    for label, length in ((0, 12), (2, 4)):
        inputs.append(torch.randn(1, 2, 12, 5, 3, generator=g))
        sample = ActionDataSample().set_gt_label(label)
        if with_valid_len:
            sample.set_field(length, 'valid_len')
        samples.append(sample)
    return dict(inputs=inputs, data_samples=samples)


@pytest.mark.parametrize('recognizer,head', [
    ('RecognizerGL', dict(type='GLClsHead', num_classes=3, in_channels=80)),
    ('RecognizerGL', dict(type='GCNHead', num_classes=3, in_channels=8)),
    ('RecognizerGCN', dict(type='GCNHead', num_classes=3, in_channels=8)),
])
def test_train_step_and_predict(recognizer, head):
    torch.manual_seed(0)
    model = MODELS.build(dict(type=recognizer, backbone=BACKBONE, cls_head=head))
    wrapper = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.01))
    log_vars = model.train_step(data(recognizer == 'RecognizerGL'), wrapper)
    assert torch.isfinite(log_vars['loss'])
    preds = model.test_step(data(recognizer == 'RecognizerGL'))
    assert len(preds) == 2 and preds[0].pred_score.shape == (3, )


def test_valid_len_reaches_backbone_and_head():
    torch.manual_seed(0)
    model = MODELS.build(dict(type='RecognizerGL', backbone=BACKBONE,
                              cls_head=dict(type='GLClsHead', num_classes=3,
                                            in_channels=80, average_clips=None))).eval()
    batch = model.data_preprocessor(data())
    scores = torch.stack([s.pred_score for s in model.test_step(data())]).squeeze(1)
    x = batch['inputs'][:, 0]
    valid_len = torch.tensor([12, 4])
    feat, mask = model.backbone.forward_features(x, valid_len)
    expected = model.cls_head(feat, mask)
    torch.testing.assert_close(scores, expected)
    # The samples' valid_len is what made the difference.
    assert not torch.allclose(expected, model.cls_head(feat))


def test_features_head_width_from_backbone_and_one_entry():
    model = MODELS.build(dict(type='RecognizerGL', backbone=BACKBONE,
                              cls_head=dict(type='GLClsHead', num_classes=3)))
    assert model.cls_head.in_channels == model.backbone.out_channels == 80
    # a GCN-style head keeps the width its config gives (the 5-D output's channel axis)
    gcn = MODELS.build(dict(type='RecognizerGL', backbone=BACKBONE,
                            cls_head=dict(type='GCNHead', num_classes=3, in_channels=8)))
    assert gcn.cls_head.in_channels == 8
    # two clips a sample: the valid length reaches both
    batch = model.data_preprocessor(data())
    inputs = batch['inputs'].repeat(1, 2, 1, 1, 1, 1)  # (B, 2 clips, M, T, V, C)
    feat, kwargs = model.extract_feat(inputs, data_samples=batch['data_samples'])
    assert feat.shape == (4, 12, 80)
    assert kwargs['mask'].sum(1).tolist() == [12, 12, 4, 4]
