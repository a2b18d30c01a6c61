"""The command line shared by the reference-checkpoint converters (tools/model_converters)."""
import argparse
import os
import os.path as osp
from typing import Callable, Dict, List, Optional

import torch

#: ``convert(src, backbone_only)``: the mmgl state dict of the reference checkpoint ``src``
Convert = Callable[[str, bool], Dict[str, torch.Tensor]]


def converter_main(doc: str, src_help: str, backbone_only_help: str, convert: Convert,
                   reference: str) -> Callable[[Optional[List[str]]], None]:
    """A converter's ``main(argv)``: parse ``SRC DST [--backbone-only]``, convert ``SRC``
    and save it as an mmengine checkpoint ``{'state_dict': ..., 'meta': ...}`` at ``DST``.

    Args:
        doc (str): The tool's module docstring; its first paragraph is the description.
        src_help (str): Help of the ``src`` argument.
        backbone_only_help (str): Help of ``--backbone-only``.
        convert (Convert): Loads and converts ``src``.
        reference (str): The reference repository and commit, stored in ``meta``.

    Returns:
        Callable: ``main(argv=None)``; None parses ``sys.argv[1:]``.
    """

    def main(argv: Optional[List[str]] = None) -> None:
        parser = argparse.ArgumentParser(description=doc.split('\n\n')[0])
        parser.add_argument('src', help=src_help)
        parser.add_argument('dst', help='mmgl checkpoint to write')
        parser.add_argument('--backbone-only', action='store_true', help=backbone_only_help)
        args = parser.parse_args(argv)
        state_dict = convert(args.src, args.backbone_only)
        parts = sorted({k.split('.', 1)[0] for k in state_dict})
        meta = dict(converted_from=osp.basename(args.src), reference=reference, parts=parts)
        os.makedirs(osp.dirname(osp.abspath(args.dst)), exist_ok=True)
        torch.save(dict(state_dict=state_dict, meta=meta), args.dst)
        print(f'{len(state_dict)} tensors ({", ".join(parts)}) -> {args.dst}')

    return main
