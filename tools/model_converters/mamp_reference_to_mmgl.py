"""Convert a reference MAMP checkpoint into an mmgl (mmengine) checkpoint.

Accepts the reference's ``checkpoint-<epoch>.pth`` files (``{'model': state_dict, ...}``,
encoder and decoder) and, with ``--backbone-only``, its downstream models (see
``mmgl.models.utils.mamp_reference_ckpt``). The output ``{'state_dict': ..., 'meta': ...}``
resumes ``MAMP`` pretraining through ``load_from``, or initialises an encoder through
``init_cfg=dict(type='Pretrained', checkpoint=OUT, prefix='backbone.')``.

Example:
    python tools/model_converters/mamp_reference_to_mmgl.py checkpoint-399.pth mamp_ntu60.pth
"""
import argparse
import os
import os.path as osp
import sys
from typing import List, Optional

import torch

import mmgl  # noqa: F401  (shims)
from mmgl.models.utils import convert_mamp_reference_state_dict, load_mamp_reference_state_dict

REFERENCE = 'maoyunyao/MAMP@09e6252'


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('src', help='reference checkpoint (checkpoint-<epoch>.pth)')
    parser.add_argument('dst', help='mmgl checkpoint to write')
    parser.add_argument('--backbone-only', action='store_true',
                        help='keep only the encoder (drop the decoder and any classifier)')
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    state_dict = convert_mamp_reference_state_dict(
        load_mamp_reference_state_dict(args.src), backbone_only=args.backbone_only)
    parts = sorted({k.split('.', 1)[0] for k in state_dict})
    meta = dict(converted_from=osp.basename(args.src), reference=REFERENCE, parts=parts)
    os.makedirs(osp.dirname(osp.abspath(args.dst)), exist_ok=True)
    torch.save(dict(state_dict=state_dict, meta=meta), args.dst)
    print(f'{len(state_dict)} tensors ({", ".join(parts)}) -> {args.dst}')


if __name__ == '__main__':
    main(sys.argv[1:])
