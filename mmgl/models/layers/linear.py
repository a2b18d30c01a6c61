"""``nn.Linear`` whose CPU float32 products can run in oneDNN instead of torch's default GEMM.

On x86, torch computes a CPU fp32 ``F.linear`` (the forward product and both backward
products) with MKL's sgemm. At the GL-Transformer's shapes (680 frames x 2,400-7,200
features, 2 threads of an AMD EPYC) oneDNN's matmul, which torch also ships, is faster: the
qkv projection's forward 112 ms instead of 146-153 ms, an NTU-60 training step 1.05-1.31x
(``docs/benchmarks.md``). Inside :func:`onednn_linear`, :class:`Linear`
computes all three products with it (``torch.ops.mkldnn._linear_pointwise``) for float32
CPU inputs outside autocast and outside compiled code (the compiler picks its own products);
otherwise, and where torch has no oneDNN, it is ``nn.Linear``.
Results differ from MKL's in float rounding only (another summation order); parameters and
state-dict keys are ``nn.Linear``'s.
"""
from contextlib import contextmanager
from typing import Iterator, Optional

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ['Linear', 'onednn_linear']


def _onednn_op():
    if not torch.backends.mkldnn.is_available():
        return None
    try:
        return torch.ops.mkldnn._linear_pointwise
    except (AttributeError, RuntimeError):
        return None


_OP = _onednn_op()
_active = False


@contextmanager
def onednn_linear(enabled: bool = True) -> Iterator[bool]:
    """Within the block, :class:`Linear` layers use oneDNN on CPU float32 inputs.

    Yields:
        bool: Whether oneDNN is in use (False when ``enabled`` is False or torch lacks it).
    """
    global _active
    previous, _active = _active, bool(enabled) and _OP is not None
    try:
        yield _active
    finally:
        _active = previous


def _product(x: torch.Tensor, weight: torch.Tensor,
             bias: Optional[torch.Tensor] = None) -> torch.Tensor:
    """``x @ weight.T (+ bias)`` in oneDNN: ``x (R, K)``, ``weight (N, K)`` -> ``(R, N)``."""
    return _OP(x, weight, bias, 'none', [], '')


class _OneDNNLinear(torch.autograd.Function):
    """``x (R, in) -> (R, out)``; backward: ``grad @ W`` and ``grad^T @ x`` in oneDNN too."""

    @staticmethod
    def forward(ctx, x, weight, bias):
        ctx.save_for_backward(x, weight)
        ctx.has_bias = bias is not None
        return _product(x, weight, bias)

    @staticmethod
    def backward(ctx, grad):
        x, weight = ctx.saved_tensors
        grad = grad.contiguous()
        need_x, need_w, need_b = ctx.needs_input_grad
        grad_x = _product(grad, weight.t()) if need_x else None
        grad_w = _product(grad.t(), x.t()) if need_w else None
        grad_b = grad.sum(0) if ctx.has_bias and need_b else None
        return grad_x, grad_w, grad_b


class Linear(nn.Linear):
    """``nn.Linear`` that computes in oneDNN inside :func:`onednn_linear` (module
    docstring). Input ``(..., in_features)`` -> ``(..., out_features)``."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if (_active and not torch.compiler.is_compiling() and x.device.type == 'cpu'
                and x.dtype == torch.float32
                and self.weight.dtype == torch.float32
                and not torch.is_autocast_enabled('cpu')):
            out = _OneDNNLinear.apply(x.reshape(-1, self.in_features), self.weight, self.bias)
            return out.view(*x.shape[:-1], self.out_features)
        return F.linear(x, self.weight, self.bias)
