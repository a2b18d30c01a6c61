"""Reference MAMP checkpoints -> mmgl state dicts.

The reference (Mao et al., ICCV 2023; maoyunyao/MAMP) saves ``{'model': state_dict, ...}``.
Its pretraining model holds the encoder (``joints_embed.*``, ``pos_embed``, ``temp_embed``,
``blocks.*``, ``norm.*``) and the decoder (``decoder_*``, ``mask_token``); mmgl's
``MAMPTransformer`` and ``MAMPDecoder`` use the same names, so the conversion is a prefix
map. Its downstream models add a classifier under ``head.*``, which has no mmgl counterpart
here: convert those with ``backbone_only=True``.
"""
import argparse
import re
from collections import OrderedDict
from typing import Dict, Mapping

import torch

_ENCODER = re.compile(r'(joints_embed\.proj\.(weight|bias)|pos_embed|temp_embed'
                      r'|blocks\.\d+\.(norm1|norm2|attn\.qkv|attn\.proj|mlp\.fc1|mlp\.fc2)'
                      r'\.(weight|bias)|norm\.(weight|bias))')
_DECODER = re.compile(r'(decoder_embed\.(weight|bias)|mask_token|decoder_pos_embed'
                      r'|decoder_temp_embed|decoder_blocks\.\d+\.(norm1|norm2|attn\.qkv'
                      r'|attn\.proj|mlp\.fc1|mlp\.fc2)\.(weight|bias)'
                      r'|decoder_norm\.(weight|bias)|decoder_pred\.(weight|bias))')
_CLASSIFIER = re.compile(r'head\..+')


def convert_mamp_reference_state_dict(state_dict: Mapping[str, torch.Tensor],
                                      backbone_prefix: str = 'backbone.',
                                      head_prefix: str = 'head.',
                                      backbone_only: bool = False) -> Dict[str, torch.Tensor]:
    """Rename a reference MAMP state dict to mmgl's names.

    Args:
        state_dict (Mapping[str, torch.Tensor]): Reference tensors by reference name (a
            leading ``module.`` is stripped).
        backbone_prefix (str): Prefix of ``MAMPTransformer`` in the mmgl model. Defaults to
            ``'backbone.'``.
        head_prefix (str): Prefix of ``MAMPDecoder`` in ``MAMP``. Defaults to ``'head.'``.
        backbone_only (bool): Keep only the encoder; the decoder and a downstream
            classifier are dropped. Defaults to False.

    Returns:
        dict: mmgl name -> tensor.

    Raises:
        KeyError: If a name matches no rule, or is a downstream classifier without
            ``backbone_only`` (nothing is dropped silently).
    """
    converted = OrderedDict()
    unknown, classifier = [], []
    for name, value in state_dict.items():
        name = name[len('module.'):] if name.startswith('module.') else name
        if _ENCODER.fullmatch(name):
            converted[backbone_prefix + name] = value
        elif _DECODER.fullmatch(name):
            if not backbone_only:
                converted[head_prefix + name] = value
        elif _CLASSIFIER.fullmatch(name):
            if not backbone_only:
                classifier.append(name)
        else:
            unknown.append(name)
    if unknown:
        raise KeyError(f'not reference MAMP parameters: {unknown}')
    if classifier:
        raise KeyError(f'reference downstream classifier tensors {classifier} have no mmgl '
                       'name; convert the encoder alone (backbone_only=True)')
    return converted


def load_mamp_reference_state_dict(path: str) -> Dict[str, torch.Tensor]:
    """Load a reference MAMP checkpoint file (its ``'model'`` entry, or a bare state dict).

    The reference stores its ``argparse`` arguments beside the weights; they are allowed
    through ``weights_only`` loading and discarded.
    """
    with torch.serialization.safe_globals([argparse.Namespace]):
        checkpoint = torch.load(path, map_location='cpu', weights_only=True)
    if isinstance(checkpoint, Mapping) and 'model' in checkpoint:
        checkpoint = checkpoint['model']
    return dict(checkpoint)
