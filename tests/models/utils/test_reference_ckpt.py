import pytest
import torch
from mmengine.runner import load_checkpoint

from mmaction.registry import MODELS
from mmgl.models.utils import convert_reference_state_dict
from tests.utils import load_tool



def tool():
    return load_tool('model_converters/gl_reference_to_mmgl.py')


def test_names():
    t = torch.zeros(1)
    converted = convert_reference_state_dict({
        'module.transformer.emb.weight': t,
        'module.transformer.encoder_blocks.3.attention_tm.qkv.bias': t,
        'module.transformer.encoder_blocks.3.positional_emb': torch.zeros(1, 4, 2, 3),
        'module.transformer.encoder_blocks.3.tm_pos_encoder.pe': t,
        'module.transformer.pred_token_emb': t,
        'module.transformer.mlp.5.weight': t,
        'module.linear.bias': t,
        'module.dir_pred_list.2.linear.0.weight': t,
    })
    assert list(converted) == [
        'backbone.emb.weight', 'backbone.blocks.3.attn_temporal.qkv.bias',
        'backbone.blocks.3.pos_embed', 'backbone.head_mlp.5.weight', 'cls_head.fc.bias',
        'head.dir_preds.2.weight']
    assert converted['backbone.blocks.3.pos_embed'].shape == (4, 2, 3)
    # encoder-only checkpoints (pretraining script): no 'transformer.' prefix
    encoder = convert_reference_state_dict({'encoder_blocks.0.norm2.weight': t, 'norm.bias': t})
    assert list(encoder) == ['backbone.blocks.0.norm_ffn.weight', 'backbone.norm.bias']
    with pytest.raises(KeyError, match='foo'):
        convert_reference_state_dict({'foo.weight': t})


@pytest.fixture(scope='module')
def reference_state(gl_reference):
    manifest, arrays, helpers = gl_reference
    params = {k[len('param/'):]: torch.from_numpy(v) for k, v in arrays.items()
              if k.startswith('param/')}
    linear = {k[len('downstream_param/'):]: torch.from_numpy(v) for k, v in arrays.items()
              if k.startswith('downstream_param/')}
    return manifest, params, linear


def model_cfg(manifest, kind):
    cfg = manifest['config']['model']
    backbone = dict(type='GLTransformer', num_joints=cfg['num_joint'] // 2, center=20,
                    embed_dims=cfg['dim_emb'], depth=cfg['depth'], num_heads=cfg['num_heads'],
                    mlp_ratio=cfg['ff_expand'], max_frames=cfg['num_frame'])
    wide = cfg['num_joint'] * cfg['dim_emb']
    if kind == 'mpdp':
        return dict(type='MPDP', backbone=backbone,
                    head=dict(type='MPDPHead', in_channels=wide, num_tokens=cfg['num_joint'],
                              intervals=cfg['intervals']),
                    target_generator=dict(type='MPDPTargetGenerator',
                                          intervals=cfg['intervals']))
    classes = manifest['config']['downstream']['num_action_class']
    return dict(type='RecognizerGL', backbone=backbone,
                cls_head=dict(type='GLClsHead', num_classes=classes, in_channels=wide))


def test_tool_converts_the_three_reference_kinds(reference_state, tmp_path):
    manifest, params, linear = reference_state
    convert = tool()
    # 1. the whole pretraining model -> MPDP, strict
    torch.save(params, tmp_path / 'pretrain.pth')
    convert.main([str(tmp_path / 'pretrain.pth'), str(tmp_path / 'mpdp.pth')])
    mpdp = MODELS.build(model_cfg(manifest, 'mpdp'))
    load_checkpoint(mpdp, str(tmp_path / 'mpdp.pth'), strict=True)
    torch.testing.assert_close(mpdp.head.mag_preds[1].weight,
                               params['mag_pred_list.1.linear.0.weight'])
    # 2. encoder-only file from a multi-GPU run -> init_cfg Pretrained with prefix
    encoder = {'module.' + k[len('transformer.'):]: v for k, v in params.items()
               if k.startswith('transformer.')}
    torch.save(encoder, tmp_path / 'epoch120')
    convert.main([str(tmp_path / 'epoch120'), str(tmp_path / 'encoder.pth')])
    cfg = model_cfg(manifest, 'recognizer')
    cfg['backbone']['init_cfg'] = dict(type='Pretrained', checkpoint=str(tmp_path / 'encoder.pth'),
                                       prefix='backbone.')
    recognizer = MODELS.build(cfg)
    recognizer.init_weights()
    torch.testing.assert_close(recognizer.backbone.blocks[0].pos_embed,
                               params['transformer.encoder_blocks.0.positional_emb'][0])
    # 3. linear-evaluation model -> RecognizerGL with its classifier, strict
    torch.save({**params, **linear}, tmp_path / 'linear.pth')
    convert.main([str(tmp_path / 'linear.pth'), str(tmp_path / 'recognizer.pth'),
                  '--backbone-only'])
    assert all(k.startswith('backbone.') for k in torch.load(
        tmp_path / 'recognizer.pth')['state_dict'])
    torch.save({k: v for k, v in {**params, **linear}.items()
                if not k.startswith(('dir_', 'mag_'))}, tmp_path / 'linear.pth')
    convert.main([str(tmp_path / 'linear.pth'), str(tmp_path / 'recognizer.pth')])
    recognizer = MODELS.build(model_cfg(manifest, 'recognizer'))
    checkpoint = load_checkpoint(recognizer, str(tmp_path / 'recognizer.pth'), strict=True)
    assert checkpoint['meta']['parts'] == ['backbone', 'cls_head']
    torch.testing.assert_close(recognizer.cls_head.fc.weight, linear['linear.weight'])
