"""What the mmgl backbones share: strict ``Pretrained`` loading and a freeze that survives
``model.train()``."""
from typing import Dict, List, Optional, TypeVar, Union

from mmengine.model import BaseModule

from ..utils.strict_pretrained import load_pretrained_strict

Self = TypeVar('Self', bound='FrozenPretrainedBackbone')


class FrozenPretrainedBackbone(BaseModule):
    """Base of the mmgl backbones.

    A subclass builds its modules, then calls :meth:`freeze_if_frozen` at the end of its
    ``__init__``.

    Args:
        frozen (bool): Freeze every parameter (``requires_grad=False``). Defaults to False.
        frozen_eval (bool): With ``frozen``, stay in eval mode through ``model.train()``.
            Defaults to True.
        init_cfg (dict or list[dict], optional): mmengine init config;
            ``dict(type='Pretrained', checkpoint=..., prefix=...)`` loads strictly
            (:meth:`init_weights`).
    """

    def __init__(self,
                 frozen: bool = False,
                 frozen_eval: bool = True,
                 init_cfg: Optional[Union[Dict, List[Dict]]] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.frozen = frozen
        self.frozen_eval = frozen_eval

    def freeze_if_frozen(self) -> None:
        """``requires_grad=False`` on every parameter when ``frozen``."""
        if self.frozen:
            self.requires_grad_(False)

    def init_weights(self) -> None:
        """mmengine's initialisation, except that ``init_cfg=dict(type='Pretrained', ...)``
        loads strictly: a checkpoint that does not fit raises and lists the keys."""
        cfg = self.init_cfg
        if isinstance(cfg, dict) and cfg.get('type') == 'Pretrained':
            load_pretrained_strict(self, cfg['checkpoint'], cfg.get('prefix'),
                                   cfg.get('map_location', 'cpu'))
            self._is_init = True
            return
        super().init_weights()

    def train(self: Self, mode: bool = True) -> Self:
        """Set train/eval mode; a frozen backbone with ``frozen_eval`` stays in eval mode."""
        super().train(mode)
        if self.frozen and self.frozen_eval:
            super().train(False)
        return self
