"""Valid-frame packing: which frames of a batch are valid, built once per batch.

Valid frames are a prefix of each sequence (``t < valid_len[b]``). Packed tensors hold those
frames only, row ``s`` being frame ``frame_idx[s]`` of sample ``sample_idx[s]`` (sample-major,
then time), ``S = valid_len.sum()`` rows in all. The model's entry
(:func:`mmgl.models.utils.unpack_inputs`) builds one :class:`Packing` per batch; the backbone,
the target generators and the heads read it (or its ``mask``) instead of re-deriving it.
"""
from typing import NamedTuple, Optional, Union

import torch


class Packing(NamedTuple):
    """Where the valid frames of a batch live in the padded ``(B, T)`` layout.

    Attributes:
        index (torch.Tensor): ``(S,)`` long, flat position ``b * T + t`` of each packed row.
        sample_idx (torch.Tensor): ``(S,)`` long, ``b`` of each packed row.
        frame_idx (torch.Tensor): ``(S,)`` long, ``t`` of each packed row.
        mask (torch.Tensor): ``(B, T)`` bool, True on valid frames.
        num_samples (int): B.
        num_frames (int): T.
        max_len (int): Longest valid length (the width of the temporal-attention scratch).
        attn_index (torch.Tensor): ``(S,)`` long, ``b * max_len + t`` of each packed row.
        valid_len (torch.Tensor, optional): ``(B,)`` long valid lengths in ``[1, T]``, or
            None when every frame is valid (no lengths were given).
    """
    index: torch.Tensor
    sample_idx: torch.Tensor
    frame_idx: torch.Tensor
    mask: torch.Tensor
    num_samples: int
    num_frames: int
    max_len: int
    attn_index: torch.Tensor
    valid_len: Optional[torch.Tensor] = None

    def pack(self, x: torch.Tensor) -> torch.Tensor:
        """``(B, T, ...)`` -> ``(S, ...)``."""
        return x.flatten(0, 1).index_select(0, self.index)

    def frame_rows(self, table: torch.Tensor) -> torch.Tensor:
        """Rows of a per-frame table for the packed rows: ``(T', ...)`` -> ``(S, ...)``,
        row s being ``table[frame_idx[s]]`` (``T' >= max_len``)."""
        return _FrameRows.apply(table, self.frame_idx, self.attn_index, self.num_samples,
                                self.max_len)

    def unpack(self, x: torch.Tensor) -> torch.Tensor:
        """``(S, ...)`` -> ``(B, T, ...)`` with zeros at padded frames."""
        out = x.new_zeros((self.num_samples * self.num_frames, ) + x.shape[1:])
        return out.index_copy(0, self.index, x).view(
            (self.num_samples, self.num_frames) + x.shape[1:])


class _GatherUniqueRows(torch.autograd.Function):
    """``x.index_select(0, index)`` for indices without repeats: the gradient is a scatter
    (``index_copy``) instead of autograd's general ``scatter_add`` over an expanded index."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(index)
        ctx.rows = x.shape[0]
        return x.index_select(0, index)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        index, = ctx.saved_tensors
        out = grad.new_zeros((ctx.rows, ) + grad.shape[1:])
        return out.index_copy_(0, index, grad), None


class _FrameRows(torch.autograd.Function):
    """Rows ``frame_idx`` of a per-frame table (``(T, ...)`` -> ``(S, ...)``); the gradient
    sums the samples' rows through the ``(B, max_len)`` scratch layout (a copy and a sum
    over B) instead of a ``scatter_add`` over an expanded index."""

    @staticmethod
    def forward(ctx, table: torch.Tensor, frame_idx: torch.Tensor, attn_index: torch.Tensor,
                num_samples: int, max_len: int) -> torch.Tensor:
        ctx.save_for_backward(attn_index)
        ctx.sizes = (table.shape[0], num_samples, max_len)
        return table.index_select(0, frame_idx)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        attn_index, = ctx.saved_tensors
        rows, B, L = ctx.sizes
        tail = grad.shape[1:]
        per_sample = grad.new_zeros((B * L, ) + tail).index_copy_(0, attn_index, grad)
        out = grad.new_zeros((rows, ) + tail)
        out[:L] = per_sample.view((B, L) + tail).sum(0)
        return out, None, None, None, None


def gather_unique_rows(x: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
    """``x.index_select(0, index)`` where ``index`` (long, 1-D) has no repeated entry."""
    return _GatherUniqueRows.apply(x, index)


def make_packing(valid_len: Optional[torch.Tensor], num_samples: int, num_frames: int,
                 device: torch.device) -> Packing:
    """Build the packing of a batch.

    Args:
        valid_len (torch.Tensor, optional): ``(B,)`` valid frame counts, clamped to
            ``[1, T]`` here (a sample always keeps frame 0, as the reference's pooling);
            None means every frame is valid.
        num_samples (int): B.
        num_frames (int): T.
        device (torch.device): Where the index tensors go.

    Returns:
        Packing: The index tensors (host syncs: the row count and the longest length).
    """
    frames = torch.arange(num_frames, device=device)
    if valid_len is None:
        max_len = num_frames
        mask = torch.ones(num_samples, num_frames, dtype=torch.bool, device=device)
    else:
        valid_len = torch.as_tensor(valid_len, device=device).long().reshape(num_samples)
        valid_len = valid_len.clamp(1, num_frames)
        max_len = int(valid_len.max())
        mask = frames[None, :] < valid_len[:, None]
    index = mask.flatten().nonzero().squeeze(1)
    sample_idx, frame_idx = index // num_frames, index % num_frames
    return Packing(index, sample_idx, frame_idx, mask, num_samples, num_frames, max_len,
                   sample_idx * max_len + frame_idx, valid_len)


def as_packing(valid: Union[Packing, torch.Tensor, None], num_samples: int, num_frames: int,
               device: torch.device) -> Packing:
    """``valid`` as a :class:`Packing`: a packing of the right size is used as it is,
    valid lengths (or None) are packed with :func:`make_packing`."""
    if isinstance(valid, Packing):
        if (valid.num_samples, valid.num_frames) != (num_samples, num_frames):
            raise ValueError(f'packing of {valid.num_samples} samples x {valid.num_frames} '
                             f'frames given for an input of {num_samples} x {num_frames}')
        return valid
    return make_packing(valid, num_samples, num_frames, device)
