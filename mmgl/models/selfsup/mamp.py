"""MAMP: masked motion prediction (Mao et al., ICCV 2023)."""
from typing import Dict, List, Optional, Union

import torch
from torch import nn

from mmaction.registry import MODELS
from .base import BaseSelfSupervisor, ConfigOrModule, _build

# Sizes a MAMPDecoder config may leave out: MAMP takes them from its backbone.
SHARED_SIZES = ('embed_dims', 'num_frames', 'num_joints', 'in_channels', 't_patch_size',
                'patch_size', 'num_heads', 'mlp_ratio', 'qkv_bias')


@MODELS.register_module()
class MAMP(BaseSelfSupervisor):
    """Pretrain a ``MAMPTransformer`` by predicting the motion of masked patches.

    Inputs come batched from the data preprocessor as ``(B, 1, M, T, V, C)`` with T equal
    to the backbone's ``num_frames``. Persons are folded into the batch (``R = B*M`` rows,
    an absent person included); each row is cut into L tokens, most are masked by the
    masking module, the encoder sees only the visible ones, the decoder predicts every
    token's motion target and the loss is the MSE over the masked tokens of the batch.

    Args:
        backbone (dict | nn.Module): A ``MAMPTransformer``.
        head (dict | nn.Module): A ``MAMPDecoder``; in a config dict the sizes it shares
            with the backbone (``embed_dims``, ``num_frames``, ``num_joints``,
            ``in_channels``, ``t_patch_size``, ``patch_size``, ``num_heads``, ``mlp_ratio``,
            ``qkv_bias``) may be left out.
        masking (dict | nn.Module): Defaults to ``MotionAwareMasking()`` (mask ratio 0.9,
            tau 0.8; ``tau=0`` is random masking).
        target_generator (dict | nn.Module): Defaults to ``MAMPTargetGenerator()``.
        data_preprocessor, init_cfg: As :class:`BaseSelfSupervisor`.
    """

    def __init__(self,
                 backbone: ConfigOrModule,
                 head: ConfigOrModule,
                 masking: ConfigOrModule = dict(type='MotionAwareMasking'),
                 target_generator: ConfigOrModule = dict(type='MAMPTargetGenerator'),
                 data_preprocessor: Optional[ConfigOrModule] = None,
                 init_cfg: Optional[Union[dict, List[dict]]] = None) -> None:
        super().__init__(backbone=backbone, head=head, target_generator=target_generator,
                         data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.masking = _build(masking)
        if self.head.num_tokens != self.backbone.num_tokens:
            raise ValueError(f'head has {self.head.num_tokens} tokens per row, backbone '
                             f'{self.backbone.num_tokens}')

    def head_defaults(self, backbone: nn.Module,
                      target_generator: Optional[nn.Module]) -> Dict[str, object]:
        """:data:`SHARED_SIZES` from the backbone."""
        return {name: getattr(backbone, name) for name in SHARED_SIZES}

    def reconstruct(self, x: torch.Tensor, uniform: Optional[torch.Tensor] = None,
                    generator: Optional[torch.Generator] = None) -> Dict[str, torch.Tensor]:
        """One masked forward pass.

        Args:
            x (torch.Tensor): ``(B, M, T, V, C)``.
            uniform (torch.Tensor, optional): ``(B*M, L)`` masking draw (see
                ``MotionAwareMasking``). Defaults to a fresh draw.
            generator (torch.Generator, optional): For a fresh draw.

        Returns:
            dict: ``pred`` and ``target`` ``(B*M, L, F)``, ``mask`` ``(B*M, L)``,
            ``latent`` ``(B*M, K, D)``, ``ids_keep``, ``ids_restore``.
        """
        backbone = self.backbone
        x = backbone.fold(x)
        patches = backbone.patchify(x)
        grid = (backbone.num_temporal_patches, backbone.num_joint_patches)
        drawn = self.masking(patches.unflatten(1, grid), uniform=uniform, generator=generator)
        visible = self.masking.gather(backbone.embed(x), drawn.ids_keep)
        latent = backbone.forward_tokens(visible)
        pred = self.head(latent, drawn.ids_restore)
        target = self.target_generator(x, backbone.patchify)
        return dict(pred=pred, target=target, mask=drawn.mask, latent=latent,
                    ids_keep=drawn.ids_keep, ids_restore=drawn.ids_restore)

    def loss(self, inputs: torch.Tensor, data_samples: Optional[List] = None,
             uniform: Optional[torch.Tensor] = None) -> Dict[str, torch.Tensor]:
        """``dict(loss=...)``: MSE over the masked tokens of the batch.

        Args:
            inputs (torch.Tensor): ``(B, 1, M, T, V, C)`` or ``(B, M, T, V, C)``.
            data_samples (list, optional): Unused.
            uniform (torch.Tensor, optional): Injected masking draw ``(B*M, L)``.
        """
        x, _ = self.unpack_inputs(inputs, data_samples)
        out = self.reconstruct(x, uniform=uniform)
        return self.head.loss(out['pred'], out['target'], out['mask'])
