"""Reference GL-Transformer checkpoints -> mmgl state dicts (fixture README section 7).

Handles the reference's three kinds of checkpoint: the whole pretraining model
(``transformer.*``, ``dir_pred_list.*``, ``mag_pred_list.*``), the encoder alone as the
pretraining script saves it (the ``transformer.*`` names without the prefix), and the
linear-evaluation model (``transformer.*`` plus ``linear.*``). A leading ``module.`` (from a
multi-GPU wrapper) is stripped; the unused ``pred_token_emb`` and sinusoidal ``pe`` buffers
are dropped.
"""
import re
from collections import OrderedDict
from typing import Dict, Mapping

import torch

# (reference pattern, mmgl name template); the backbone part is relative to the encoder.
_ENCODER_RULES = [
    (r'emb\.(weight|bias)', 'emb.{0}'),
    (r'emb_global\.(weight|bias)', 'emb_global.{0}'),
    (r'encoder_blocks\.(\d+)\.positional_emb', 'blocks.{0}.pos_embed'),
    (r'encoder_blocks\.(\d+)\.norm1_sp\.(weight|bias)', 'blocks.{0}.norm_spatial.{1}'),
    (r'encoder_blocks\.(\d+)\.attention_sp\.(qkv|proj)\.(weight|bias)',
     'blocks.{0}.attn_spatial.{1}.{2}'),
    (r'encoder_blocks\.(\d+)\.norm1_tm\.(weight|bias)', 'blocks.{0}.norm_temporal.{1}'),
    (r'encoder_blocks\.(\d+)\.attention_tm\.(qkv|proj)\.(weight|bias)',
     'blocks.{0}.attn_temporal.{1}.{2}'),
    (r'encoder_blocks\.(\d+)\.norm2\.(weight|bias)', 'blocks.{0}.norm_ffn.{1}'),
    (r'encoder_blocks\.(\d+)\.feedforward\.(fc1|fc2)\.(weight|bias)', 'blocks.{0}.ffn.{1}.{2}'),
    (r'norm\.(weight|bias)', 'norm.{0}'),
    (r'mlp\.([0235])\.(weight|bias)', 'head_mlp.{0}.{1}'),
]
_ENCODER_DROPPED = [r'pred_token_emb', r'encoder_blocks\.\d+\.(tm|sp)_pos_encoder\.pe']
_HEAD_RULES = [
    (r'dir_pred_list\.(\d+)\.linear\.0\.(weight|bias)', 'dir_preds.{0}.{1}'),
    (r'mag_pred_list\.(\d+)\.linear\.0\.(weight|bias)', 'mag_preds.{0}.{1}'),
]
_CLS_RULES = [(r'linear\.(weight|bias)', 'fc.{0}')]


def _match(rules, name):
    for pattern, template in rules:
        found = re.fullmatch(pattern, name)
        if found:
            return template.format(*found.groups())
    return None


def convert_reference_state_dict(state_dict: Mapping[str, torch.Tensor],
                                 backbone_prefix: str = 'backbone.',
                                 head_prefix: str = 'head.',
                                 cls_head_prefix: str = 'cls_head.') -> Dict[str, torch.Tensor]:
    """Rename a reference state dict to mmgl's names.

    Args:
        state_dict (Mapping[str, torch.Tensor]): Reference tensors by reference name.
        backbone_prefix (str): Prefix of the encoder (``GLTransformer``) in the mmgl model.
            Defaults to ``'backbone.'`` (``MPDP`` and recognizers).
        head_prefix (str): Prefix of ``MPDPHead``. Defaults to ``'head.'``.
        cls_head_prefix (str): Prefix of the classifier (``GLClsHead``). Defaults to
            ``'cls_head.'``.

    Returns:
        dict: mmgl name -> tensor (the positional embeddings lose their leading 1).

    Raises:
        KeyError: If a name matches no rule (nothing is dropped silently).
    """
    converted = OrderedDict()
    unknown = []
    for name, value in state_dict.items():
        name = name[len('module.'):] if name.startswith('module.') else name
        encoder_name = name[len('transformer.'):] if name.startswith('transformer.') else name
        if any(re.fullmatch(p, encoder_name) for p in _ENCODER_DROPPED):
            continue
        target = _match(_ENCODER_RULES, encoder_name)
        if target is not None:
            if target.endswith('pos_embed'):
                value = value.reshape(value.shape[-3:])
            converted[backbone_prefix + target] = value
            continue
        target = _match(_HEAD_RULES, name)
        if target is not None:
            converted[head_prefix + target] = value
            continue
        target = _match(_CLS_RULES, name)
        if target is not None:
            converted[cls_head_prefix + target] = value
            continue
        unknown.append(name)
    if unknown:
        raise KeyError(f'not reference GL-Transformer parameters: {unknown}')
    return converted


def load_reference_state_dict(path: str) -> Dict[str, torch.Tensor]:
    """Load a reference checkpoint file (a bare state dict, or one under ``state_dict``)."""
    checkpoint = torch.load(path, map_location='cpu', weights_only=True)
    if isinstance(checkpoint, Mapping) and 'state_dict' in checkpoint:
        checkpoint = checkpoint['state_dict']
    return dict(checkpoint)
