"""Dropout with a cheaper mask on CPU.

PyTorch's CPU dropout draws its mask with ``bernoulli_``, which costs about twice as much
as drawing uniform numbers (``torch.rand``) and comparing them with ``p``: 8% of an NTU-sized
MPDP step and 21% of the demo's on 2 CPU cores (``docs/benchmarks.md``). Same distribution
(each element kept with probability ``1 - p``, kept ones scaled by ``1 / (1 - p)``), other
random numbers. Other devices use ``F.dropout`` (fused kernels there).
"""
import torch
import torch.nn.functional as F
from torch import nn


class _ScaledMask(torch.autograd.Function):
    """``x * mask`` with a float mask already holding ``keep / (1 - p)``: one pass over ``x``
    forward and one over the gradient backward (float32 only: ``x * 1 * s == x * s`` exactly
    there, so the result is bitwise the one of :class:`_MaskedScale`)."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(mask)
        return x * mask

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        mask, = ctx.saved_tensors
        return grad * mask, None


class _MaskedScale(torch.autograd.Function):
    """``x * keep / (1 - p)``, saving only the bool mask for the backward pass."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, keep: torch.Tensor, scale: float) -> torch.Tensor:
        ctx.save_for_backward(keep)
        ctx.scale = scale
        return x.mul(keep).mul_(scale)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        keep, = ctx.saved_tensors
        return grad.mul(keep).mul_(ctx.scale), None, None


def dropout(x: torch.Tensor, p: float, training: bool) -> torch.Tensor:
    """Inverted dropout of any shape; identity when not training or ``p == 0``.

    Args:
        x (torch.Tensor): Input, any shape and float dtype.
        p (float): Probability of zeroing an element, in ``[0, 1)``.
        training (bool): Apply only when True.

    Returns:
        torch.Tensor: Same shape and dtype as ``x``.
    """
    if not training or p == 0.:
        return x
    if x.device.type != 'cpu':
        return F.dropout(x, p, True)
    draw = torch.rand(x.shape, dtype=torch.float32)
    if x.dtype == torch.float32:
        # The same draw and the same kept elements; a multiply by bool would convert the
        # mask on every pass (twice the cost of a float multiply on CPU).
        return _ScaledMask.apply(x, draw.ge_(p).mul_(1. / (1. - p)))
    return _MaskedScale.apply(x, draw >= p, 1. / (1. - p))


class Dropout(nn.Dropout):
    """``nn.Dropout`` through :func:`dropout` (the cheaper CPU mask)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return dropout(x, self.p, self.training)
