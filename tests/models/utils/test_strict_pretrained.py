"""``init_cfg=dict(type='Pretrained')`` on GLTransformer fails loudly on a checkpoint that
does not fit (mmengine alone would warn and keep the random weights)."""
import pytest
import torch

from mmaction.registry import MODELS

TINY = dict(type='GLTransformer', layout='nturgb+d', num_person=2, embed_dims=8, depth=1,
            num_heads=2, max_frames=8)


def _save_mpdp_like(path, backbone):
    state = {f'backbone.{k}': v for k, v in backbone.state_dict().items()}
    state['head.dir_fc.0.weight'] = torch.zeros(1)  # other parts of the model are ignored
    torch.save(dict(state_dict=state, meta={}), path)


def test_matching_checkpoint_loads(tmp_path):
    source = MODELS.build(TINY)
    with torch.no_grad():
        for p in source.parameters():
            p.uniform_(-1, 1)
    _save_mpdp_like(tmp_path / 'ok.pth', source)
    target = MODELS.build(dict(TINY, init_cfg=dict(
        type='Pretrained', checkpoint=str(tmp_path / 'ok.pth'), prefix='backbone.')))
    target.init_weights()
    for (name, a), b in zip(source.state_dict().items(), target.state_dict().values()):
        assert torch.equal(a, b), name


@pytest.mark.parametrize('change,expected', [
    (dict(embed_dims=16), 'shape mismatch'),
    (dict(depth=2), 'missing'),
    (dict(global_token=False), 'unexpected'),
])
def test_other_architecture_raises(tmp_path, change, expected):
    _save_mpdp_like(tmp_path / 'other.pth', MODELS.build(TINY))
    model = MODELS.build(dict(TINY, **change, init_cfg=dict(
        type='Pretrained', checkpoint=str(tmp_path / 'other.pth'), prefix='backbone.')))
    with pytest.raises(RuntimeError, match=expected) as info:
        model.init_weights()
    assert 'other.pth' in str(info.value)
