"""Helpers for the reference-parity tests: build mmgl modules from a gl_reference or a
mamp_reference fixture folder (sizes from its manifest), exposed as the ``gl_reference`` and
``mamp_reference`` fixtures."""
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Dict, Tuple

import numpy as np
import pytest
import torch

from mmgl.models import GLClsHead, GLTransformer, MPDPHead
from mmgl.models.utils import convert_reference_state_dict

# The reference hard-codes two interleaved persons and joint 20 as the global token.
REFERENCE_PERSONS = 2
REFERENCE_CENTER = 20
PAD = 99.9


def load_fixture(reference_dir: Path) -> Tuple[dict, Dict[str, np.ndarray]]:
    manifest = json.loads((reference_dir / 'manifest.json').read_text())
    arrays = np.load(reference_dir / 'model.npz')
    return manifest, {name: arrays[name] for name in arrays.files}


def build_modules(manifest: dict, arrays: Dict[str, np.ndarray], dtype: torch.dtype,
                  reference_math: bool):
    """GLTransformer, MPDPHead and GLClsHead in eval mode, fixture parameters loaded through
    the checkpoint converter."""
    cfg = manifest['config']['model']
    num_tokens = cfg['num_joint']
    backbone = GLTransformer(
        num_joints=num_tokens // REFERENCE_PERSONS, center=REFERENCE_CENTER,
        num_person=REFERENCE_PERSONS, in_channels=cfg['input_channel'],
        embed_dims=cfg['dim_emb'], depth=cfg['depth'], num_heads=cfg['num_heads'],
        mlp_ratio=cfg['ff_expand'], max_frames=cfg['num_frame'], qkv_bias=cfg['qkv_bias'],
        drop_rate=cfg['do_rate'], attn_drop_rate=cfg['attn_do_rate'],
        drop_path_rate=cfg['drop_path_rate'],
        pos_embed='learnable' if cfg['add_positional_emb'] else 'none',
        reference_math=reference_math)
    loss_cfg = manifest['config']['loss']
    head = MPDPHead(num_tokens * cfg['dim_emb'], num_tokens, cfg['intervals'],
                    lambda_global=loss_cfg['lambda_global'], lambda_mag=loss_cfg['lambda_mag'],
                    global_tokens=backbone.global_tokens)
    cls_head = GLClsHead(manifest['config']['downstream']['num_action_class'],
                         num_tokens * cfg['dim_emb'])
    reference = {k[len('param/'):]: torch.from_numpy(v) for k, v in arrays.items()
                 if k.startswith('param/')}
    reference.update({k[len('downstream_param/'):]: torch.from_numpy(v)
                      for k, v in arrays.items() if k.startswith('downstream_param/')})
    state = convert_reference_state_dict(reference)
    for prefix, module in (('backbone.', backbone), ('head.', head), ('cls_head.', cls_head)):
        part = {k[len(prefix):]: v for k, v in state.items() if k.startswith(prefix)}
        module.load_state_dict(part, strict=True)
    return tuple(m.to(dtype).eval() for m in (backbone, head, cls_head))


def reference_input(arrays: Dict[str, np.ndarray], dtype: torch.dtype
                    ) -> Tuple[torch.Tensor, torch.Tensor]:
    """The fixture input as ``(B, M, T, V, C)`` in ``dtype`` and ``valid_len`` derived, per the
    fixture convention, from the x coordinate of token 0 not being 99.9 in that dtype."""
    x = torch.from_numpy(arrays['x']).to(dtype)  # (B, C, T, V*M)
    B, C, T, N = x.shape
    valid = x[:, 0, :, 0] != torch.tensor(PAD, dtype=dtype)
    valid_len = valid.sum(1)
    # mmgl carries valid_len as data; this only holds when padding is a suffix.
    assert torch.equal(valid, torch.arange(T)[None] < valid_len[:, None])
    x = x.view(B, C, T, N // REFERENCE_PERSONS, REFERENCE_PERSONS).permute(0, 4, 2, 3, 1)
    return x.contiguous(), valid_len


def logits_reference_layout(logits: torch.Tensor) -> torch.Tensor:
    """``(B, T, R, N, K)`` -> the reference's ``(B, K, T, R*N)``."""
    B, T, R, N, K = logits.shape
    return logits.permute(0, 4, 1, 2, 3).reshape(B, K, T, R * N)


@pytest.fixture(scope='session')
def gl_reference(reference_dir):
    """``(manifest, arrays, helpers)`` of the reference fixture folder."""
    manifest, arrays = load_fixture(reference_dir)
    helpers = SimpleNamespace(build_modules=build_modules, reference_input=reference_input,
                              logits_reference_layout=logits_reference_layout)
    return manifest, arrays, helpers


@pytest.fixture(autouse=True, scope='session')
def mmaction_default_scope():
    """mmaction's own modules (data preprocessor, losses) resolve through the default scope,
    as they do under a config with ``default_scope='mmaction'``."""
    from mmengine.registry import init_default_scope
    init_default_scope('mmaction')


# ---------------------------------------------------------------------------------------------
# MAMP (mamp_reference fixture folder; ``MMGL_MAMP_FIXTURES``)

def build_mamp(manifest: dict, arrays: Dict[str, np.ndarray], dtype: torch.dtype,
               norm_target: bool = True, features: str = 'patch'):
    """A ``MAMP`` model in eval mode, every size from the manifest, the fixture parameters
    loaded strictly through the checkpoint converter."""
    from mmaction.registry import MODELS
    from mmgl.models.utils import convert_mamp_reference_state_dict
    config = manifest['config']
    cfg = config['model']
    num_person = arrays['x'].shape[-1]
    backbone = dict(
        type='MAMPTransformer', num_joints=cfg['num_joints'], num_person=num_person,
        in_channels=cfg['dim_in'], embed_dims=cfg['dim_feat'], depth=cfg['depth'],
        num_heads=cfg['num_heads'], mlp_ratio=cfg['mlp_ratio'], num_frames=cfg['num_frames'],
        t_patch_size=cfg['t_patch_size'], patch_size=cfg['patch_size'],
        qkv_bias=cfg['qkv_bias'], drop_rate=cfg['drop_rate'],
        attn_drop_rate=cfg['attn_drop_rate'], drop_path_rate=cfg['drop_path_rate'],
        features=features)
    model = MODELS.build(dict(
        type='MAMP', backbone=backbone,
        head=dict(type='MAMPDecoder', decoder_dims=cfg['decoder_dim_feat'],
                  decoder_depth=cfg['decoder_depth']),
        masking=dict(type='MotionAwareMasking', mask_ratio=config['mask_ratio'],
                     tau=config['motion_aware_tau']),
        target_generator=dict(type='MAMPTargetGenerator',
                              motion_stride=config['motion_stride'],
                              norm_target=norm_target)))
    reference = {k[len('param/'):]: torch.from_numpy(v) for k, v in arrays.items()
                 if k.startswith('param/')}
    model.load_state_dict(convert_mamp_reference_state_dict(reference), strict=True)
    return model.to(dtype).eval()


def mamp_input(arrays: Dict[str, np.ndarray], dtype: torch.dtype) -> torch.Tensor:
    """The fixture batch ``(N, C, T, V, M)`` as mmgl's ``(N, M, T, V, C)``."""
    return torch.from_numpy(arrays['x']).permute(0, 4, 2, 3, 1).to(dtype).contiguous()


@pytest.fixture(scope='session')
def mamp_reference_dir() -> Path:
    """The MAMP golden-array folder: ``MMGL_MAMP_FIXTURES`` (default
    ``../shared/fixtures/mamp_reference``, relative to the repository root)."""
    import os
    path = Path(os.environ.get('MMGL_MAMP_FIXTURES', '../shared/fixtures/mamp_reference'))
    if not path.is_absolute():
        path = (Path(__file__).resolve().parents[2] / path).resolve()
    if not (path / 'manifest.json').is_file() or not (path / 'model.npz').is_file():
        pytest.skip(f'MAMP reference fixtures not found at {path} (set MMGL_MAMP_FIXTURES)')
    return path


@pytest.fixture(scope='session')
def mamp_reference(mamp_reference_dir):
    """``(manifest, arrays, helpers)`` of the MAMP fixture folder."""
    manifest, arrays = load_fixture(mamp_reference_dir)
    helpers = SimpleNamespace(build=build_mamp, input=mamp_input)
    return manifest, arrays, helpers
