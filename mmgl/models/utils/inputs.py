"""The models' entry: one place where a batch's clip axis and valid lengths are read."""
from typing import Optional, Sequence, Tuple

import torch

from ..layers.packing import Packing, make_packing
from .samples import valid_len_from_samples


def unpack_inputs(inputs: torch.Tensor, data_samples: Optional[Sequence] = None
                  ) -> Tuple[torch.Tensor, Packing]:
    """The skeleton batch and its valid frames, as every mmgl model reads them.

    Args:
        inputs (torch.Tensor): ``(B, num_clips, M, T, V, C)`` from the data preprocessor, or
            ``(B, M, T, V, C)``.
        data_samples (Sequence, optional): Carry ``valid_len`` (see
            :func:`valid_len_from_samples`); without it every frame is valid.

    Returns:
        tuple: ``x (B * num_clips, M, T, V, C)`` and its :class:`Packing` (valid lengths
        repeated for each clip of a sample and clamped to ``[1, T]``).
    """
    if inputs.dim() == 6:
        clips = inputs.shape[1]
        inputs = inputs.flatten(0, 1)
    elif inputs.dim() == 5:
        clips = 1
    else:
        raise ValueError('expected inputs of shape (B, num_clips, M, T, V, C) or '
                         f'(B, M, T, V, C), got {tuple(inputs.shape)}')
    valid_len = valid_len_from_samples(data_samples, inputs.device)
    if valid_len is not None and clips > 1:
        valid_len = valid_len.repeat_interleave(clips)
    return inputs, make_packing(valid_len, inputs.shape[0], inputs.shape[2], inputs.device)


def masked_mean(feat: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:
    """Mean over the valid rows of each sample: ``(B, L, C)``, ``(B, L)`` bool -> ``(B, C)``.

    Every sample has at least one valid row (the entry keeps frame 0); None means all rows.
    """
    if mask is None:
        return feat.mean(dim=1)
    weight = mask.to(feat.dtype)
    return (feat * weight[..., None]).sum(dim=1) / weight.sum(dim=1, keepdim=True)
