"""Convert a reference GL-Transformer checkpoint into an mmgl (mmengine) checkpoint.

Accepts the reference's pretraining model, its encoder-only ``epochN`` files and its
linear-evaluation models (see ``mmgl.models.utils.reference_ckpt``). The output
``{'state_dict': ..., 'meta': ...}`` loads with ``tools/test.py --checkpoint``-style
``load_from`` or ``init_cfg=dict(type='Pretrained', checkpoint=OUT, prefix='backbone.')``.

Example:
    python tools/model_converters/gl_reference_to_mmgl.py epoch120 gl_ntu60_xsub.pth
"""
import sys
from typing import Dict

import torch

import mmgl  # noqa: F401  (shims)
from mmgl.models.utils import convert_reference_state_dict, load_reference_state_dict
from mmgl.apis.converter_cli import converter_main

REFERENCE = 'Boeun-Kim/GL-Transformer@e903e38'


def convert(src: str, backbone_only: bool) -> Dict[str, torch.Tensor]:
    """The mmgl state dict of the reference checkpoint ``src`` (only ``backbone.*`` keys
    with ``backbone_only``)."""
    state_dict = convert_reference_state_dict(load_reference_state_dict(src))
    if backbone_only:
        state_dict = {k: v for k, v in state_dict.items() if k.startswith('backbone.')}
    return state_dict


main = converter_main(__doc__, 'reference checkpoint (a state dict saved by torch.save)',
                      'keep only the encoder (drop MPDP heads and the classifier)',
                      convert, REFERENCE)

if __name__ == '__main__':
    main(sys.argv[1:])
