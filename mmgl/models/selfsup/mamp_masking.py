"""MAMP's motion-aware masking (Mao et al., ICCV 2023)."""
from typing import NamedTuple, Optional

import torch
import torch.nn.functional as F
from torch import nn

from mmaction.registry import MODELS

# Both guards follow the reference: against a division by zero (a still row) and log(0).
EPS = 1e-10


class Masking(NamedTuple):
    """The result of a masking draw for ``R`` rows of ``L`` tokens, ``K`` kept.

    Attributes:
        ids_keep (torch.Tensor): ``(R, K)`` long, visible tokens in encoder order.
        ids_restore (torch.Tensor): ``(R, L)`` long, inverse of ``ids_shuffle``.
        ids_shuffle (torch.Tensor): ``(R, L)`` long, tokens by ascending noise.
        mask (torch.Tensor): ``(R, L)``, 1 masked (predicted, in the loss), 0 visible.
        noise (torch.Tensor): ``(R, L)`` sort key.
    """
    ids_keep: torch.Tensor
    ids_restore: torch.Tensor
    ids_shuffle: torch.Tensor
    mask: torch.Tensor
    noise: torch.Tensor


@MODELS.register_module()
class MotionAwareMasking(nn.Module):
    """Mask tokens with a probability that grows with their motion.

    A token's motion is the mean absolute difference between its position patch and the
    patch of the same joints one temporal patch earlier (patch 0 copies patch 1). Per row,
    ``z = motion / (max(motion) * tau + 1e-10)`` and ``pi = softmax(z)``; the masked set is
    a Gumbel-top-(L-K) sample from ``pi``: ``noise = log(pi) + Gumbel(U)`` sorted
    ascending, the first ``K = int(L * (1 - mask_ratio))`` tokens kept. ``tau = 0`` is
    plain random masking (``noise = U``), as MAE.

    Args:
        mask_ratio (float): Fraction of masked tokens; K truncates the float product, as
            the reference (90% of 750 tokens keeps 74). Defaults to 0.9.
        tau (float): Temperature; larger is closer to uniform, 0 disables the motion term.
            Defaults to 0.8.
    """

    def __init__(self, mask_ratio: float = 0.9, tau: float = 0.8) -> None:
        super().__init__()
        if not 0. <= mask_ratio < 1.:
            raise ValueError(f'mask_ratio must be in [0, 1), got {mask_ratio}')
        if tau < 0:
            raise ValueError(f'tau must be >= 0, got {tau}')
        self.mask_ratio = mask_ratio
        self.tau = tau

    def num_keep(self, num_tokens: int) -> int:
        """K, the number of visible tokens of ``num_tokens``."""
        return int(num_tokens * (1 - self.mask_ratio))

    @staticmethod
    def patch_motion(patches: torch.Tensor) -> torch.Tensor:
        """``|P[tp] - P[tp-1]|`` with patch 0 copying patch 1.

        Args:
            patches (torch.Tensor): ``(R, TP, VP, F)`` position patches, TP >= 2.

        Returns:
            torch.Tensor: ``(R, TP, VP, F)``.
        """
        if patches.shape[1] < 2:
            raise ValueError('motion-aware masking needs at least 2 temporal patches, got '
                             f'{patches.shape[1]}')
        diff = (patches[:, 1:] - patches[:, :-1]).abs()
        return torch.cat([diff[:, :1], diff], dim=1)

    def token_motion(self, patches: torch.Tensor) -> torch.Tensor:
        """``(R, TP, VP, F)`` position patches -> ``(R, L)`` mean absolute patch motion."""
        return self.patch_motion(patches).mean(-1).flatten(1)

    def motion_logits(self, patches: torch.Tensor) -> torch.Tensor:
        """``(R, L)`` ``z = motion / (max_l motion * tau + 1e-10)``, in ``[0, 1/tau]``."""
        motion = self.token_motion(patches)
        return motion / (motion.amax(-1, keepdim=True) * self.tau + EPS)

    def motion_prob(self, patches: torch.Tensor) -> torch.Tensor:
        """``(R, L)`` masking probabilities ``pi = softmax(z)``; a still row is uniform."""
        return F.softmax(self.motion_logits(patches), dim=-1)

    def forward(self, patches: torch.Tensor, uniform: Optional[torch.Tensor] = None,
                generator: Optional[torch.Generator] = None) -> Masking:
        """Draw a mask.

        Args:
            patches (torch.Tensor): ``(R, TP, VP, F)`` position patches (the input cut into
                tokens).
            uniform (torch.Tensor, optional): ``(R, L)`` U[0, 1) draw to use; its dtype is
                kept for the Gumbel term (the reference draws float32 also in a float64
                model). None draws float32 with ``generator``.
            generator (torch.Generator, optional): For the draw. Defaults to torch's global
                generator.

        Returns:
            Masking: ids, mask (in ``patches``' dtype) and noise.
        """
        R, TP, VP, _ = patches.shape
        L = TP * VP
        if uniform is None:
            uniform = torch.rand(R, L, generator=generator, device=patches.device)
        elif uniform.shape != (R, L):
            raise ValueError(f'uniform must be of shape {(R, L)}, got {tuple(uniform.shape)}')
        uniform = uniform.to(patches.device)
        if self.tau > 0:
            gumbel = -torch.log(-torch.log(uniform + EPS) + EPS)
            noise = torch.log(self.motion_prob(patches)) + gumbel.to(patches.dtype)
        else:
            noise = uniform.to(patches.dtype)
        keep = self.num_keep(L)
        ids_shuffle = torch.argsort(noise, dim=1)
        ids_restore = torch.argsort(ids_shuffle, dim=1)
        ids_keep = ids_shuffle[:, :keep]
        mask = torch.ones(R, L, dtype=patches.dtype, device=patches.device)
        mask.scatter_(1, ids_keep, 0.)
        return Masking(ids_keep, ids_restore, ids_shuffle, mask, noise)

    @staticmethod
    def gather(tokens: torch.Tensor, ids_keep: torch.Tensor) -> torch.Tensor:
        """``tokens (R, L, D)``, ``ids_keep (R, K)`` -> the visible tokens ``(R, K, D)``."""
        return tokens.gather(1, ids_keep[..., None].expand(-1, -1, tokens.shape[-1]))
