"""MPDP targets: direction and magnitude classes of multi-interval displacements."""
from typing import Optional, Sequence, Tuple

import torch
from torch import nn

from mmaction.registry import MODELS


@MODELS.register_module()
class MPDPTargetGenerator(nn.Module):
    """Classify each token's displacement ``d(t) = x(t - k) - x(t)`` for every interval k.

    Conventions (fixture README section 4): past minus present; frames ``t < k`` use
    ``x(0)``; computed in float64 on the input's device. Direction: per axis 0 if d < 0,
    1 if d == 0, 2 if d > 0, class ``sum_c cls_c * 3**c`` (27 for xyz). Magnitude:
    ``m // mag_step + 1`` (floor-division semantics) capped at ``num_mag_classes - 2``,
    0 where ``m == 0``; every token of a person ``p >= 1`` whose coordinates at frame 0 sum to
    exactly 0 (absent at frame 0) gets ``num_mag_classes - 1`` in every frame.

    Negative intervals (future minus present) follow the reference feeder: ``x(t - k)`` is
    clamped to the last valid frame.

    Args:
        intervals (Sequence[int]): The intervals k, in column order. Defaults to (1, 5, 10).
        mag_step (float): Width of a magnitude bin. Defaults to 0.01.
        num_mag_classes (int): Magnitude classes including the absent-person class.
            Defaults to 16.

    Raises:
        ValueError: no interval, an interval 0 (constant targets), ``mag_step <= 0`` or
            ``num_mag_classes < 3``.

    Example:
        >>> gen = MPDPTargetGenerator(intervals=(1, 5))
        >>> direction, magnitude = gen(torch.rand(2, 2, 30, 25, 3))
        >>> direction.shape  # (B, T, R * V * M)
        torch.Size([2, 30, 100])
    """

    def __init__(self,
                 intervals: Sequence[int] = (1, 5, 10),
                 mag_step: float = 0.01,
                 num_mag_classes: int = 16) -> None:
        super().__init__()
        self.intervals = tuple(int(k) for k in intervals)
        if not self.intervals:
            raise ValueError('MPDPTargetGenerator needs at least one interval, got ()')
        if 0 in self.intervals:
            raise ValueError(f'intervals={self.intervals}: interval 0 compares each frame with '
                             'itself, so its targets are constant (no motion to predict)')
        if not mag_step > 0:
            raise ValueError(f'mag_step must be > 0, got {mag_step}')
        if num_mag_classes < 3:
            raise ValueError(f'num_mag_classes={num_mag_classes}: needs >= 3 (zero motion, at '
                             'least one magnitude bin and the absent-person class)')
        self.mag_step = mag_step
        self.num_mag_classes = num_mag_classes

    def check_max_frames(self, max_frames: Optional[int]) -> None:
        """Reject intervals that cannot fit in ``max_frames`` frames (None: not known).

        Raises:
            ValueError: ``|k| >= max_frames`` for an interval ``k``: every frame would be
                compared with the clamped first (or last) frame, never with one ``k`` away.
        """
        if max_frames is None:
            return
        for k in self.intervals:
            if abs(k) >= max_frames:
                raise ValueError(f'interval {k} does not fit in max_frames={max_frames}: '
                                 'its targets would only compare frames with the clamped '
                                 'first/last frame; use intervals shorter than max_frames')

    def past_index(self, num_frames: int, valid_len: Optional[torch.Tensor],
                   device: torch.device) -> torch.Tensor:
        """``(B or 1, R, T)`` frame index of ``x(t - k)``."""
        t = torch.arange(num_frames, device=device)
        rows = []
        for k in self.intervals:
            if k >= 0:
                rows.append((t - k).clamp(min=0)[None])
                continue
            # Future frames wrap around past the end as np.roll does; inside the valid
            # range they are clamped to the last valid frame.
            last = (torch.full((1, ), num_frames, device=device)
                    if valid_len is None else valid_len.to(device)) - 1
            wrapped = (t - k) % num_frames
            clamp = (t[None] >= last[:, None] + 1 + k) & (t[None] <= last[:, None])
            rows.append(torch.where(clamp, last[:, None], wrapped[None]))
        rows = torch.broadcast_tensors(*rows)
        return torch.stack(rows, dim=1)

    @torch.no_grad()
    def forward(self, x: torch.Tensor, valid_len: Optional[torch.Tensor] = None,
                return_magnitude: bool = False) -> Tuple[torch.Tensor, ...]:
        """Targets for every frame (padded frames included; the loss ignores them).

        Args:
            x (torch.Tensor): ``(B, M, T, V, C)`` network input.
            valid_len (torch.Tensor, optional): ``(B,)``; only negative intervals read it.
            return_magnitude (bool): Also return the float64 ``|d|``. Defaults to False.

        Returns:
            tuple: ``direction (B, T, R*N)`` and ``magnitude_class (B, T, R*N)`` long, column
            ``r * N + n`` with token ``n = joint * M + person``; then ``|d| (B, T, R*N)``
            float64 if asked.
        """
        B, M, T, V, C = x.shape
        pos = x.to(torch.float64).permute(0, 2, 3, 1, 4).reshape(B, T, V * M, C)
        index = self.past_index(T, valid_len, x.device)  # (B or 1, R, T)
        R = index.shape[1]
        past = pos[torch.arange(B, device=x.device)[:, None, None], index]  # (B, R, T, N, C)
        d = past - pos[:, None]

        axis_cls = (d > 0).long() - (d < 0).long() + 1
        weights = 3**torch.arange(C, device=x.device)
        direction = (axis_cls * weights).sum(-1)

        # Sum the squares axis by axis in order, as the reference does, for bit-equal |d|.
        square = d[..., 0] * d[..., 0]
        for c in range(1, C):
            square = square + d[..., c] * d[..., c]
        magnitude = square.sqrt()
        mag_cls = torch.div(magnitude, self.mag_step, rounding_mode='floor') + 1
        mag_cls = mag_cls.clamp(max=self.num_mag_classes - 2).long()
        mag_cls = mag_cls.masked_fill(magnitude == 0, 0)
        # Person p >= 1 absent at frame 0 -> the last class for all its tokens and frames.
        absent = pos.view(B, T, V, M, C)[:, 0].sum(dim=(1, 3)) == 0  # (B, M)
        absent[:, 0] = False
        absent_token = absent[:, None, :].expand(B, V, M).reshape(B, 1, 1, V * M)
        mag_cls = mag_cls.masked_fill(absent_token, self.num_mag_classes - 1)

        def columns(t: torch.Tensor) -> torch.Tensor:  # (B, R, T, N) -> (B, T, R*N)
            return t.permute(0, 2, 1, 3).reshape(B, T, R * V * M)

        out = (columns(direction), columns(mag_cls))
        return out + (columns(magnitude), ) if return_magnitude else out
