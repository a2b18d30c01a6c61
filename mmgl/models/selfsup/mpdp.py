"""MPDP: multi-interval pose displacement prediction (SPEC section 3)."""
from typing import Dict, List, Optional, Tuple, Union

import torch

from mmaction.registry import MODELS
from ..utils import valid_len_from_samples
from .base import BaseSelfSupervisor, ConfigOrModule, _build


@MODELS.register_module()
class MPDP(BaseSelfSupervisor):
    """Pretrain a ``GLTransformer`` by classifying the direction and magnitude of each
    token's displacement over several intervals.

    Inputs come batched from the data preprocessor as ``(B, 1, M, T, V, C)``; each data
    sample carries ``valid_len``. Targets are made on the device from the (augmented) input.
    On the default path the batch is cut to ``max(valid_len)`` frames and only valid frames
    are computed; with ``backbone.reference_math`` every frame is, as in the reference.

    Args:
        backbone (dict | nn.Module): A ``GLTransformer``.
        head (dict | nn.Module): An ``MPDPHead``. In a config dict, ``in_channels``,
            ``num_tokens``, ``global_tokens`` (from the backbone) and ``intervals`` (from the
            target generator) may be left out; they are filled in before it is built.
        target_generator (dict | nn.Module): Defaults to ``MPDPTargetGenerator()``.
        data_preprocessor (dict | nn.Module, optional): Defaults to
            ``ActionDataPreprocessor``.
        init_cfg (dict or list[dict], optional): mmengine init config.
    """

    def __init__(self,
                 backbone: ConfigOrModule,
                 head: ConfigOrModule,
                 target_generator: ConfigOrModule = dict(type='MPDPTargetGenerator'),
                 data_preprocessor: Optional[ConfigOrModule] = None,
                 init_cfg: Optional[Union[dict, List[dict]]] = None) -> None:
        backbone, target_generator = _build(backbone), _build(target_generator)
        if isinstance(head, dict):
            head = dict(head)
            head.setdefault('in_channels', backbone.out_channels)
            head.setdefault('num_tokens', backbone.num_tokens)
            head.setdefault('intervals', target_generator.intervals)
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

    def _inputs(self, inputs: torch.Tensor, data_samples: Optional[List]
                ) -> Tuple[torch.Tensor, Optional[torch.Tensor]]:
        if inputs.dim() == 6:  # (B, num_clips=1, M, T, V, C)
            inputs = inputs.flatten(0, 1)
        return inputs, valid_len_from_samples(data_samples, inputs.device)

    def extract_feat(self, inputs: torch.Tensor, data_samples: Optional[List] = None
                     ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Per-frame feature ``(B, T, N*D)`` and valid mask ``(B, T)``."""
        return self.backbone.forward_features(*self._inputs(inputs, data_samples))

    def loss(self, inputs: torch.Tensor, data_samples: List) -> Dict[str, torch.Tensor]:
        """The MPDP loss terms (``MPDPHead.loss``) of a batch."""
        x, valid_len = self._inputs(inputs, data_samples)
        if self.backbone.reference_math:
            dir_target, mag_target = self.target_generator(x, valid_len)
            feat, mask = self.backbone.forward_features(x, valid_len)
            return self.head.loss(feat, dir_target, mag_target, mask=mask)
        if valid_len is not None:
            # Frames past the longest sequence are padding in every sample.
            x = x[:, :, :int(valid_len.max().clamp(1, x.shape[2]))]
        dir_target, mag_target = self.target_generator(x, valid_len)
        feat, packing = self.backbone.forward_packed(x, valid_len)
        return self.head.loss(feat, packing.pack(dir_target), packing.pack(mag_target))

    def predict(self, inputs: torch.Tensor, data_samples: Optional[List] = None) -> List:
        """Attach ``feature`` (mean over valid frames, ``(N*D,)``) to each data sample."""
        feat, mask = self.extract_feat(inputs, data_samples)
        length = mask.sum(1).clamp(min=1)
        pooled = (feat * mask[..., None].to(feat.dtype)).sum(1) / length[:, None].to(feat.dtype)
        for sample, row in zip(data_samples, pooled):
            sample.set_field(row, 'feature')
        return data_samples
