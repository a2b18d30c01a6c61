"""A small self-supervised algorithm base, shaped like mmpretrain's BaseSelfSupervisor."""
from abc import ABCMeta, abstractmethod
from typing import Dict, List, Optional, Tuple, Union

import torch
from mmengine.model import BaseModel
from torch import nn

from mmaction.registry import MODELS
from ..layers.packing import Packing
from ..utils.inputs import unpack_inputs

ConfigOrModule = Union[dict, nn.Module]


def _build(cfg: Optional[ConfigOrModule]) -> Optional[nn.Module]:
    if cfg is None or isinstance(cfg, nn.Module):
        return cfg
    return MODELS.build(cfg)


class BaseSelfSupervisor(BaseModel, metaclass=ABCMeta):
    """backbone -> (neck) -> head, with a target generator run on the model's device.

    Args:
        backbone (dict | nn.Module): The encoder.
        neck (dict | nn.Module, optional): Between backbone and head. Defaults to None.
        head (dict | nn.Module, optional): Predicts the targets, owns the loss; a config dict
            is completed with :meth:`head_defaults` before it is built.
        target_generator (dict | nn.Module, optional): Makes targets from the inputs.
        data_preprocessor (dict | nn.Module, optional): Defaults to mmaction's
            ``ActionDataPreprocessor`` (stacks the batch, casts to float32).
        init_cfg (dict or list[dict], optional): mmengine init config.
    """

    def __init__(self,
                 backbone: ConfigOrModule,
                 neck: Optional[ConfigOrModule] = None,
                 head: Optional[ConfigOrModule] = None,
                 target_generator: Optional[ConfigOrModule] = None,
                 data_preprocessor: Optional[ConfigOrModule] = None,
                 init_cfg: Optional[Union[dict, List[dict]]] = None) -> None:
        # Built here from mmaction's registry so that no default scope is needed.
        backbone, target_generator = _build(backbone), _build(target_generator)
        if isinstance(head, dict):
            head = dict(head)
            for name, value in self.head_defaults(backbone, target_generator).items():
                head.setdefault(name, value)
        data_preprocessor = _build(data_preprocessor or dict(type='ActionDataPreprocessor'))
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.backbone = backbone
        self.neck = _build(neck)
        self.head = _build(head)
        self.target_generator = target_generator

    def head_defaults(self, backbone: nn.Module,
                      target_generator: Optional[nn.Module]) -> Dict[str, object]:
        """The head arguments a head config may leave out, taken from the built backbone and
        target generator (called before ``nn.Module.__init__``: it must not touch ``self``).
        None by default."""
        return {}

    @property
    def with_neck(self) -> bool:
        return self.neck is not None

    @property
    def with_head(self) -> bool:
        return self.head is not None

    @property
    def with_target_generator(self) -> bool:
        return self.target_generator is not None

    def forward(self,
                inputs: torch.Tensor,
                data_samples: Optional[List] = None,
                mode: str = 'tensor'):
        """``'tensor'``: :meth:`extract_feat`; ``'loss'``: :meth:`loss` (a dict of tensors);
        ``'predict'``: :meth:`predict` (the data samples with results)."""
        if mode == 'tensor':
            return self.extract_feat(inputs, data_samples)
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        raise RuntimeError(f'Invalid mode "{mode}"; use loss, predict or tensor')

    def unpack_inputs(self, inputs: torch.Tensor, data_samples: Optional[List] = None
                      ) -> Tuple[torch.Tensor, Packing]:
        """The batch as every mmgl model reads it: ``x (B, M, T, V, C)`` and its
        :class:`Packing` (:func:`mmgl.models.utils.unpack_inputs`)."""
        return unpack_inputs(inputs, data_samples)

    def extract_feat(self, inputs: torch.Tensor, data_samples: Optional[List] = None
                     ) -> Tuple[torch.Tensor, torch.Tensor]:
        """The backbone's ``forward_features``: ``feat (B, L, C)`` and ``mask (B, L)``."""
        return self.backbone.forward_features(*self.unpack_inputs(inputs, data_samples))

    @abstractmethod
    def loss(self, inputs: torch.Tensor, data_samples: List) -> Dict[str, torch.Tensor]:
        """The self-supervised losses of a batch."""

    def predict(self, inputs: torch.Tensor, data_samples: Optional[List] = None) -> List:
        raise NotImplementedError(f'{type(self).__name__} has no predict mode')
