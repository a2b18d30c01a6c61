"""MAMP decoder: predicts every token's motion from the visible tokens' latents."""
from typing import Dict, Optional

import torch
from mmengine.model import BaseModule
from torch import nn

from mmaction.registry import MODELS
from ..backbones.mamp_transformer import init_vit_, mamp_blocks, position_tables


@MODELS.register_module()
class MAMPDecoder(BaseModule):
    """The light decoder of MAMP (Mao et al., ICCV 2023) and its loss.

    The K visible latents are embedded to ``decoder_dims``, followed by ``L - K`` copies of
    ``mask_token``, put back into token order with ``ids_restore``; a joint and a temporal
    embedding are added to every token (visible and masked alike), then ``decoder_depth``
    pre-norm blocks, a LayerNorm and ``decoder_pred`` give ``u*p*C`` values per token.

    The sizes shared with the encoder are keyword arguments that ``MAMP`` fills in from its
    backbone when the head is a config dict, so a config names only the decoder's own.

    Args:
        embed_dims (int): D, width of the encoder latents.
        num_frames (int): T.
        num_joints (int): V.
        in_channels (int): C.
        t_patch_size (int): u.
        patch_size (int): p.
        num_heads (int): Heads of the decoder blocks (the encoder's, as the reference).
        mlp_ratio (float): MLP expansion of the decoder blocks (the encoder's).
        qkv_bias (bool): Bias in the q/k/v projections. Defaults to True.
        decoder_dims (int): Dd. Defaults to 256.
        decoder_depth (int): Number of decoder blocks. Defaults to 3.
        drop_rate (float): Projection and MLP dropout. Defaults to 0.
        attn_drop_rate (float): Attention-weight dropout. Defaults to 0.
        drop_path_rate (float): Stochastic depth, ``linspace(0, rate, decoder_depth)``.
            Defaults to 0.
        init_cfg (dict, optional): mmengine init config; None keeps
            :meth:`reset_parameters`.
    """

    def __init__(self,
                 *,
                 embed_dims: int,
                 num_frames: int,
                 num_joints: int,
                 in_channels: int,
                 t_patch_size: int,
                 patch_size: int,
                 num_heads: int,
                 mlp_ratio: float,
                 qkv_bias: bool = True,
                 decoder_dims: int = 256,
                 decoder_depth: int = 3,
                 drop_rate: float = 0.,
                 attn_drop_rate: float = 0.,
                 drop_path_rate: float = 0.,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.num_temporal_patches = num_frames // t_patch_size
        self.num_joint_patches = num_joints // patch_size
        self.num_tokens = self.num_temporal_patches * self.num_joint_patches
        self.out_channels = t_patch_size * patch_size * in_channels
        self.decoder_dims = decoder_dims
        self.decoder_embed = nn.Linear(embed_dims, decoder_dims)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, decoder_dims))
        self.decoder_pos_embed, self.decoder_temp_embed = position_tables(
            self.num_temporal_patches, self.num_joint_patches, decoder_dims)
        self.decoder_blocks = mamp_blocks(decoder_dims, decoder_depth, num_heads, mlp_ratio,
                                          qkv_bias, drop_rate, attn_drop_rate, drop_path_rate)
        self.decoder_norm = nn.LayerNorm(decoder_dims)
        self.decoder_pred = nn.Linear(decoder_dims, self.out_channels)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """MAMP's initialisation: xavier-uniform Linear weights, zero biases, LayerNorm 1 / 0,
        truncated normal (std 0.02) for the embeddings and ``mask_token``."""
        init_vit_(self)
        for table in (self.mask_token, self.decoder_pos_embed, self.decoder_temp_embed):
            nn.init.trunc_normal_(table, std=.02)

    def tokens(self, latent: torch.Tensor, ids_restore: torch.Tensor) -> torch.Tensor:
        """The decoder's input tokens.

        Args:
            latent (torch.Tensor): ``(R, K, D)`` encoder output, in ``ids_keep`` order.
            ids_restore (torch.Tensor): ``(R, L)`` long.

        Returns:
            torch.Tensor: ``(R, L, Dd)`` in token order, position embeddings added.
        """
        h = self.decoder_embed(latent)
        R, K, Dd = h.shape
        h = torch.cat([h, self.mask_token.expand(R, self.num_tokens - K, Dd)], dim=1)
        h = h.gather(1, ids_restore[..., None].expand(-1, -1, Dd))
        h = h.view(R, self.num_temporal_patches, self.num_joint_patches, Dd)
        return (h + self.decoder_pos_embed + self.decoder_temp_embed).flatten(1, 2)

    def forward(self, latent: torch.Tensor, ids_restore: torch.Tensor) -> torch.Tensor:
        """Predict every token.

        Args:
            latent (torch.Tensor): ``(R, K, D)`` encoder output, in ``ids_keep`` order.
            ids_restore (torch.Tensor): ``(R, L)`` long.

        Returns:
            torch.Tensor: ``pred (R, L, u*p*C)`` in token order, feature ``(i*p + j)*C + c``.
        """
        h = self.tokens(latent, ids_restore)
        for block in self.decoder_blocks:
            h = block(h)
        return self.decoder_pred(self.decoder_norm(h))

    @staticmethod
    def token_loss(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """``(R, L, F)`` pair -> ``(R, L)`` mean squared error per token."""
        return (pred - target).pow(2).mean(-1)

    def loss(self, pred: torch.Tensor, target: torch.Tensor,
             mask: torch.Tensor) -> Dict[str, torch.Tensor]:
        """MSE over the masked tokens of the whole batch (pooled, not per sample).

        Args:
            pred (torch.Tensor): ``(R, L, F)``.
            target (torch.Tensor): ``(R, L, F)``.
            mask (torch.Tensor): ``(R, L)``, 1 on masked tokens.

        Returns:
            dict: ``loss = sum(token_loss * mask) / sum(mask)``.
        """
        mask = mask.to(pred.dtype)
        return dict(loss=(self.token_loss(pred, target) * mask).sum() / mask.sum())
