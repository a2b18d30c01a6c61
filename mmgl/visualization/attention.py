"""Attention weights of a GL-Transformer, captured without touching the model's code.

:func:`record_attention` runs the backbone's padded ``reference_math`` path (plain-math
attention, every frame) with each block's two ``MultiheadAttention.attend`` methods replaced,
on the instances only and only inside the ``with`` block, by the same computation that also
keeps its softmax weights. The default (packed, fused) path is not involved and nothing is
changed after the block exits. On valid frames the padded path equals the default path
(tested in ``tests/models``), so the weights are those of the model as trained and evaluated.

Shapes (``B`` samples, ``T`` padded frames, ``H`` heads, ``N = V * M`` tokens in the model's
order ``n = joint * M + person``):

- spatial (global-local) attention of layer ``l``: ``(B, T, H, N, N)``, row = query token;
- temporal attention of layer ``l``: ``(B, H, T, T)``, row = query frame; padded key frames
  get exactly zero weight, padded query rows are whatever the padded path computes.
"""
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, List, Optional, Tuple

import torch

from mmgl.models.layers.attention import MASKED_SCORE
from mmgl.models.layers.packing import make_packing

__all__ = ['AttentionMaps', 'record_attention', 'attention_maps']


@dataclass
class AttentionMaps:
    """Attention weights of one forward pass.

    Attributes:
        spatial (list[Tensor]): One ``(B, T, H, N, N)`` per layer.
        temporal (list[Tensor]): One ``(B, H, T, T)`` per layer.
        valid_len (Tensor): ``(B,)`` valid frame counts.
        num_joints (int): V.
        num_person (int): M.
        global_tokens (tuple[int]): Token indices of the global-translation tokens (one per
            person, ``center * M + person``; empty without global tokens).
    """
    spatial: List[torch.Tensor] = field(default_factory=list)
    temporal: List[torch.Tensor] = field(default_factory=list)
    valid_len: Optional[torch.Tensor] = None
    num_joints: int = 0
    num_person: int = 0
    global_tokens: Tuple[int, ...] = ()

    def spatial_map(self, layer: int = -1, head: Optional[int] = 0, sample: int = 0,
                    frame: Optional[int] = None) -> torch.Tensor:
        """One ``(N, N)`` spatial map: a head (None = mean over heads), one valid frame
        (None = mean over the sample's valid frames)."""
        weights = self.spatial[layer][sample, :self._len(sample)]  # (L, H, N, N)
        weights = _pick_head(weights, head, dim=1)
        if frame is None:
            return weights.mean(0)
        if not 0 <= frame < weights.shape[0]:
            raise IndexError(f'frame {frame} outside the {weights.shape[0]} valid frames')
        return weights[frame]

    def temporal_map(self, layer: int = -1, head: Optional[int] = 0,
                     sample: int = 0) -> torch.Tensor:
        """One ``(L, L)`` temporal map over the sample's valid frames (None = head mean)."""
        L = self._len(sample)
        return _pick_head(self.temporal[layer][sample], head, dim=0)[:L, :L]

    def _len(self, sample: int) -> int:
        return int(self.valid_len[sample])


def _pick_head(weights: torch.Tensor, head: Optional[int], dim: int) -> torch.Tensor:
    if head is None:
        return weights.mean(dim)
    if not -weights.shape[dim] <= head < weights.shape[dim]:
        raise IndexError(f'head {head} outside the {weights.shape[dim]} heads')
    return weights.select(dim, head)


def _recording_attend(module, store: List[torch.Tensor]):
    """``module.attend`` in plain math, appending its ``(B, H, L, L)`` weights to ``store``.

    Same computation as ``MultiheadAttention.attend(use_sdpa=False)`` in eval mode (no
    attention dropout); tests check that the backbone output is unchanged.
    """
    def attend(qkv: torch.Tensor, key_mask: Optional[torch.Tensor] = None,
               use_sdpa: bool = True) -> torch.Tensor:
        B, L, _ = qkv.shape
        q, k, v = qkv.view(B, L, 3, module.num_heads, module.head_dim).permute(2, 0, 3, 1, 4)
        scores = (q @ k.transpose(-2, -1)) * module.scale
        if key_mask is not None:
            scores = scores.masked_fill(~key_mask[:, None, None, :], MASKED_SCORE)
        weights = scores.softmax(dim=-1)
        store.append(weights.detach())
        return (weights @ v).transpose(1, 2).reshape(B, L, module.embed_dims)
    return attend


@contextmanager
def record_attention(backbone) -> Iterator[AttentionMaps]:
    """Record the attention weights of every ``backbone`` forward pass inside the block.

    The backbone runs its ``reference_math`` path while recording (restored on exit) and
    must be in eval mode (attention dropout would make the weights random). The yielded
    maps hold the raw per-call weights: ``spatial`` one ``(B*T, H, N, N)`` per layer and
    forward pass, ``temporal`` one ``(B, H, T, T)``; :func:`attention_maps` reshapes them.

    Example:
        >>> with record_attention(backbone) as maps:
        ...     backbone.forward_features(x, valid_len)
        >>> maps.spatial[-1].shape  # (B*T, H, N, N)
    """
    if backbone.training:
        raise RuntimeError('record_attention needs the backbone in eval mode (model.eval())')
    spatial, temporal = [], []
    blocks = list(backbone.blocks)
    modules = [(b.attn_spatial, spatial) for b in blocks] + \
        [(b.attn_temporal, temporal) for b in blocks]
    old_reference_math = backbone.reference_math
    for module, store in modules:
        module.attend = _recording_attend(module, store)  # instance attribute: shadows
    backbone.reference_math = True
    maps = AttentionMaps(spatial, temporal, num_joints=backbone.num_joints,
                         num_person=backbone.num_person,
                         global_tokens=tuple(backbone.global_tokens))
    try:
        yield maps
    finally:
        backbone.reference_math = old_reference_math
        for module, _ in modules:
            del module.attend  # the class method is visible again


@torch.no_grad()
def attention_maps(backbone, x: torch.Tensor,
                   valid_len: Optional[torch.Tensor] = None) -> AttentionMaps:
    """Attention weights of every layer for ``x``.

    Args:
        backbone (GLTransformer): In eval mode.
        x (torch.Tensor): ``(B, M, T, V, C)``.
        valid_len (torch.Tensor, optional): ``(B,)`` valid frame counts; None = all frames.

    Returns:
        AttentionMaps: ``spatial[l] (B, T, H, N, N)``, ``temporal[l] (B, H, T, T)``.
    """
    B, T = x.shape[0], x.shape[2]
    packing = make_packing(torch.full((B, ), T) if valid_len is None else valid_len, B, T,
                           x.device)
    with record_attention(backbone) as maps:
        backbone.forward_features(x, packing)
    depth = len(backbone.blocks)
    if len(maps.spatial) != depth or len(maps.temporal) != depth:
        raise RuntimeError(f'recorded {len(maps.spatial)} spatial and {len(maps.temporal)} '
                           f'temporal maps for {depth} blocks: the backbone changed its path?')
    maps.spatial = [w.view(B, T, *w.shape[1:]) for w in maps.spatial]
    maps.valid_len = packing.valid_len.cpu()
    return maps
