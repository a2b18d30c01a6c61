"""Helpers for the reference-parity tests: build mmgl modules from a gl_reference fixture
folder (sizes from its manifest), exposed as the ``gl_reference`` fixture."""
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
