"""GLClsHead: mean of a backbone's feature rows over the valid ones, then a classifier."""
from typing import Dict, List, Optional, Union

import torch
from torch import nn

from mmaction.models.heads.base import BaseHead
from mmaction.registry import MODELS
from ..utils.inputs import masked_mean

FEATURE_NORMS = (None, 'batchnorm')


@MODELS.register_module()
class GLClsHead(BaseHead):
    """Classifier on the mean of a backbone's valid feature rows.

    Takes ``(feat, mask)`` from the backbone's ``forward_features``: for ``GLTransformer``
    the rows are frames and the mean is over frames ``t < valid_len`` (the reference's
    downstream pooling); for ``MAMPTransformer`` the rows are its patch tokens (every row
    valid). ``RecognizerGL`` fills ``in_channels`` from the backbone's ``out_channels``.

    Args:
        num_classes (int): Number of classes.
        in_channels (int): Feature width (the backbone's ``out_channels``).
        loss_cls (dict): Classification loss. Defaults to ``dict(type='CrossEntropyLoss')``.
        dropout (float): Dropout on the pooled feature, before the classifier. Defaults to 0.
        feat_dropout (float): Dropout on the feature rows, before pooling (MAMP's fine-tuning
            head). Defaults to 0.
        feature_norm (str, optional): ``'batchnorm'`` standardises the pooled feature with
            a ``BatchNorm1d`` without affine parameters before the classifier (the linear
            probe of MAE and MAMP; at test time it is a fixed affine map, so the classifier
            stays linear). Not in GL-Transformer's recipe: there an explicit option for
            features whose dimensions have very different scales. Defaults to None (raw
            features).
        norm_eps (float): The ``BatchNorm1d`` epsilon. Defaults to 1e-5.
        hidden_channels (int, optional): With a width, the classifier is
            ``Linear -> BatchNorm1d -> ReLU -> Linear`` through that width (MAMP's
            fine-tuning head) instead of one Linear. Defaults to None.
        average_clips (str, optional): Test-time clip averaging. Defaults to ``'prob'``.
        init_cfg (dict or list[dict], optional): Defaults to None (PyTorch's default init,
            as the reference's classifier).
    """
    #: ``RecognizerGL`` hands this head ``forward_features``' ``(feat, mask)``.
    input_format = 'features'

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 loss_cls: Dict = dict(type='CrossEntropyLoss'),
                 dropout: float = 0.,
                 feat_dropout: float = 0.,
                 feature_norm: Optional[str] = None,
                 norm_eps: float = 1e-5,
                 hidden_channels: Optional[int] = None,
                 average_clips: Optional[str] = 'prob',
                 init_cfg: Optional[Union[Dict, List[Dict]]] = None,
                 **kwargs) -> None:
        super().__init__(num_classes, in_channels, loss_cls=loss_cls,
                         average_clips=average_clips, init_cfg=init_cfg, **kwargs)
        if feature_norm not in FEATURE_NORMS:
            raise ValueError(f'feature_norm must be one of {FEATURE_NORMS}, got {feature_norm!r}')
        self.feat_dropout = nn.Dropout(feat_dropout) if feat_dropout else None
        self.norm = nn.BatchNorm1d(in_channels, affine=False, eps=norm_eps) \
            if feature_norm else None
        self.dropout = nn.Dropout(dropout) if dropout else None
        if hidden_channels:
            self.fc = nn.Sequential(
                nn.Linear(in_channels, hidden_channels), nn.BatchNorm1d(hidden_channels),
                nn.ReLU(inplace=True), nn.Linear(hidden_channels, num_classes))
        else:
            self.fc = nn.Linear(in_channels, num_classes)

    def pre_logits(self, feat: torch.Tensor,
                   mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Pool the valid rows.

        Args:
            feat (torch.Tensor): ``(N, L, in_channels)`` feature rows.
            mask (torch.Tensor, optional): ``(N, L)`` bool, True on valid rows; None means all.

        Returns:
            torch.Tensor: ``(N, in_channels)``.
        """
        if self.feat_dropout is not None:
            feat = self.feat_dropout(feat)
        return masked_mean(feat, mask)

    def forward(self, feat: torch.Tensor, mask: Optional[torch.Tensor] = None,
                **kwargs) -> torch.Tensor:
        """Class scores ``(N, num_classes)``; arguments as :meth:`pre_logits`."""
        x = self.pre_logits(feat, mask)
        if self.norm is not None:
            x = self.norm(x)
        if self.dropout is not None:
            x = self.dropout(x)
        return self.fc(x)
