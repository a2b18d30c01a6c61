"""Stochastic depth that also works on packed rows."""
from typing import Optional

import torch


def drop_path(x: torch.Tensor,
              p: float,
              training: bool,
              sample_idx: Optional[torch.Tensor] = None,
              num_samples: Optional[int] = None) -> torch.Tensor:
    """Zero whole residual branches per sample and rescale the rest by ``1 / (1 - p)``.

    Args:
        x (torch.Tensor): Branch output; dim 0 indexes samples, or packed rows when
            ``sample_idx`` is given.
        p (float): Drop probability.
        training (bool): Identity when False.
        sample_idx (torch.Tensor, optional): ``(rows,)`` long, the sample each row of ``x``
            belongs to, so that every row of a sample shares one draw (packed layout).
        num_samples (int, optional): Number of samples (required with ``sample_idx``).

    Returns:
        torch.Tensor: Same shape as ``x``.
    """
    if p == 0. or not training:
        return x
    keep = 1. - p
    n = x.shape[0] if sample_idx is None else num_samples
    draw = x.new_empty((n, ) + (1, ) * (x.dim() - 1)).bernoulli_(keep).div_(keep)
    if sample_idx is not None:
        draw = draw.index_select(0, sample_idx)
    return x * draw
