"""GL-Transformer: global-local spatial attention per frame, then temporal attention."""
from typing import Dict, List, Optional, Tuple, Union

import torch
from torch import nn

from mmaction.registry import MODELS
from ..layers import (Dropout, Linear, MultiheadAttention, Packing, as_packing, drop_path,
                      gather_unique_rows, onednn_linear, sine_table)
from ..utils.inputs import masked_mean
from .base import FrozenPretrainedBackbone

POS_EMBEDS = ('learnable', 'sine', 'none')
CPU_GEMMS = ('onednn', 'torch')


class FeedForward(nn.Module):
    """``fc1 -> GELU (erf) -> dropout -> fc2 -> dropout``.

    Args:
        in_features (int): Input and output width.
        hidden_features (int): Hidden width.
        drop (float): Dropout after the activation and after ``fc2``. Defaults to 0.
    """

    def __init__(self, in_features: int, hidden_features: int, drop: float = 0.) -> None:
        super().__init__()
        self.fc1 = Linear(in_features, hidden_features)
        self.act = nn.GELU()
        self.fc2 = Linear(hidden_features, in_features)
        self.drop = Dropout(drop)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.drop(self.fc2(self.drop(self.act(self.fc1(x)))))


class GLBlock(nn.Module):
    """One GL-Transformer block (pre-norm; docs/method.md#12-architecture).

    ``s = h + P``; ``s += SpatialAttn(LN(s))`` among the N tokens of each frame; each frame
    becomes one token of width N*D, ``u = s + P`` (the same P again, flattened);
    ``u += TemporalAttn(LN(u))`` over frames with padded keys masked; ``u += FFN(LN(u))``.

    Args:
        num_tokens (int): N, tokens per frame.
        embed_dims (int): D, token width.
        num_heads (int): Heads of both attentions.
        mlp_ratio (float): FFN hidden width is ``int(N * D * mlp_ratio)``.
        max_frames (int): Rows of the positional embedding.
        qkv_bias (bool): Bias in the q/k/v projections.
        drop (float): Projection and FFN dropout.
        attn_drop (float): Attention-weight dropout.
        drop_path (float): Stochastic depth of the three residual branches.
        pos_embed (str): ``'learnable'``, ``'sine'`` or ``'none'``.
    """

    def __init__(self, num_tokens: int, embed_dims: int, num_heads: int, mlp_ratio: float,
                 max_frames: int, qkv_bias: bool, drop: float, attn_drop: float,
                 drop_path: float, pos_embed: str) -> None:
        super().__init__()
        wide = num_tokens * embed_dims
        self.drop_path = drop_path
        self.pos_embed_type = pos_embed
        if pos_embed == 'learnable':
            self.pos_embed = nn.Parameter(torch.zeros(max_frames, num_tokens, embed_dims))
        elif pos_embed == 'sine':
            # Two fixed tables, as the reference's 'fix' ablation: over token index for the
            # spatial stage and over frame index for the temporal one.
            self.register_buffer('sine_spatial', sine_table(num_tokens, embed_dims), False)
            self.register_buffer('sine_temporal', sine_table(max_frames, wide), False)
        self.norm_spatial = nn.LayerNorm(embed_dims)
        self.attn_spatial = MultiheadAttention(embed_dims, num_heads, qkv_bias, attn_drop, drop)
        self.norm_temporal = nn.LayerNorm(wide)
        self.attn_temporal = MultiheadAttention(wide, num_heads, qkv_bias, attn_drop, drop)
        self.norm_ffn = nn.LayerNorm(wide)
        self.ffn = FeedForward(wide, int(wide * mlp_ratio), drop)

    def positions(self, frames: Union[int, Packing]
                  ) -> Tuple[Optional[torch.Tensor], Optional[torch.Tensor]]:
        """Position terms for the spatial and the temporal stage.

        Args:
            frames (int | Packing): T (the first T rows, padded layout) or the batch's
                packing (its ``frame_idx`` rows, packed layout).

        Returns:
            tuple: ``(spatial (T|S, N, D) or (N, D), temporal (T|S, N*D))``, or Nones.
        """
        if self.pos_embed_type == 'none':
            return None, None
        pick = (lambda t: t[:frames]) if isinstance(frames, int) else frames.frame_rows
        if self.pos_embed_type == 'learnable':
            spatial = pick(self.pos_embed)
            return spatial, spatial.flatten(1)
        return self.sine_spatial, pick(self.sine_temporal)

    def forward(self, h: torch.Tensor, key_mask: Optional[torch.Tensor] = None,
                use_sdpa: bool = True) -> torch.Tensor:
        """Padded layout, every frame: ``h (B, T, N, D)``, ``key_mask (B, T)`` bool (True on
        the keys to attend to) or None -> same shape."""
        B, T, N, D = h.shape
        spatial, temporal = self.positions(T)
        s = h if spatial is None else h + spatial
        s = s.reshape(B * T, N, D)
        # The reference drops spatial branches per (sample, frame) row, the others per sample.
        s = s + drop_path(
            self.attn_spatial(self.norm_spatial(s), use_sdpa=use_sdpa), self.drop_path,
            self.training)
        u = s.reshape(B, T, N * D)
        if temporal is not None:
            u = u + temporal
        u = u + drop_path(
            self.attn_temporal(self.norm_temporal(u), key_mask, use_sdpa), self.drop_path,
            self.training)
        u = u + drop_path(self.ffn(self.norm_ffn(u)), self.drop_path, self.training)
        return u.view(B, T, N, D)

    def forward_packed(self, h: torch.Tensor, packing: Packing) -> torch.Tensor:
        """Packed layout, valid frames only: ``h (S, N, D)`` -> same shape.

        Only the temporal attention needs the frames of a sample side by side: its q/k/v are
        scattered into a zero ``(B, max_len, 3*N*D)`` scratch, the padded keys masked, and the
        valid query rows gathered back. Everything else is per frame.
        """
        S, N, D = h.shape
        spatial, temporal = self.positions(packing)
        s = h if spatial is None else h + spatial
        s = s + drop_path(self.attn_spatial(self.norm_spatial(s)), self.drop_path, self.training)
        u = s.reshape(S, N * D)
        if temporal is not None:
            u = u + temporal
        qkv = self.attn_temporal.qkv(self.norm_temporal(u))
        B, L = packing.num_samples, packing.max_len
        scratch = qkv.new_zeros(B * L, qkv.shape[1]).index_copy(0, packing.attn_index, qkv)
        attn = self.attn_temporal.attend(scratch.view(B, L, -1), packing.mask[:, :L])
        attn = gather_unique_rows(attn.reshape(B * L, -1), packing.attn_index)
        rows = dict(sample_idx=packing.sample_idx, num_samples=B)
        u = u + drop_path(self.attn_temporal.project(attn), self.drop_path, self.training, **rows)
        u = u + drop_path(self.ffn(self.norm_ffn(u)), self.drop_path, self.training, **rows)
        return u.view(S, N, D)


@MODELS.register_module()
class GLTransformer(FrozenPretrainedBackbone):
    """GL-Transformer encoder (Kim et al., ECCV 2022), with its head MLP.

    Tokens: the V joints of the M persons of a frame, ``n = joint * M + person``. The
    ``center`` joint slot carries the global translation (the data pipeline puts it there)
    and is embedded by ``emb_global``; the other slots by ``emb``.

    The default path computes only valid frames (frames ``t < valid_len``): everything but
    the temporal attention is per frame, and padded keys are masked, so padded frames cannot
    change valid ones. ``reference_math=True`` computes every frame in the padded layout with
    plain-math attention, as the reference does; both agree on valid frames.

    Args:
        layout (str, optional): Joint layout name (``mmgl.datasets.layouts``); gives
            ``num_joints`` and ``center`` unless both are set. Defaults to ``'nturgb+d'``.
        num_joints (int, optional): V. Defaults to None (from ``layout``).
        center (int, optional): Joint slot of the global-translation token. Defaults to None.
        num_person (int): M. Defaults to 2.
        in_channels (int): C. Defaults to 3.
        embed_dims (int): D, per-token width. Defaults to 48.
        depth (int): Number of blocks. Defaults to 4.
        num_heads (int): Heads of the spatial and the temporal attention. Defaults to 8.
        mlp_ratio (float): FFN expansion. Defaults to 2.0.
        max_frames (int): Longest input; inputs may be shorter (the positional embedding
            is sliced). Defaults to 300.
        drop_rate (float): Embedding, projection and FFN dropout. Defaults to 0.1.
        attn_drop_rate (float): Attention-weight dropout. Defaults to 0.1.
        drop_path_rate (float): Stochastic depth, ``linspace(0, rate, depth)``. Defaults to 0.1.
        qkv_bias (bool): Bias in the q/k/v projections. Defaults to True.
        pos_embed (str): ``'learnable'`` (one zero-initialised ``(max_frames, N, D)`` table
            per block, added before both attentions), ``'sine'`` (fixed tables) or
            ``'none'``. Defaults to ``'learnable'``.
        global_token (bool): Embed the centre slot with its own ``emb_global``. False (an
            ablation) embeds it with ``emb`` like a local joint. Defaults to True.
        temporal_mask (bool): Mask padded keys in the temporal attention. False (an ablation)
            lets padded frames take part, so every frame is computed. Defaults to True.
        frozen (bool): Freeze every parameter (``requires_grad=False``). Defaults to False.
        frozen_eval (bool): With ``frozen``, keep the module in eval mode through
            ``model.train()``; False keeps dropout and drop-path active, as the reference's
            linear evaluation does. Defaults to True.
        reference_math (bool): Use the straightforward padded path. Defaults to False.
        cpu_gemm (str): The default path's CPU float32 products of the attention, FFN and
            head-MLP layers (and of ``MPDPHead`` under ``MPDP``): ``'onednn'`` (oneDNN's
            matmul, faster than torch's MKL sgemm on the CPU measured,
            ``mmgl.models.layers.linear``) or ``'torch'`` (``F.linear``). The padded path
            always uses ``'torch'``, as the reference. Defaults to ``'onednn'``.
        init_cfg (dict or list[dict], optional): mmengine init config; None keeps PyTorch's
            default initialisation (as the reference) and zero positional embeddings.

    Example:
        >>> model = GLTransformer(num_joints=25, center=20, embed_dims=8, depth=1,
        ...                       num_heads=2, max_frames=16)
        >>> x = torch.rand(2, 2, 16, 25, 3)
        >>> model(x, torch.tensor([16, 5])).shape
        torch.Size([2, 2, 8, 16, 25])
    """

    def __init__(self,
                 layout: Optional[str] = 'nturgb+d',
                 num_joints: Optional[int] = None,
                 center: Optional[int] = None,
                 num_person: int = 2,
                 in_channels: int = 3,
                 embed_dims: int = 48,
                 depth: int = 4,
                 num_heads: int = 8,
                 mlp_ratio: float = 2.0,
                 max_frames: int = 300,
                 drop_rate: float = 0.1,
                 attn_drop_rate: float = 0.1,
                 drop_path_rate: float = 0.1,
                 qkv_bias: bool = True,
                 pos_embed: str = 'learnable',
                 global_token: bool = True,
                 temporal_mask: bool = True,
                 frozen: bool = False,
                 frozen_eval: bool = True,
                 reference_math: bool = False,
                 cpu_gemm: str = 'onednn',
                 init_cfg: Optional[Union[Dict, List[Dict]]] = None) -> None:
        super().__init__(frozen=frozen, frozen_eval=frozen_eval, init_cfg=init_cfg)
        if num_joints is None or center is None:
            from mmgl.datasets.layouts import get_layout
            spec = get_layout(layout)
            num_joints = spec.num_joints if num_joints is None else num_joints
            center = spec.center if center is None else center
        if not 0 <= center < num_joints:
            raise ValueError(f'center {center} is not a joint index of {num_joints} joints')
        if pos_embed not in POS_EMBEDS:
            raise ValueError(f'pos_embed must be one of {POS_EMBEDS}, got {pos_embed!r}')
        if cpu_gemm not in CPU_GEMMS:
            raise ValueError(f'cpu_gemm must be one of {CPU_GEMMS}, got {cpu_gemm!r}')
        self.num_joints = num_joints
        self.center = center
        self.num_person = num_person
        self.num_tokens = num_joints * num_person
        self.in_channels = in_channels
        self.embed_dims = embed_dims
        self.out_channels = self.num_tokens * embed_dims
        self.max_frames = max_frames
        self.global_token = global_token
        self.temporal_mask = temporal_mask
        self.reference_math = reference_math
        self.cpu_gemm = cpu_gemm

        self.emb = nn.Linear(in_channels, embed_dims)
        if global_token:
            self.emb_global = nn.Linear(in_channels, embed_dims)
        self.drop = Dropout(drop_rate)
        rates = torch.linspace(0, drop_path_rate, depth, device='cpu').tolist()
        self.blocks = nn.ModuleList([
            GLBlock(self.num_tokens, embed_dims, num_heads, mlp_ratio, max_frames, qkv_bias,
                    drop_rate, attn_drop_rate, rate, pos_embed) for rate in rates
        ])
        wide = self.out_channels
        self.norm = nn.LayerNorm(wide)
        # Indices follow the reference's Sequential (1 and 4 are the parameter-free GELUs).
        self.head_mlp = nn.Sequential(
            Linear(wide, wide), nn.GELU(), nn.LayerNorm(wide),
            Linear(wide, wide), nn.GELU(), nn.LayerNorm(wide))
        self.reset_parameters()
        self.freeze_if_frozen()

    @property
    def global_tokens(self) -> Tuple[int, ...]:
        """Token indices of the global-translation tokens (empty without ``global_token``)."""
        if not self.global_token:
            return ()
        return tuple(self.center * self.num_person + m for m in range(self.num_person))

    def reset_parameters(self) -> None:
        """The default initialisation, in one place: PyTorch's defaults for Linear and
        LayerNorm (as the reference), zeros for the positional embeddings
        (docs/method.md#12-architecture)."""
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.LayerNorm)):
                module.reset_parameters()
            elif isinstance(module, GLBlock) and module.pos_embed_type == 'learnable':
                nn.init.zeros_(module.pos_embed)

    @property
    def computes_padding(self) -> bool:
        """Whether padded frames are computed: the reference's padded path
        (``reference_math``), or no temporal mask (padded frames then take part in attention).
        The one place where the backbone's path is chosen."""
        return self.reference_math or not self.temporal_mask

    @property
    def onednn(self) -> bool:
        """Whether the CPU fp32 products run in oneDNN: ``cpu_gemm='onednn'`` on the default
        path (heads such as ``MPDPHead`` follow it, see ``MPDP.loss``)."""
        return self.cpu_gemm == 'onednn' and not self.computes_padding

    def _check_input(self, x: torch.Tensor) -> None:
        if x.dim() != 5:
            raise ValueError(f'expected x of shape (B, M, T, V, C), got {tuple(x.shape)} '
                             '(mmgl.models.utils.unpack_inputs flattens the clip axis)')
        B, M, T, V, C = x.shape
        if (M, V, C) != (self.num_person, self.num_joints, self.in_channels):
            raise ValueError(f'x {tuple(x.shape)} does not match num_person={self.num_person}, '
                             f'num_joints={self.num_joints}, in_channels={self.in_channels}')
        if T > self.max_frames:
            raise ValueError(f'{T} frames exceed max_frames={self.max_frames}')

    def _embed(self, joints: torch.Tensor) -> torch.Tensor:
        """``(R, V, M, C)`` rows of frames -> ``(R, N, D)`` token embeddings."""
        if self.global_token:
            c = self.center
            tokens = torch.cat([
                self.emb(joints[:, :c]),
                self.emb_global(joints[:, c:c + 1]),
                self.emb(joints[:, c + 1:])
            ], dim=1)
        else:
            tokens = self.emb(joints)
        return self.drop(tokens.flatten(1, 2))

    def _head(self, h: torch.Tensor) -> torch.Tensor:
        return self.head_mlp(self.norm(h.flatten(-2)))

    def _features_padded(self, x: torch.Tensor, packing: Packing,
                         use_sdpa: Optional[bool] = None) -> torch.Tensor:
        """Every frame, padded layout (the reference's computation): ``(B, T, N*D)``,
        padded frames holding what the reference computes for them. ``use_sdpa`` defaults to
        ``not reference_math``."""
        B, M, T, V, C = x.shape
        if use_sdpa is None:
            use_sdpa = not self.reference_math
        h = self._embed(x.permute(0, 2, 3, 1, 4).reshape(B * T, V, M, C))
        h = h.view(B, T, self.num_tokens, self.embed_dims)
        key_mask = packing.mask if self.temporal_mask and packing.valid_len is not None \
            else None
        for block in self.blocks:
            h = block(h, key_mask, use_sdpa)
        return self._head(h)

    def _features_packed(self, x: torch.Tensor, packing: Packing) -> torch.Tensor:
        """The valid frames only: ``(S, N*D)``, row s being frame ``packing.frame_idx[s]`` of
        sample ``packing.sample_idx[s]``."""
        h = self._embed(packing.pack(x.permute(0, 2, 3, 1, 4)))
        for block in self.blocks:
            h = block.forward_packed(h, packing)
        return self._head(h)

    def forward_features(self, x: torch.Tensor,
                         valid: Union[Packing, torch.Tensor, None] = None
                         ) -> Tuple[torch.Tensor, torch.Tensor]:
        """The per-frame feature and its validity mask.

        Args:
            x (torch.Tensor): ``(B, M, T, V, C)``.
            valid (Packing | torch.Tensor, optional): The batch's :class:`Packing` (from
                :func:`mmgl.models.utils.unpack_inputs`) or ``(B,)`` valid frame counts;
                None means every frame is valid.

        Returns:
            tuple: ``feat (B, T, N*D)`` (head-MLP output, feature index ``n * D + c``;
            padded frames are zero on the default path, the reference's values when
            :attr:`computes_padding`) and ``mask (B, T)`` bool, True on valid frames.
        """
        self._check_input(x)
        packing = as_packing(valid, x.shape[0], x.shape[2], x.device)
        if self.computes_padding:
            return self._features_padded(x, packing), packing.mask
        with onednn_linear(self.onednn):
            feat = self._features_packed(x, packing)
        return packing.unpack(feat), packing.mask

    def pool(self, feat: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """The clip feature: mean of :meth:`forward_features`' rows over the valid frames,
        ``(B, T, N*D)`` -> ``(B, N*D)`` (the reference's downstream pooling)."""
        return masked_mean(feat, mask)

    def forward(self, x: torch.Tensor, valid: Union[Packing, torch.Tensor, None] = None
                ) -> torch.Tensor:
        """mmaction's skeleton-backbone output, for heads such as ``GCNHead`` (mmgl's own
        heads take :meth:`forward_features` directly).

        Args:
            x (torch.Tensor): ``(B, M, T, V, C)``.
            valid (Packing | torch.Tensor, optional): As :meth:`forward_features`.

        Returns:
            torch.Tensor: ``(B, M, D, T, V)``, padded frames zeroed.
        """
        feat, mask = self.forward_features(x, valid)
        feat = feat * mask[..., None].to(feat.dtype)  # the padded path computes padding too
        B, T = mask.shape
        feat = feat.view(B, T, self.num_joints, self.num_person, self.embed_dims)
        # Contiguous, as GCNHead views it.
        return feat.permute(0, 3, 4, 1, 2).contiguous()
