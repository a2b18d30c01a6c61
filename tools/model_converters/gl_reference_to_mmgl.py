"""Convert a reference GL-Transformer checkpoint into an mmgl (mmengine) checkpoint.

Accepts the reference's pretraining model, its encoder-only ``epochN`` files and its
linear-evaluation models (see ``mmgl.models.utils.reference_ckpt``). The output
``{'state_dict': ..., 'meta': ...}`` loads with ``tools/test.py --checkpoint``-style
``load_from`` or ``init_cfg=dict(type='Pretrained', checkpoint=OUT, prefix='backbone.')``.

Example:
    python tools/model_converters/gl_reference_to_mmgl.py epoch120 gl_ntu60_xsub.pth
"""
import argparse
import os
import os.path as osp
import sys
from typing import List, Optional

import torch

import mmgl  # noqa: F401  (shims)
from mmgl.models.utils import convert_reference_state_dict, load_reference_state_dict

REFERENCE = 'Boeun-Kim/GL-Transformer@e903e38'


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('src', help='reference checkpoint (a state dict saved by torch.save)')
    parser.add_argument('dst', help='mmgl checkpoint to write')
    parser.add_argument('--backbone-only', action='store_true',
                        help='keep only the encoder (drop MPDP heads and the classifier)')
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    state_dict = convert_reference_state_dict(load_reference_state_dict(args.src))
    if args.backbone_only:
        state_dict = {k: v for k, v in state_dict.items() if k.startswith('backbone.')}
    parts = sorted({k.split('.', 1)[0] for k in state_dict})
    meta = dict(converted_from=osp.basename(args.src), reference=REFERENCE, parts=parts)
    os.makedirs(osp.dirname(osp.abspath(args.dst)), exist_ok=True)
    torch.save(dict(state_dict=state_dict, meta=meta), args.dst)
    print(f'{len(state_dict)} tensors ({", ".join(parts)}) -> {args.dst}')


if __name__ == '__main__':
    main(sys.argv[1:])
