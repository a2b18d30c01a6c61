"""MAMP encoder: a plain transformer over space-time skeleton patches.

Mao et al., "Masked Motion Predictors are Strong 3D Action Representation Learners",
ICCV 2023. Conventions: persons are folded into the batch (row ``r = n*M + m``), tokens are
time-major (``l = tp*VP + vp``), a token's features frame-in-patch major with the channel
fastest (``f = (i*p + j)*C + c``).
"""
from typing import Dict, List, Optional, Tuple, Union

import torch
from torch import nn

from mmaction.registry import MODELS
from ..layers import MultiheadAttention, Packing, drop_path
from ..utils.inputs import masked_mean
from .base import FrozenPretrainedBackbone
from .gl_transformer import FeedForward

FEATURES = ('patch', 'frame')


def patchify(x: torch.Tensor, t_patch_size: int, patch_size: int) -> torch.Tensor:
    """Cut frames into space-time patches.

    Args:
        x (torch.Tensor): ``(R, T, V, C)``.
        t_patch_size (int): u, frames per patch.
        patch_size (int): p, joints per patch.

    Returns:
        torch.Tensor: ``(R, L, u*p*C)`` with token ``l = tp*VP + vp`` (time-major) and
        feature ``f = (i*p + j)*C + c`` for frame ``tp*u + i``, joint ``vp*p + j``.
    """
    R, T, V, C = x.shape
    u, p = t_patch_size, patch_size
    x = x.reshape(R, T // u, u, V // p, p, C).permute(0, 1, 3, 2, 4, 5)
    return x.reshape(R, (T // u) * (V // p), u * p * C)


def init_vit_(module: nn.Module) -> None:
    """The ViT/MAE initialisation used by MAMP: xavier-uniform Linear weights, zero biases,
    LayerNorm weight 1 and bias 0 (Conv2d keeps PyTorch's default)."""
    for m in module.modules():
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Conv2d):
            m.reset_parameters()


class MAMPBlock(nn.Module):
    """Pre-norm ViT block: ``h += Attn(norm1(h))``, ``h += MLP(norm2(h))``.

    Args:
        embed_dims (int): Token width.
        num_heads (int): Attention heads.
        mlp_ratio (float): MLP hidden width is ``int(embed_dims * mlp_ratio)``.
        qkv_bias (bool): Bias in the fused q/k/v projection.
        drop (float): Projection and MLP dropout.
        attn_drop (float): Attention-weight dropout.
        drop_path (float): Stochastic depth of both residual branches (per row).
    """

    def __init__(self, embed_dims: int, num_heads: int, mlp_ratio: float, qkv_bias: bool,
                 drop: float = 0., attn_drop: float = 0., drop_path: float = 0.) -> None:
        super().__init__()
        self.drop_path = drop_path
        self.norm1 = nn.LayerNorm(embed_dims)
        self.attn = MultiheadAttention(embed_dims, num_heads, qkv_bias, attn_drop, drop)
        self.norm2 = nn.LayerNorm(embed_dims)
        self.mlp = FeedForward(embed_dims, int(embed_dims * mlp_ratio), drop)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        """``h (R, K, D)`` -> same shape (no attention mask: every token is real)."""
        h = h + drop_path(self.attn(self.norm1(h)), self.drop_path, self.training)
        return h + drop_path(self.mlp(self.norm2(h)), self.drop_path, self.training)


def position_tables(num_temporal_patches: int, num_joint_patches: int,
                    dims: int) -> Tuple[nn.Parameter, nn.Parameter]:
    """MAMP's learnable joint and temporal embeddings, zero until ``reset_parameters``:
    ``(1, 1, VP, dims)`` and ``(1, TP, 1, dims)``, broadcast over a ``(R, TP, VP, dims)``
    token grid."""
    return (nn.Parameter(torch.zeros(1, 1, num_joint_patches, dims)),
            nn.Parameter(torch.zeros(1, num_temporal_patches, 1, dims)))


def mamp_blocks(dims: int, depth: int, num_heads: int, mlp_ratio: float, qkv_bias: bool,
                drop: float, attn_drop: float, drop_path_rate: float) -> nn.ModuleList:
    """``depth`` :class:`MAMPBlock` s with stochastic depth ``linspace(0, rate, depth)``."""
    rates = torch.linspace(0, drop_path_rate, depth, device='cpu').tolist()
    return nn.ModuleList([
        MAMPBlock(dims, num_heads, mlp_ratio, qkv_bias, drop, attn_drop, rate)
        for rate in rates
    ])


class SkeletonPatchEmbed(nn.Module):
    """Linear embedding of each ``(t_patch_size, patch_size)`` patch, as a Conv2d with
    kernel = stride over (time, joint); ``proj.weight`` is ``(D, C, u, p)``."""

    def __init__(self, in_channels: int, embed_dims: int, t_patch_size: int,
                 patch_size: int) -> None:
        super().__init__()
        kernel = (t_patch_size, patch_size)
        self.proj = nn.Conv2d(in_channels, embed_dims, kernel_size=kernel, stride=kernel)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(R, T, V, C)`` -> ``(R, TP, VP, D)``."""
        return self.proj(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)


@MODELS.register_module()
class MAMPTransformer(FrozenPretrainedBackbone):
    """The MAMP encoder (Mao et al., ICCV 2023).

    Every person of a sample is an independent sequence: ``(B, M, T, V, C)`` is folded to
    ``B*M`` rows (row ``r = n*M + m``), each cut into ``L = TP*VP`` tokens of
    ``t_patch_size`` frames by ``patch_size`` joints (``TP = T/u``, ``VP = V/p``, token
    ``l = tp*VP + vp``). A token is the linear embedding of its ``u*p*C`` values plus a
    learnable joint embedding ``pos_embed[vp]`` and a learnable temporal embedding
    ``temp_embed[tp]``; ``depth`` pre-norm ViT blocks and a final LayerNorm follow. For
    pretraining, ``MAMP`` feeds only the visible tokens through :meth:`forward_tokens`;
    downstream, every token goes through (:meth:`forward_features`).

    Args:
        layout (str, optional): Joint layout name (``mmgl.datasets.layouts``); gives
            ``num_joints`` unless set. Defaults to ``'nturgb+d'``.
        num_joints (int, optional): V. Defaults to None (from ``layout``).
        num_person (int): M. Defaults to 2.
        in_channels (int): C. Defaults to 3.
        embed_dims (int): D. Defaults to 256.
        depth (int): Number of blocks. Defaults to 8.
        num_heads (int): Attention heads. Defaults to 8.
        mlp_ratio (float): MLP expansion. Defaults to 4.0.
        num_frames (int): T; inputs must have exactly this many frames (the data pipeline
            resizes clips to it). Defaults to 120.
        t_patch_size (int): u, frames per token; must divide ``num_frames``. Defaults to 4.
        patch_size (int): p, joints per token; must divide ``num_joints``. Defaults to 1.
        qkv_bias (bool): Bias in the q/k/v projections. Defaults to True.
        drop_rate (float): Projection and MLP dropout. Defaults to 0.
        attn_drop_rate (float): Attention-weight dropout. Defaults to 0.
        drop_path_rate (float): Stochastic depth, ``linspace(0, rate, depth)``. Defaults to 0.
        features (str): What :meth:`forward_features` returns per row: ``'patch'`` (one row
            per person, temporal patch and joint patch, width D; their mean is MAMP's
            linear-probe feature) or ``'frame'`` (one row per person and temporal patch,
            width ``VP*D``; their mean is MAMP's fine-tune feature). Defaults to ``'patch'``.
        frozen (bool): Freeze every parameter. Defaults to False.
        frozen_eval (bool): With ``frozen``, stay in eval mode through ``model.train()``.
            Defaults to True.
        init_cfg (dict or list[dict], optional): mmengine init config;
            ``dict(type='Pretrained', checkpoint=..., prefix='backbone.')`` loads the encoder
            of an mmgl ``MAMP`` checkpoint strictly. None keeps the default initialisation
            (:meth:`reset_parameters`).

    Example:
        >>> model = MAMPTransformer(num_joints=25, embed_dims=16, depth=1, num_heads=2,
        ...                         num_frames=16)
        >>> x = torch.rand(2, 2, 16, 25, 3)
        >>> model(x).shape  # (B, M, D, TP, VP)
        torch.Size([2, 2, 16, 4, 25])
        >>> model.forward_features(x)[0].shape  # (B, M*TP*VP, D)
        torch.Size([2, 200, 16])
    """

    def __init__(self,
                 layout: Optional[str] = 'nturgb+d',
                 num_joints: Optional[int] = None,
                 num_person: int = 2,
                 in_channels: int = 3,
                 embed_dims: int = 256,
                 depth: int = 8,
                 num_heads: int = 8,
                 mlp_ratio: float = 4.,
                 num_frames: int = 120,
                 t_patch_size: int = 4,
                 patch_size: int = 1,
                 qkv_bias: bool = True,
                 drop_rate: float = 0.,
                 attn_drop_rate: float = 0.,
                 drop_path_rate: float = 0.,
                 features: str = 'patch',
                 frozen: bool = False,
                 frozen_eval: bool = True,
                 init_cfg: Optional[Union[Dict, List[Dict]]] = None) -> None:
        super().__init__(frozen=frozen, frozen_eval=frozen_eval, init_cfg=init_cfg)
        if num_joints is None:
            from mmgl.datasets.layouts import get_layout
            num_joints = get_layout(layout).num_joints
        if num_frames % t_patch_size:
            raise ValueError(f't_patch_size {t_patch_size} does not divide '
                             f'num_frames {num_frames}')
        if num_joints % patch_size:
            raise ValueError(f'patch_size {patch_size} does not divide num_joints {num_joints}')
        if features not in FEATURES:
            raise ValueError(f'features must be one of {FEATURES}, got {features!r}')
        self.num_joints = num_joints
        self.num_person = num_person
        self.in_channels = in_channels
        self.embed_dims = embed_dims
        self.num_heads = num_heads
        self.mlp_ratio = mlp_ratio
        self.qkv_bias = qkv_bias
        self.num_frames = num_frames
        self.t_patch_size = t_patch_size
        self.patch_size = patch_size
        self.num_temporal_patches = num_frames // t_patch_size
        self.num_joint_patches = num_joints // patch_size
        self.num_tokens = self.num_temporal_patches * self.num_joint_patches
        self.features = features
        self.out_channels = embed_dims if features == 'patch' else \
            self.num_joint_patches * embed_dims

        self.joints_embed = SkeletonPatchEmbed(in_channels, embed_dims, t_patch_size,
                                               patch_size)
        self.pos_embed, self.temp_embed = position_tables(
            self.num_temporal_patches, self.num_joint_patches, embed_dims)
        self.blocks = mamp_blocks(embed_dims, depth, num_heads, mlp_ratio, qkv_bias, drop_rate,
                                  attn_drop_rate, drop_path_rate)
        self.norm = nn.LayerNorm(embed_dims)
        self.reset_parameters()
        self.freeze_if_frozen()

    def reset_parameters(self) -> None:
        """MAMP's initialisation, in one place: xavier-uniform Linear weights and zero
        biases, LayerNorm 1 / 0, PyTorch's default for the patch Conv2d, truncated normal
        (std 0.02) for both position embeddings."""
        init_vit_(self)
        for table in (self.pos_embed, self.temp_embed):
            nn.init.trunc_normal_(table, std=.02)

    def fold(self, x: torch.Tensor) -> torch.Tensor:
        """Check the input and fold persons into the batch.

        Args:
            x (torch.Tensor): ``(B, M, T, V, C)`` (the model's entry,
                :func:`mmgl.models.utils.unpack_inputs`, flattens the clip axis).

        Returns:
            torch.Tensor: ``(B*M, T, V, C)``, row ``r = n*M + m``.

        Raises:
            ValueError: If the shape does not match the model (frames included: the
                embeddings have a fixed number of temporal patches).
        """
        expected = (self.num_person, self.num_frames, self.num_joints, self.in_channels)
        if x.dim() != 5 or tuple(x.shape[1:]) != expected:
            raise ValueError(
                f'MAMPTransformer expects x of shape (B, M, T, V, C) = (B, {expected[0]}, '
                f'{expected[1]}, {expected[2]}, {expected[3]}) (num_person, num_frames, '
                f'num_joints, in_channels), got {tuple(x.shape)}; resize clips to '
                f'num_frames in the data pipeline')
        return x.flatten(0, 1)

    def patchify(self, x_folded: torch.Tensor) -> torch.Tensor:
        """``(R, T, V, C)`` -> ``(R, L, u*p*C)`` token features (see :func:`patchify`)."""
        return patchify(x_folded, self.t_patch_size, self.patch_size)

    def embed(self, x_folded: torch.Tensor) -> torch.Tensor:
        """Patch embedding plus both position embeddings.

        Args:
            x_folded (torch.Tensor): ``(R, T, V, C)``.

        Returns:
            torch.Tensor: ``(R, L, D)`` tokens, ``l = tp*VP + vp``.
        """
        tokens = self.joints_embed(x_folded) + self.pos_embed + self.temp_embed
        return tokens.flatten(1, 2)

    def forward_tokens(self, tokens: torch.Tensor) -> torch.Tensor:
        """The blocks and the final LayerNorm on any subset of tokens.

        Args:
            tokens (torch.Tensor): ``(R, K, D)`` embedded tokens (any order).

        Returns:
            torch.Tensor: ``(R, K, D)``.
        """
        for block in self.blocks:
            tokens = block(tokens)
        return self.norm(tokens)

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """Every token of every person, unmasked.

        Args:
            x (torch.Tensor): ``(B, M, T, V, C)``.

        Returns:
            torch.Tensor: ``(B, M, TP, VP, D)``.
        """
        h = self.forward_tokens(self.embed(self.fold(x)))
        return h.view(-1, self.num_person, self.num_temporal_patches, self.num_joint_patches,
                      self.embed_dims)

    def forward_features(self, x: torch.Tensor,
                         valid: Union[Packing, torch.Tensor, None] = None
                         ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Per-row features and their mask, for the classification heads.

        Args:
            x (torch.Tensor): ``(B, M, T, V, C)``, T equal to ``num_frames``.
            valid (Packing | torch.Tensor, optional): Accepted (the interface of
                ``GLTransformer``) and not needed: MAMP's inputs are resized so that every
                frame is valid.

        Returns:
            tuple: ``feat`` and ``mask (B, rows)`` bool, all True. ``features='patch'``:
            ``feat (B, M*TP*VP, D)``, row ``(m*TP + tp)*VP + vp``; ``features='frame'``:
            ``feat (B, M*TP, VP*D)``, row ``m*TP + tp``, column ``vp*D + c``. The mean
            over rows is the reference's linear-probe (``'patch'``) or fine-tune
            (``'frame'``) pooled feature; an absent person's rows count.
        """
        h = self.encode(x)
        B = h.shape[0]
        if self.features == 'patch':
            feat = h.reshape(B, -1, self.embed_dims)
        else:
            feat = h.reshape(B, -1, self.num_joint_patches * self.embed_dims)
        mask = torch.ones(feat.shape[:2], dtype=torch.bool, device=feat.device)
        return feat, mask

    def pool(self, feat: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """The clip feature: mean of :meth:`forward_features`' rows, ``(B, out_channels)``
        (the reference's linear-probe or fine-tune pooling)."""
        return masked_mean(feat, mask)

    def forward(self, x: torch.Tensor, valid: Union[Packing, torch.Tensor, None] = None
                ) -> torch.Tensor:
        """mmaction skeleton-backbone output, for ``GCNHead``.

        Args:
            x (torch.Tensor): ``(B, M, T, V, C)``.
            valid (Packing | torch.Tensor, optional): Not needed (see
                :meth:`forward_features`).

        Returns:
            torch.Tensor: ``(B, M, D, TP, VP)``, contiguous.
        """
        return self.encode(x).permute(0, 1, 4, 2, 3).contiguous()
