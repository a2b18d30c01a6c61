"""MPDP: multi-interval pose displacement prediction.

The objective and its targets: docs/method.md#13-pretraining-objective-and-targets.
"""
from typing import Dict, List, Optional, Union

import torch
from torch import nn

from mmaction.registry import MODELS
from ..layers import onednn_linear
from .base import BaseSelfSupervisor, ConfigOrModule, _build


@MODELS.register_module()
class MPDP(BaseSelfSupervisor):
    """Pretrain a ``GLTransformer`` by classifying the direction and magnitude of each
    token's displacement over several intervals.

    Inputs come batched from the data preprocessor as ``(B, 1, M, T, V, C)``; each data
    sample carries ``valid_len``. Targets are made on the device from the (augmented) input,
    and the loss reads the valid frames only (the backbone computes only those by default,
    every frame with ``reference_math``, as the reference).

    Args:
        backbone (dict | nn.Module): A ``GLTransformer``.
        head (dict | nn.Module): An ``MPDPHead``. In a config dict, ``in_channels``,
            ``num_tokens``, ``global_tokens`` (from the backbone) and ``intervals`` (from the
            target generator) may be left out; they are filled in before it is built.
        target_generator (dict | nn.Module): Defaults to ``MPDPTargetGenerator()``.
        data_preprocessor, init_cfg: As :class:`BaseSelfSupervisor`.
    """

    def __init__(self,
                 backbone: ConfigOrModule,
                 head: ConfigOrModule,
                 target_generator: ConfigOrModule = dict(type='MPDPTargetGenerator'),
                 data_preprocessor: Optional[ConfigOrModule] = None,
                 init_cfg: Optional[Union[dict, List[dict]]] = None) -> None:
        super().__init__(backbone=backbone, head=head, target_generator=target_generator,
                         data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        if self.head.global_tokens is None:
            self.head.global_tokens = self.backbone.global_tokens
        if hasattr(self.target_generator, 'check_max_frames'):  # intervals < max_frames
            self.target_generator.check_max_frames(getattr(self.backbone, 'max_frames', None))
        num_intervals = len(self.target_generator.intervals)
        if num_intervals != self.head.num_intervals:
            raise ValueError(f'target_generator has {num_intervals} intervals, '
                             f'head {self.head.num_intervals}')

    def head_defaults(self, backbone: nn.Module,
                      target_generator: Optional[nn.Module]) -> Dict[str, object]:
        """``in_channels`` and ``num_tokens`` from the backbone, ``intervals`` from the
        target generator."""
        return dict(in_channels=backbone.out_channels, num_tokens=backbone.num_tokens,
                    intervals=target_generator.intervals)

    def loss(self, inputs: torch.Tensor, data_samples: List) -> Dict[str, torch.Tensor]:
        """The MPDP loss terms (``MPDPHead.loss``) of the valid frames of a batch (the head's
        products in oneDNN where the backbone's are, ``GLTransformer.onednn``)."""
        x, packing = self.unpack_inputs(inputs, data_samples)
        feat, mask = self.backbone.forward_features(x, packing)
        # Frames past the longest sequence are padding in every sample; the targets of valid
        # frames read valid frames only.
        T = packing.max_len
        dir_target, mag_target = self.target_generator(x[:, :, :T], packing.valid_len)
        mask = mask[:, :T]
        with onednn_linear(getattr(self.backbone, 'onednn', False)):
            return self.head.loss(feat[:, :T][mask], dir_target[mask], mag_target[mask])

    def predict(self, inputs: torch.Tensor, data_samples: Optional[List] = None) -> List:
        """Attach ``feature`` (the backbone's pooled clip feature, ``(N*D,)``) to each data
        sample."""
        pooled = self.backbone.pool(*self.extract_feat(inputs, data_samples))
        for sample, row in zip(data_samples, pooled):
            sample.set_field(row, 'feature')
        return data_samples
