"""Valid-frame packing: run per-frame work on the valid frames of a batch only.

Valid frames are a prefix of each sequence (``t < valid_len[b]``). Packed tensors hold those
frames only, row ``s`` being frame ``frame_idx[s]`` of sample ``sample_idx[s]`` (sample-major,
then time), ``S = valid_len.sum()`` rows in all.
"""
from typing import NamedTuple, Optional

import torch


class Packing(NamedTuple):
    """Where the packed rows live in the padded ``(B, T)`` layout.

    Attributes:
        index (torch.Tensor): ``(S,)`` long, flat position ``b * T + t`` of each packed row.
        sample_idx (torch.Tensor): ``(S,)`` long, ``b`` of each packed row.
        frame_idx (torch.Tensor): ``(S,)`` long, ``t`` of each packed row.
        mask (torch.Tensor): ``(B, T)`` bool, True on valid frames.
        num_samples (int): B.
        num_frames (int): T.
        max_len (int): Longest valid length (the width of the temporal-attention scratch).
        attn_index (torch.Tensor): ``(S,)`` long, ``b * max_len + t`` of each packed row.
    """
    index: torch.Tensor
    sample_idx: torch.Tensor
    frame_idx: torch.Tensor
    mask: torch.Tensor
    num_samples: int
    num_frames: int
    max_len: int
    attn_index: torch.Tensor

    def pack(self, x: torch.Tensor) -> torch.Tensor:
        """``(B, T, ...)`` -> ``(S, ...)``."""
        return x.flatten(0, 1).index_select(0, self.index)

    def unpack(self, x: torch.Tensor) -> torch.Tensor:
        """``(S, ...)`` -> ``(B, T, ...)`` with zeros at padded frames."""
        out = x.new_zeros((self.num_samples * self.num_frames, ) + x.shape[1:])
        return out.index_copy(0, self.index, x).view(
            (self.num_samples, self.num_frames) + x.shape[1:])


def make_packing(valid_len: Optional[torch.Tensor], num_samples: int, num_frames: int,
                 device: torch.device) -> Packing:
    """Build the packing of a batch.

    Args:
        valid_len (torch.Tensor, optional): ``(B,)`` valid frame counts in ``[1, T]``; None
            means every frame is valid.
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
        valid_len = valid_len.to(device)
        max_len = int(valid_len.max())
        mask = frames[None, :] < valid_len[:, None]
    index = mask.flatten().nonzero().squeeze(1)
    sample_idx, frame_idx = index // num_frames, index % num_frames
    return Packing(index, sample_idx, frame_idx, mask, num_samples, num_frames, max_len,
                   sample_idx * max_len + frame_idx)
