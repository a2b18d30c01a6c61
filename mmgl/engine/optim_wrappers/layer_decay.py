"""Layer-wise learning-rate decay for the fine-tuning of a transformer backbone."""
from typing import List

from mmengine.optim import DefaultOptimWrapperConstructor
from torch import nn

from mmaction.registry import OPTIM_WRAPPER_CONSTRUCTORS


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class LayerDecayOptimWrapperConstructor(DefaultOptimWrapperConstructor):
    """Parameter groups with layer-wise lr decay and no weight decay on 1-D parameters and
    biases (MAE's and MAMP's fine-tuning recipe).

    With ``L = len(model.backbone.blocks)``, block ``i`` (``backbone.blocks.i.*``) has layer
    id ``i + 1``, the backbone's embeddings (backbone parameters outside the blocks whose name
    contains ``embed``) id 0, everything else (final norm, head) ``L + 1``; a parameter's lr
    is ``lr * decay_rate ** (L + 1 - id)``. mmaction's ``LearningRateDecayOptimizerConstructor``
    knows only its own ViT / MViT names and refuses models with a BatchNorm (MAMP's
    fine-tuning head has one).

    Config: ``optim_wrapper = dict(constructor='LayerDecayOptimWrapperConstructor',
    optimizer=dict(type='AdamW', lr=3e-4, weight_decay=0.05),
    paramwise_cfg=dict(decay_rate=0.8))``.
    """

    @staticmethod
    def layer_id(name: str, num_layers: int) -> int:
        """Layer id of parameter ``name`` (see the class docstring)."""
        if name.startswith('backbone.blocks.'):
            return int(name.split('.')[2]) + 1
        if name.startswith('backbone.') and 'embed' in name:
            return 0
        return num_layers + 1

    def add_params(self, params: List[dict], module: nn.Module, **kwargs) -> None:
        decay_rate = self.paramwise_cfg.get('decay_rate', 1.)
        num_layers = len(module.backbone.blocks)
        groups = {}
        for name, param in module.named_parameters():
            if not param.requires_grad:
                continue
            layer = self.layer_id(name, num_layers)
            no_decay = param.ndim == 1 or name.endswith('.bias')
            if (layer, no_decay) not in groups:
                groups[layer, no_decay] = dict(
                    params=[], lr=self.base_lr * decay_rate**(num_layers + 1 - layer),
                    weight_decay=0. if no_decay else self.base_wd)
            groups[layer, no_decay]['params'].append(param)
        params.extend(groups.values())
