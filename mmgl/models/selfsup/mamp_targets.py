"""MAMP's reconstruction target: per-token motion (Mao et al., ICCV 2023)."""
from typing import Callable

import torch
from torch import nn

from mmaction.registry import MODELS

# Inside the square root, as the reference (an all-zero token stays 0).
VAR_EPS = 1e-6


@MODELS.register_module()
class MAMPTargetGenerator(nn.Module):
    """Forward motion of every frame, cut into tokens and standardised per token.

    ``motion[t] = x[t + k] - x[t]`` for ``t < T - k`` and 0 on the last ``k`` frames
    (``k = motion_stride``). With ``norm_target``, each token's features are standardised:
    ``(m - mean) / sqrt(var + 1e-6)``, ``var`` unbiased over the token's features.

    Args:
        motion_stride (int): k. Defaults to 1.
        norm_target (bool): Standardise per token (the reference's ``norm_skes_loss``).
            Defaults to True.
    """

    def __init__(self, motion_stride: int = 1, norm_target: bool = True) -> None:
        super().__init__()
        if motion_stride < 1:
            raise ValueError(f'motion_stride must be >= 1, got {motion_stride}')
        self.motion_stride = motion_stride
        self.norm_target = norm_target

    def motion(self, x: torch.Tensor) -> torch.Tensor:
        """``(R, T, V, C)`` positions -> ``(R, T, V, C)`` forward motion, last k frames 0."""
        k = self.motion_stride
        motion = torch.zeros_like(x)
        motion[:, :-k] = x[:, k:] - x[:, :-k]
        return motion

    @staticmethod
    def normalise(tokens: torch.Tensor) -> torch.Tensor:
        """``(..., F)`` -> standardised over the last axis (unbiased variance)."""
        mean = tokens.mean(-1, keepdim=True)
        var = tokens.var(-1, keepdim=True, unbiased=True)
        return (tokens - mean) / (var + VAR_EPS).sqrt()

    def forward(self, x: torch.Tensor, patchify: Callable[[torch.Tensor], torch.Tensor]
                ) -> torch.Tensor:
        """The target of every token.

        Args:
            x (torch.Tensor): ``(R, T, V, C)`` folded positions.
            patchify (Callable): The backbone's ``patchify`` (``(R, T, V, C)`` ->
                ``(R, L, F)``).

        Returns:
            torch.Tensor: ``(R, L, F)``.
        """
        target = patchify(self.motion(x))
        return self.normalise(target) if self.norm_target else target
