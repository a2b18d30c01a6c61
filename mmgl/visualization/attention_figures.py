"""Pictures of GL-Transformer attention maps (weights from :mod:`.attention`).

Token order in the model is ``n = joint * M + person``; the heat maps show tokens grouped
by person (person 0's joints, then person 1's), in joint order inside each group, with the
global-token rows and columns labelled in red.
"""
import textwrap
from pathlib import Path
from typing import List, Sequence, Tuple

import matplotlib
import numpy as np

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import LogNorm, Normalize  # noqa: E402

from .skeleton import (PERSON_COLORS, as_layout, draw_pose, local_pose,  # noqa: E402
                       person_present)

__all__ = ['person_major_order', 'token_labels', 'plot_spatial_heatmap',
           'plot_global_attention_skeleton', 'plot_temporal_heatmap']


def person_major_order(num_joints: int, num_person: int) -> List[int]:
    """Model token indices listed person by person: ``[j * M + p for p for j]``."""
    return [j * num_person + p for p in range(num_person) for j in range(num_joints)]


def token_labels(joint_names: Sequence[str], num_person: int) -> List[str]:
    """Labels in :func:`person_major_order`: the joint name (``P1 name`` with 2+ persons)."""
    if num_person == 1:
        return list(joint_names)
    return [f'P{p} {name}' for p in range(num_person) for name in joint_names]


def _title(fig, text: str, width_in: float, fontsize: float = 9) -> None:
    """A suptitle wrapped to the figure width (about 13 characters per inch at 9 pt)."""
    if text:
        width = max(20, int(width_in * 117 / fontsize))
        fig.suptitle('\n'.join(textwrap.wrap(text, width)), fontsize=fontsize)


def attention_norm(weights: np.ndarray, scale: str = 'log') -> Normalize:
    """A colour scale spanning the weights shown: ``'log'`` from 1/1000 of the largest weight
    (or the smallest, if larger) to the largest, so that a few dominant keys do not flatten
    the rest; ``'linear'`` from the smallest to the largest weight."""
    w = np.asarray(weights, dtype=float)
    top = float(w.max())
    if scale == 'log':
        positive = w[w > 0]
        low = max(float(positive.min()) if positive.size else top, top * 1e-3)
        return LogNorm(min(low, top * 0.999), top)
    if scale == 'linear':
        return Normalize(float(w.min()), top)
    raise ValueError(f"scale must be 'log' or 'linear', got {scale!r}")


def _colorbar_label(norm: Normalize) -> str:
    return 'attention weight (log scale)' if isinstance(norm, LogNorm) else 'attention weight'


def _save(fig, out_file: str, size: Tuple[float, float], dpi: int) -> Tuple[int, int]:
    Path(out_file).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_file, dpi=dpi)
    plt.close(fig)
    return round(size[0] * dpi), round(size[1] * dpi)


def plot_spatial_heatmap(weights: np.ndarray, joint_names: Sequence[str], num_person: int,
                         global_tokens: Sequence[int], out_file: str,
                         title: str = '', dpi: int = 150,
                         scale: str = 'log') -> Tuple[int, int]:
    """Token-by-token spatial attention ``(N, N)`` (row = query) as a heat map, 8 x 7 in.

    Args:
        weights (np.ndarray): ``(N, N)`` in the model's token order; rows sum to 1.
        joint_names (Sequence[str]): V names (the layout's).
        num_person (int): M.
        global_tokens (Sequence[int]): Model indices of the global tokens (labelled red).
        scale (str): Colour scale, ``'log'`` or ``'linear'`` (:func:`attention_norm`).

    Returns:
        tuple: the image size ``(width, height)`` in pixels.
    """
    V, M = len(joint_names), num_person
    order = person_major_order(V, M)
    w = np.asarray(weights)[np.ix_(order, order)]
    labels = token_labels(joint_names, M)
    size = (8.0, 7.0)
    fig, ax = plt.subplots(figsize=size, layout='constrained')
    norm = attention_norm(w, scale)
    im = ax.imshow(w, cmap='viridis', norm=norm, interpolation='nearest')
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.02, label=_colorbar_label(norm))
    fs = 7 if len(order) <= 30 else 4.5
    ax.set_xticks(range(len(order)))
    ax.set_yticks(range(len(order)))
    ax.set_xticklabels(labels, rotation=90, fontsize=fs)
    ax.set_yticklabels(labels, fontsize=fs)
    globals_ = set(global_tokens)
    for pos, n in enumerate(order):
        if n in globals_:
            ax.get_xticklabels()[pos].set_color('red')
            ax.get_yticklabels()[pos].set_color('red')
    for p in range(1, M):
        ax.axhline(p * V - 0.5, color='w', lw=1)
        ax.axvline(p * V - 0.5, color='w', lw=1)
    ax.set_xlabel('key token', fontsize=8)
    ax.set_ylabel('query token', fontsize=8)
    _title(fig, title, size[0])
    return _save(fig, out_file, size, dpi)


def plot_global_attention_skeleton(weights: np.ndarray, pose: np.ndarray, layout,
                                   global_tokens: Sequence[int], out_file: str,
                                   title: str = '', panel_size: float = 3.5,
                                   dpi: int = 150) -> Tuple[int, int]:
    """Where each person's global token looks: its attention row drawn on the skeletons.

    One row of panels per global token (query person q), one column per person p (keys):
    joint marker areas and colours and bone widths (mean of the bone's two joints) follow
    the weights of q's global token on p's tokens (colours from the smallest to the largest
    weight drawn); the star is p's global-token slot. Each panel's title gives the share of
    the row that goes to person p.

    Args:
        weights (np.ndarray): ``(N, N)`` spatial map, model token order.
        pose (np.ndarray): ``(M, V, C)`` GL pre-normalised pose (the model input) of the
            frame to draw; the centre slot is drawn at the origin.
        layout (str | Layout): Joint layout (bones, centre).
        global_tokens (Sequence[int]): ``center * M + person`` for each person.
        panel_size (float): Inches per panel; the figure is ``panel_size * M + 1`` by
            ``panel_size * len(global_tokens) + 0.5`` inches.

    Returns:
        tuple: the image size ``(width, height)`` in pixels.
    """
    spec = as_layout(layout)
    pose = np.asarray(pose)
    M, V = pose.shape[0], pose.shape[1]
    if V != spec.num_joints:
        raise ValueError(f'pose has {V} joints, layout {spec.name!r} {spec.num_joints}')
    if not global_tokens:
        raise ValueError('the model has no global tokens (global_token=False)')
    weights = np.asarray(weights)
    rows = [weights[g].reshape(V, M) for g in global_tokens]  # (V, M) per query
    norm = attention_norm(np.stack(rows), 'linear')
    vmin, vmax = norm.vmin, norm.vmax
    span = max(vmax - vmin, 1e-12)
    size = (panel_size * M + 1, panel_size * len(global_tokens) + 0.5)
    fig, axes = plt.subplots(len(global_tokens), M, figsize=size, squeeze=False,
                             layout='constrained')
    bones = np.array(spec.bones)
    for q, row in enumerate(rows):
        for p in range(M):
            ax = axes[q, p]
            w = row[:, p]
            share = float(w.sum())
            ax.set_title(f'global token of P{q} -> P{p}: {share:.0%}', fontsize=8,
                         color=PERSON_COLORS[p % len(PERSON_COLORS)])
            ax.set_xticks([])
            ax.set_yticks([])
            if not person_present(pose[p]):
                ax.text(0.5, 0.5, f'P{p} absent\n(zero input)', ha='center', va='center',
                        transform=ax.transAxes, fontsize=8)
                continue
            top = np.argsort(-w)[:3]
            ax.text(0.02, 0.02, '\n'.join(f'{spec.joint_names[j]} {w[j]:.2f}' for j in top),
                    transform=ax.transAxes, fontsize=6, va='bottom')
            draw_pose(ax, local_pose(pose[p], spec.center), spec, color='0.6',
                      node_sizes=30 + 400 * (w - vmin) / span,
                      bone_widths=0.5 + 6 * (w[bones].mean(1) - vmin) / span, node_colors=w,
                      bone_color='0.55', marker_joint=spec.center, cmap='plasma', norm=norm)
            ax.set_aspect('equal', adjustable='datalim')
            ax.margins(0.15)
            if spec.num_channels == 2:
                ax.invert_yaxis()
    sm = plt.cm.ScalarMappable(norm=norm, cmap='plasma')
    fig.colorbar(sm, ax=axes.ravel().tolist(), fraction=0.04, pad=0.02,
                 label='attention weight')
    _title(fig, title, size[0], fontsize=8)
    return _save(fig, out_file, size, dpi)


def plot_temporal_heatmap(weights: np.ndarray, out_file: str, title: str = '',
                          dpi: int = 150, scale: str = 'log') -> Tuple[int, int]:
    """Temporal attention ``(L, L)`` over the valid frames (row = query frame), 6 x 5 in, on
    the colour scale ``scale`` (:func:`attention_norm`).

    Returns:
        tuple: the image size ``(width, height)`` in pixels.
    """
    w = np.asarray(weights)
    size = (6.0, 5.0)
    fig, ax = plt.subplots(figsize=size, layout='constrained')
    norm = attention_norm(w, scale)
    im = ax.imshow(w, cmap='viridis', norm=norm, interpolation='nearest', origin='upper')
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.02, label=_colorbar_label(norm))
    ax.set_xlabel('key frame')
    ax.set_ylabel('query frame')
    _title(fig, title, size[0])
    return _save(fig, out_file, size, dpi)
