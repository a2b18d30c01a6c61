"""Convert a reference MAMP checkpoint into an mmgl (mmengine) checkpoint.

Accepts the reference's ``checkpoint-<epoch>.pth`` files (``{'model': state_dict, ...}``,
encoder and decoder) and, with ``--backbone-only``, its downstream models (see
``mmgl.models.utils.mamp_reference_ckpt``). The output ``{'state_dict': ..., 'meta': ...}``
resumes ``MAMP`` pretraining through ``load_from``, or initialises an encoder through
``init_cfg=dict(type='Pretrained', checkpoint=OUT, prefix='backbone.')``.

Example:
    python tools/model_converters/mamp_reference_to_mmgl.py checkpoint-399.pth mamp_ntu60.pth
"""
import sys
from typing import Dict

import torch

import mmgl  # noqa: F401  (shims)
from mmgl.models.utils import convert_mamp_reference_state_dict, load_mamp_reference_state_dict
from mmgl.apis.converter_cli import converter_main

REFERENCE = 'maoyunyao/MAMP@09e6252'


def convert(src: str, backbone_only: bool) -> Dict[str, torch.Tensor]:
    """The mmgl state dict of the reference checkpoint ``src`` (encoder and decoder, or the
    encoder alone with ``backbone_only``)."""
    return convert_mamp_reference_state_dict(load_mamp_reference_state_dict(src),
                                             backbone_only=backbone_only)


main = converter_main(__doc__, 'reference checkpoint (checkpoint-<epoch>.pth)',
                      'keep only the encoder (drop the decoder and any classifier)',
                      convert, REFERENCE)

if __name__ == '__main__':
    main(sys.argv[1:])
