"""MPDP head: per-interval direction and magnitude classifiers and the pretraining loss."""
from typing import Dict, Optional, Sequence, Tuple, Union

import torch
import torch.nn.functional as F
from mmengine.dist import all_reduce, get_world_size
from mmengine.model import BaseModule
from torch import nn

from mmaction.registry import MODELS
from ..layers import Linear

GLOBAL_WEIGHTINGS = ('reference', 'all_intervals')


@MODELS.register_module()
class MPDPHead(BaseModule):
    """Direction and magnitude classifiers for every interval, and their loss.

    Per interval r: ``dir_preds[r] = Linear(in_channels, N * num_dir_classes)`` and
    ``mag_preds[r] = Linear(in_channels, N * num_mag_classes)``, output feature
    ``n * classes + class``, applied to every frame's feature. The loss is a cross-entropy
    over the valid frames of the whole batch (pooled, not per sample; in distributed runs
    over the valid frames of every rank's batch, see :meth:`distributed_losses`), split into
    a "global" and a "local" group of (interval, token) columns
    (docs/method.md#13-pretraining-objective-and-targets)::

        loss = (lambda_global * CE_dir_global + CE_dir_local)
               + lambda_mag * (lambda_global * CE_mag_global + CE_mag_local)

    Args:
        in_channels (int): Feature width (N * D).
        num_tokens (int): N.
        intervals (Sequence[int] | int): The intervals (only their count matters here).
            Defaults to (1, 5, 10).
        num_dir_classes (int): Direction classes (3 ** channels). Defaults to 27.
        num_mag_classes (int): Magnitude classes. Defaults to 16.
        lambda_global (float): Weight of the global group. Defaults to 0.05.
        lambda_mag (float): Weight of the magnitude terms. Defaults to 1.0.
        global_weighting (str): ``'reference'``: only the first interval's global tokens
            form the global group (the reference's quirk); ``'all_intervals'``: the global
            tokens of every interval. Defaults to ``'reference'``.
        global_tokens (Sequence[int], optional): Token indices of the global-translation
            tokens; None lets ``MPDP`` take them from its backbone. Defaults to None.
        init_cfg (dict, optional): mmengine init config; None keeps PyTorch's defaults.
    """

    def __init__(self,
                 in_channels: int,
                 num_tokens: int,
                 intervals: Union[Sequence[int], int] = (1, 5, 10),
                 num_dir_classes: int = 27,
                 num_mag_classes: int = 16,
                 lambda_global: float = 0.05,
                 lambda_mag: float = 1.0,
                 global_weighting: str = 'reference',
                 global_tokens: Optional[Sequence[int]] = None,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if global_weighting not in GLOBAL_WEIGHTINGS:
            raise ValueError(f'global_weighting must be one of {GLOBAL_WEIGHTINGS}')
        self.in_channels = in_channels
        self.num_tokens = num_tokens
        self.num_intervals = intervals if isinstance(intervals, int) else len(intervals)
        if self.num_intervals < 1:
            raise ValueError(f'MPDPHead needs at least one interval, got {intervals!r}')
        for name, value in (('num_dir_classes', num_dir_classes),
                            ('num_mag_classes', num_mag_classes)):
            if value < 1:
                raise ValueError(f'{name}={value}: a classifier needs at least one class')
        self.num_dir_classes = num_dir_classes
        self.num_mag_classes = num_mag_classes
        self.lambda_global = lambda_global
        self.lambda_mag = lambda_mag
        self.global_weighting = global_weighting
        self.global_tokens = None if global_tokens is None else tuple(global_tokens)
        self.dir_preds = nn.ModuleList([
            Linear(in_channels, num_tokens * num_dir_classes)
            for _ in range(self.num_intervals)
        ])
        self.mag_preds = nn.ModuleList([
            Linear(in_channels, num_tokens * num_mag_classes)
            for _ in range(self.num_intervals)
        ])

    def forward(self, feat: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """Logits for any leading shape.

        Args:
            feat (torch.Tensor): ``(..., in_channels)``.

        Returns:
            tuple: ``dir (..., R, N, num_dir_classes)``, ``mag (..., R, N, num_mag_classes)``.
        """
        shape = (self.num_tokens, -1)
        direction = torch.stack([p(feat).unflatten(-1, shape) for p in self.dir_preds], -3)
        magnitude = torch.stack([p(feat).unflatten(-1, shape) for p in self.mag_preds], -3)
        return direction, magnitude

    def global_mask(self, device: torch.device) -> torch.Tensor:
        """``(R, N)`` bool, True on the columns of the global group."""
        mask = torch.zeros(self.num_intervals, self.num_tokens, dtype=torch.bool, device=device)
        tokens = list(self.global_tokens or ())
        rows = slice(0, 1) if self.global_weighting == 'reference' else slice(None)
        mask[rows, tokens] = True
        return mask

    def loss(self,
             feat: torch.Tensor,
             dir_target: torch.Tensor,
             mag_target: torch.Tensor,
             mask: Optional[torch.Tensor] = None) -> Dict[str, torch.Tensor]:
        """The MPDP loss of valid frames.

        Args:
            feat (torch.Tensor): ``(S, in_channels)`` valid-frame features, or
                ``(B, T, in_channels)`` with ``mask``.
            dir_target (torch.Tensor): ``(S, R*N)`` (or ``(B, T, R*N)``) long, column
                ``r * N + n``.
            mag_target (torch.Tensor): As ``dir_target``.
            mask (torch.Tensor, optional): ``(B, T)`` bool, valid frames of padded inputs;
                the logits are computed for every frame and the valid ones selected.

        Returns:
            dict: the weighted terms ``loss_dir_global``, ``loss_dir_local``,
            ``loss_mag_global``, ``loss_mag_local`` (they sum to the loss), the unweighted
            cross-entropies ``ce_*`` and the accuracies ``acc_dir``, ``acc_mag``.
        """
        direction, magnitude = self(feat)
        if mask is not None:
            direction, magnitude = direction[mask], magnitude[mask]
            dir_target, mag_target = dir_target[mask], mag_target[mask]
        shape = (-1, self.num_intervals, self.num_tokens)
        dir_target, mag_target = dir_target.reshape(shape), mag_target.reshape(shape)
        ces, correct = {}, {}
        for name, logits, target in (('dir', direction, dir_target),
                                     ('mag', magnitude, mag_target)):
            ce = F.cross_entropy(logits.flatten(0, 2), target.flatten(), reduction='none')
            ces[name] = ce.view(target.shape)
            with torch.no_grad():
                correct[name] = logits.argmax(-1) == target
        if get_world_size() > 1:
            return self.distributed_losses(ces, correct)
        losses = {}
        for name in ('dir', 'mag'):
            losses.update(self.group_losses(name, ces[name]))
            losses[f'acc_{name}'] = correct[name].float().mean()
        return losses

    def distributed_losses(self, ces: Dict[str, torch.Tensor],
                           correct: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
        """The loss terms with the token counts of every rank (one all-reduce).

        A per-rank group mean would give the tokens of a rank with fewer valid frames more
        weight than the single-process loss does. Here each rank's term is
        ``world_size * sum_rank(ce) / count_all`` (DDP averages the gradients over ranks, so
        the gradient is that of ``sum_all(ce) / count_all``, the single-process mean over the
        global batch), and its *value* is replaced by the global mean (straight-through), so
        every rank, and the logger on rank 0, reports the global loss, cross-entropies and
        accuracies.

        Args:
            ces (dict): ``'dir'`` / ``'mag'`` -> ``(S, R, N)`` per-entry cross-entropy.
            correct (dict): ``'dir'`` / ``'mag'`` -> ``(S, R, N)`` bool, argmax == target.

        Returns:
            dict: the keys of :meth:`loss`.
        """
        device = ces['dir'].device
        is_global = self.global_mask(device)
        groups = (('global', is_global), ('local', ~is_global))
        stats = [ces[n][:, cols].detach().sum() for n in ('dir', 'mag') for _, cols in groups]
        stats += [ces['dir'][:, cols].numel() * ces['dir'].new_ones(()) for _, cols in groups]
        stats += [correct[n].sum() for n in ('dir', 'mag')]
        stats.append(correct['dir'].numel() * ces['dir'].new_ones(()))
        stats = torch.stack([t.to(torch.float64) for t in stats])
        all_reduce(stats, op='sum')
        world = get_world_size()
        losses, i = {}, 0
        for name in ('dir', 'mag'):
            scale = self.lambda_mag if name == 'mag' else 1.
            for g, (group, columns) in enumerate(groups):
                count = stats[4 + g]
                if count > 0:
                    local = ces[name][:, columns].sum() * (world / count.item())
                    value = local + (stats[i] / count).to(local.dtype) - local.detach()
                else:
                    value = ces[name].new_zeros(())
                weight = scale * self.lambda_global if group == 'global' else scale
                losses[f'loss_{name}_{group}'] = weight * value
                losses[f'ce_{name}_{group}'] = (stats[i] / count.clamp(min=1)).to(
                    value.dtype).detach()
                i += 1
            total = stats[8].clamp(min=1)
            losses[f'acc_{name}'] = (stats[6 + (name == 'mag')] / total).to(value.dtype)
        return losses

    def group_losses(self, name: str, ce: torch.Tensor) -> Dict[str, torch.Tensor]:
        """The weighted group terms of one task from its per-entry cross-entropy.

        Args:
            name (str): ``'dir'`` or ``'mag'``.
            ce (torch.Tensor): ``(S, R, N)`` cross-entropy of every valid frame and column.

        Returns:
            dict: ``loss_{name}_global``, ``ce_{name}_global``, ``loss_{name}_local``,
            ``ce_{name}_local`` (group means; the ``loss_`` ones weighted by
            ``lambda_global`` / ``lambda_mag``).
        """
        is_global = self.global_mask(ce.device)
        scale = self.lambda_mag if name == 'mag' else 1.
        losses = {}
        for group, columns, weight in (('global', is_global, scale * self.lambda_global),
                                       ('local', ~is_global, scale)):
            picked = ce[:, columns]
            value = picked.mean() if picked.numel() else ce.new_zeros(())
            losses[f'loss_{name}_{group}'] = weight * value
            losses[f'ce_{name}_{group}'] = value.detach()
        return losses
