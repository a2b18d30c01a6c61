"""``torch.compile`` on a backbone's blocks, with dynamic shapes.

Only the blocks are compiled: the entry (:func:`mmgl.models.utils.unpack_inputs`) builds
index tensors whose sizes depend on the data (``nonzero``), which would break the graph
anyway, and the blocks are where the time goes. Shapes are dynamic (``dynamic=True``) rather
than bucketed: a GL-Transformer batch changes two sizes from step to step, the packed row
count ``S = sum(valid_len)`` and the scratch width ``max_len``; symbolic sizes compile the
block once for all of them (sizes 0 and 1 are specialised, so a batch whose longest sample
has one frame compiles once more), and no padding changes the work. MAMP's blocks see a fixed
number of visible patches, so they compile once either way.
"""
from typing import Any, Dict, Optional

import torch
from torch import nn


def compile_backbone(backbone: nn.Module, options: Optional[Dict[str, Any]] = None
                     ) -> nn.Module:
    """Compile each block of ``backbone.blocks`` in place (``forward`` and, for
    GL-Transformer blocks, ``forward_packed``).

    Args:
        backbone (nn.Module): A ``GLTransformer`` or ``MAMPTransformer`` (any module with
            a ``blocks`` ModuleList).
        options (dict, optional): ``torch.compile`` keyword arguments; defaults to
            ``dict(dynamic=True)``.

    Returns:
        nn.Module: ``backbone`` itself.

    Note:
        Compiled code draws its own random numbers: dropout masks differ from eager ones
        (the same distribution), so a compiled training run is not bitwise the eager one.
    """
    options = dict(dynamic=True) if options is None else dict(options)
    for block in backbone.blocks:
        for name in ('forward', 'forward_packed'):
            method = getattr(block, name, None)
            if method is not None:
                setattr(block, name, torch.compile(method, **options))
    return backbone
