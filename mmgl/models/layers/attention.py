"""Multi-head self-attention with a key-padding mask, fused or in plain math."""
from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn

from .dropout import Dropout, dropout
from .linear import Linear

# The reference fills masked scores with this instead of -inf; both give exactly zero weight
# after the softmax as long as one key is valid (there always is: valid_len >= 1).
MASKED_SCORE = -1e9


# Fused CUDA SDPA kernels want head dims that are multiples of 8 (flash and cuDNN also
# refuse large ones such as the temporal stage's 300); zero columns change no dot product
# and no output column that is kept, so padding is exact.
HEAD_DIM_MULTIPLE = 8


def padded_sdpa(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor,
                attn_mask: Optional[torch.Tensor], dropout_p: float, scale: float,
                multiple: int = HEAD_DIM_MULTIPLE) -> torch.Tensor:
    """``F.scaled_dot_product_attention`` with q/k/v zero-padded to a head dim that is a
    multiple of ``multiple`` (the scale given explicitly, that of the unpadded head dim).

    Args:
        q, k, v (torch.Tensor): ``(B, H, L, head_dim)``.
        attn_mask (torch.Tensor, optional): Boolean, broadcastable to ``(B, H, L, L)``.
        dropout_p (float): Attention dropout.
        scale (float): Score scale, ``head_dim ** -0.5``.
        multiple (int): Pad the head dim up to a multiple of this. Defaults to 8.

    Returns:
        torch.Tensor: ``(B, H, L, head_dim)``, the unpadded attention output.
    """
    head_dim = q.shape[-1]
    pad = -head_dim % multiple
    if pad:
        q, k, v = (F.pad(t, (0, pad)) for t in (q, k, v))
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask, dropout_p=dropout_p,
                                         scale=scale)
    return out[..., :head_dim] if pad else out


class MultiheadAttention(nn.Module):
    """Self-attention with a fused q/k/v projection and an output projection.

    Parameter layout follows the reference so that checkpoints convert by renaming only:
    ``qkv`` output features are ``(3, num_heads, head_dim)`` (all q, then all k, then all v;
    heads contiguous inside each), heads are concatenated head-major before ``proj``.

    Args:
        embed_dims (int): Width of the tokens.
        num_heads (int): Number of heads; must divide ``embed_dims``.
        qkv_bias (bool): Whether the q/k/v projection has a bias. Defaults to True.
        attn_drop (float): Dropout on the attention weights. Defaults to 0.
        proj_drop (float): Dropout after the output projection. Defaults to 0.

    Example:
        >>> attn = MultiheadAttention(16, 4)
        >>> attn(torch.rand(2, 5, 16), key_mask=torch.ones(2, 5, dtype=torch.bool)).shape
        torch.Size([2, 5, 16])
    """

    def __init__(self,
                 embed_dims: int,
                 num_heads: int,
                 qkv_bias: bool = True,
                 attn_drop: float = 0.,
                 proj_drop: float = 0.) -> None:
        super().__init__()
        if embed_dims % num_heads:
            raise ValueError(f'embed_dims {embed_dims} is not divisible by num_heads {num_heads}')
        self.embed_dims = embed_dims
        self.num_heads = num_heads
        self.head_dim = embed_dims // num_heads
        self.scale = self.head_dim**-0.5
        self.attn_drop = attn_drop
        self.qkv = Linear(embed_dims, embed_dims * 3, bias=qkv_bias)
        self.proj = Linear(embed_dims, embed_dims)
        self.proj_drop = Dropout(proj_drop)

    def forward(self,
                x: torch.Tensor,
                key_mask: Optional[torch.Tensor] = None,
                use_sdpa: bool = True) -> torch.Tensor:
        """Attend among the L tokens of each of the B sequences.

        Args:
            x (torch.Tensor): Tokens ``(B, L, embed_dims)``.
            key_mask (torch.Tensor, optional): ``(B, L)`` bool, True where a token may be
                attended to (a valid key). Queries are never masked. None: no mask.
            use_sdpa (bool): Use ``F.scaled_dot_product_attention`` (fused kernels) instead of
                the plain ``softmax(q k^T * scale) v``; except on CPU with attention dropout
                in training, where SDPA itself falls back to that math and the plain path
                draws the cheaper dropout mask. Defaults to True.

        Returns:
            torch.Tensor: ``(B, L, embed_dims)``.
        """
        return self.project(self.attend(self.qkv(x), key_mask, use_sdpa))

    def attend(self,
               qkv: torch.Tensor,
               key_mask: Optional[torch.Tensor] = None,
               use_sdpa: bool = True) -> torch.Tensor:
        """The attention core: ``qkv (B, L, 3*embed_dims)`` -> heads concatenated ``(B, L, C)``."""
        B, L, _ = qkv.shape
        q, k, v = qkv.view(B, L, 3, self.num_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        drop = self.attn_drop if self.training else 0.
        if use_sdpa and (drop == 0. or q.device.type != 'cpu'):
            mask = None if key_mask is None else key_mask[:, None, None, :]
            if q.device.type == 'cuda':
                # the memory-efficient kernel instead of the math fallback for head dims
                # such as 300 (the temporal stage at D=48, 8 heads)
                out = padded_sdpa(q, k, v, mask, drop, self.scale)
            else:
                out = F.scaled_dot_product_attention(
                    q, k, v, attn_mask=mask, dropout_p=drop, scale=self.scale)
        else:
            # Plain math; also SDPA's own CPU fallback when it has dropout, here with the
            # cheaper CPU dropout mask. The parity path (use_sdpa=False) scales the scores
            # as the reference does; the fast path scales q, as SDPA's math does (the same
            # product, rounded once elsewhere; one pass over L x L scores fewer).
            if use_sdpa:
                scores = (q * self.scale) @ k.transpose(-2, -1)
            else:
                scores = (q @ k.transpose(-2, -1)) * self.scale
            if key_mask is not None:
                scores = scores.masked_fill(~key_mask[:, None, None, :], MASKED_SCORE)
            out = dropout(scores.softmax(dim=-1), drop, self.training) @ v
        return out.transpose(1, 2).reshape(B, L, self.embed_dims)

    def project(self, x: torch.Tensor) -> torch.Tensor:
        """Output projection and its dropout (applies to any leading shape)."""
        return self.proj_drop(self.proj(x))
