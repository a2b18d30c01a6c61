"""Fixed sinusoidal position tables (the reference's 'fix' ablation)."""
import math

import torch


def sine_table(length: int, dims: int) -> torch.Tensor:
    """The transformer sin/cos table: ``[p, 2i] = sin(p w_i)``, ``[p, 2i+1] = cos(p w_i)``.

    ``w_i = 10000^(-2i / dims)``. Returns ``(length, dims)`` float32.
    """
    position = torch.arange(length, dtype=torch.float32)[:, None]
    freq = torch.exp(torch.arange(0, dims, 2, dtype=torch.float32) * (-math.log(10000.0) / dims))
    table = torch.zeros(length, dims)
    table[:, 0::2] = torch.sin(position * freq)
    table[:, 1::2] = torch.cos(position * freq)[:, :dims // 2]
    return table
