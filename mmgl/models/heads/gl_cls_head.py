"""GLClsHead: mean over valid frames of the GL-Transformer feature, then one Linear."""
from typing import Dict, List, Optional, Union

import torch
from torch import nn

from mmaction.models.heads.base import BaseHead
from mmaction.registry import MODELS

FEATURE_NORMS = (None, 'batchnorm')


@MODELS.register_module()
class GLClsHead(BaseHead):
    """Linear classifier on the temporal mean of the valid frames (SPEC section 4).

    The pooled feature is the mean of the per-frame feature over frames ``t < valid_len``
    (frame 0 alone when ``valid_len <= 1``, as the reference's linear evaluation).

    Args:
        num_classes (int): Number of classes.
        in_channels (int): Feature width ``V * M * D``.
        loss_cls (dict): Classification loss. Defaults to ``dict(type='CrossEntropyLoss')``.
        dropout (float): Dropout before the Linear. Defaults to 0.
        feature_norm (str, optional): ``'batchnorm'`` standardises the pooled feature with
            a ``BatchNorm1d`` without affine parameters before the Linear (the linear probe
            of MAE; at test time it is a fixed affine map, so the classifier stays linear).
            Not in the reference's recipe: an explicit option for features whose dimensions
            have very different scales. Defaults to None (the reference: raw features).
        average_clips (str, optional): Test-time clip averaging. Defaults to ``'prob'``.
        init_cfg (dict or list[dict], optional): Defaults to None (PyTorch's default init,
            as the reference's classifier).
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 loss_cls: Dict = dict(type='CrossEntropyLoss'),
                 dropout: float = 0.,
                 feature_norm: Optional[str] = None,
                 average_clips: Optional[str] = 'prob',
                 init_cfg: Optional[Union[Dict, List[Dict]]] = None,
                 **kwargs) -> None:
        super().__init__(num_classes, in_channels, loss_cls=loss_cls,
                         average_clips=average_clips, init_cfg=init_cfg, **kwargs)
        if feature_norm not in FEATURE_NORMS:
            raise ValueError(f'feature_norm must be one of {FEATURE_NORMS}, got {feature_norm!r}')
        self.norm = nn.BatchNorm1d(in_channels, affine=False) if feature_norm else None
        self.dropout = nn.Dropout(dropout) if dropout else None
        self.fc = nn.Linear(in_channels, num_classes)

    def pre_logits(self, x: torch.Tensor,
                   valid_len: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Pool the valid frames.

        Args:
            x (torch.Tensor): Backbone output ``(N, M, D, T, V)`` or the per-frame feature
                ``(N, T, V*M*D)`` (token-major, ``n * D + c``).
            valid_len (torch.Tensor, optional): ``(N,)`` valid frame counts; None means all.

        Returns:
            torch.Tensor: ``(N, V*M*D)``.
        """
        if x.dim() == 5:
            x = x.permute(0, 3, 4, 1, 2).flatten(2)
        B, T, _ = x.shape
        if valid_len is None:
            return x.mean(dim=1)
        length = valid_len.to(x.device).clamp(1, T)
        mask = torch.arange(T, device=x.device)[None, :] < length[:, None]
        return (x * mask[..., None].to(x.dtype)).sum(dim=1) / length[:, None].to(x.dtype)

    def forward(self, x: torch.Tensor, valid_len: Optional[torch.Tensor] = None,
                **kwargs) -> torch.Tensor:
        """Class scores ``(N, num_classes)``; arguments as :meth:`pre_logits`."""
        x = self.pre_logits(x, valid_len)
        if self.norm is not None:
            x = self.norm(x)
        if self.dropout is not None:
            x = self.dropout(x)
        return self.fc(x)
