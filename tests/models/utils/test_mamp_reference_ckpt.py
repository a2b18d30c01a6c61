import argparse

import pytest
import torch

from mmgl.models.utils import convert_mamp_reference_state_dict
from tests.utils import load_tool



def tool():
    return load_tool('model_converters/mamp_reference_to_mmgl.py')


def test_names():
    t = torch.zeros(1)
    converted = convert_mamp_reference_state_dict({
        'module.joints_embed.proj.weight': t, 'temp_embed': t, 'pos_embed': t,
        'blocks.3.attn.qkv.bias': t, 'blocks.0.mlp.fc2.weight': t, 'norm.bias': t,
        'decoder_embed.weight': t, 'mask_token': t, 'decoder_temp_embed': t,
        'decoder_blocks.1.norm2.weight': t, 'decoder_pred.bias': t})
    assert list(converted) == [
        'backbone.joints_embed.proj.weight', 'backbone.temp_embed', 'backbone.pos_embed',
        'backbone.blocks.3.attn.qkv.bias', 'backbone.blocks.0.mlp.fc2.weight',
        'backbone.norm.bias', 'head.decoder_embed.weight', 'head.mask_token',
        'head.decoder_temp_embed', 'head.decoder_blocks.1.norm2.weight',
        'head.decoder_pred.bias']
    downstream = {'blocks.0.norm1.weight': t, 'head.fc.1.weight': t, 'mask_token': t}
    with pytest.raises(KeyError, match='backbone_only'):
        convert_mamp_reference_state_dict(downstream)
    assert list(convert_mamp_reference_state_dict(downstream, backbone_only=True)) == [
        'backbone.blocks.0.norm1.weight']
    with pytest.raises(KeyError, match='foo'):
        convert_mamp_reference_state_dict({'foo.weight': t})


def test_tool_on_fixture_parameters(mamp_reference, tmp_path):
    """A reference-style checkpoint of the fixture's param/* tensors converts into one that
    ``MAMP`` loads strictly and the backbone's ``init_cfg`` loads strictly."""
    from mmengine.runner import load_checkpoint
    manifest, arrays, helpers = mamp_reference
    params = {k[len('param/'):]: torch.from_numpy(v) for k, v in arrays.items()
              if k.startswith('param/')}
    src, dst = tmp_path / 'checkpoint-399.pth', tmp_path / 'mamp.pth'
    torch.save(dict(model=params, epoch=399, args=argparse.Namespace(lr=1e-3)), src)
    tool().main([str(src), str(dst)])
    expected = helpers.build(manifest, arrays, torch.float32)
    model = helpers.build(manifest, arrays, torch.float32)
    for module in (model.backbone, model.head):
        module.reset_parameters()
    load_checkpoint(model, str(dst), strict=True)
    for name, value in expected.state_dict().items():
        assert torch.equal(model.state_dict()[name], value), name
    model.backbone.reset_parameters()
    model.backbone.init_cfg = dict(type='Pretrained', checkpoint=str(dst), prefix='backbone.')
    model.backbone.init_weights()
    for name, value in expected.backbone.state_dict().items():
        assert torch.equal(model.backbone.state_dict()[name], value), name
