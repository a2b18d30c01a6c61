"""Skeleton drawing: poses, the global-translation trajectory, raw vs GL pre-normalised.

Coordinates are drawn in a 2-D projection (``view``): ``'front'`` = x right, y up (after
GL view normalisation the shoulders lie along x, so this is the body's frontal plane),
``'top'`` = x, z and ``'side'`` = z, y. 2-D layouts (``coco``) are image coordinates and are
drawn with y pointing down.

Array shapes: a sequence is ``(M, T, V, C)`` (persons, frames, joints, channels), a pose
``(V, C)``. In a GL pre-normalised sequence every joint is relative to the layout's centre
joint and the centre slot holds the global translation ``c(t) - c(0)`` instead: drawn
poses put the centre joint at the origin and the translation is drawn as a trajectory.
"""
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import matplotlib
import numpy as np

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

from mmgl.datasets.layouts import Layout, get_layout  # noqa: E402

__all__ = [
    'VIEWS', 'PERSON_COLORS', 'as_layout', 'project', 'person_present', 'local_pose',
    'draw_pose', 'prenormalize', 'plot_prenorm_strip', 'save_prenorm_gif'
]

VIEWS = {'front': (0, 1), 'top': (0, 2), 'side': (2, 1)}
PERSON_COLORS = ('tab:blue', 'tab:orange', 'tab:green', 'tab:purple', 'tab:brown')
TRAJECTORY_COLORS = ('crimson', 'darkgoldenrod', 'darkgreen', 'indigo', 'saddlebrown')
TRAJECTORY_NOTE = ('red: path of the centre joint (raw) / global token c(t) - c(0) '
                   '(pre-normalised); dotted: all frames, solid: so far, x: now')


def as_layout(layout) -> Layout:
    """A :class:`Layout` from a layout or its name."""
    return layout if isinstance(layout, Layout) else get_layout(layout)


def project(points: np.ndarray, view: str = 'front') -> np.ndarray:
    """``(..., C)`` -> ``(..., 2)``: the two axes of ``view`` (2-D data: x, y as they are)."""
    points = np.asarray(points)
    if points.shape[-1] == 2:
        return points
    if view not in VIEWS:
        raise ValueError(f'view must be one of {sorted(VIEWS)}, got {view!r}')
    return points[..., list(VIEWS[view])]


def person_present(pose: np.ndarray) -> bool:
    """Whether a ``(V, C)`` pose is a real person (absent persons are all zeros)."""
    return bool(np.any(pose != 0))


def local_pose(pose: np.ndarray, center: int) -> np.ndarray:
    """A pre-normalised ``(V, C)`` pose with the centre slot (the global token) set to the
    origin, where the centre joint is in relative coordinates."""
    pose = np.array(pose, dtype=np.float32, copy=True)
    pose[center] = 0
    return pose


def draw_pose(ax, pose: np.ndarray, layout, color='tab:blue', view: str = 'front',
              offset: Sequence[float] = (0.0, 0.0), node_sizes: Optional[np.ndarray] = None,
              bone_widths: Optional[np.ndarray] = None, node_colors=None,
              bone_color=None, marker_joint: Optional[int] = None, alpha: float = 1.0,
              cmap=None, norm=None):
    """Draw one ``(V, C)`` pose: bones (``layout.bones``) as lines, joints as dots.

    Args:
        ax: Matplotlib axes.
        pose (np.ndarray): ``(V, C)``.
        layout (str | Layout): Joint layout (bones).
        color: Colour of bones and joints unless overridden.
        view (str): Projection (see :data:`VIEWS`).
        offset (tuple): Added to the projected points (to put persons side by side).
        node_sizes (np.ndarray, optional): ``(V,)`` marker areas (default 10).
        bone_widths (np.ndarray, optional): ``(num_bones,)`` line widths (default 1.5), in
            ``layout.bones`` order.
        node_colors: ``(V,)`` values for ``cmap``/``norm`` or colours (default ``color``).
        bone_color: Bone colour (default ``color``).
        marker_joint (int, optional): Drawn as a star (the global-token slot).

    Returns:
        The joints' scatter collection.
    """
    spec = as_layout(layout)
    xy = project(pose, view) + np.asarray(offset, dtype=np.float32)
    widths = np.full(len(spec.bones), 1.5) if bone_widths is None else bone_widths
    for (child, parent), width in zip(spec.bones, widths):
        ax.plot(xy[[child, parent], 0], xy[[child, parent], 1],
                color=bone_color or color, lw=float(width), alpha=alpha,
                solid_capstyle='round', zorder=2)
    sizes = np.full(len(xy), 10.0) if node_sizes is None else np.asarray(node_sizes, float)
    star = np.zeros(len(xy), dtype=bool)
    if marker_joint is not None:
        star[marker_joint] = True

    def scatter(sel, marker, scale, zorder):
        colors = dict(color=color) if node_colors is None else dict(
            c=np.asarray(node_colors)[sel], cmap=cmap, norm=norm)
        return ax.scatter(xy[sel, 0], xy[sel, 1], s=sizes[sel] * scale, marker=marker,
                          edgecolors='k' if node_sizes is not None or marker == '*' else 'none',
                          linewidths=0.4, zorder=zorder, alpha=alpha, **colors)

    if star.any():
        scatter(star, '*', 2.5, 4)
    return scatter(~star, 'o', 1.0, 3)


def prenormalize(sample: dict, transform: dict) -> Tuple[np.ndarray, np.ndarray, str]:
    """Run one ``GLPreNormalize`` on a pyskl sample.

    Args:
        sample (dict): pyskl annotation (``keypoint (M, T, V, C)``, ``frame_dir``).
        transform (dict): ``GLPreNormalize`` config (``type`` optional).

    Returns:
        tuple: ``raw (M, T, V, C)`` float32, ``normalised (num_person, L, V, C)`` float32,
        layout name.
    """
    from mmaction.registry import TRANSFORMS
    cfg = dict(transform)
    cfg['type'] = 'GLPreNormalize'
    results = TRANSFORMS.build(cfg)(dict(sample))
    raw = np.asarray(sample['keypoint'], dtype=np.float32)
    return raw, np.asarray(results['keypoint'], dtype=np.float32), results['layout']


def _frames(num_valid: int, num_frames: int) -> List[int]:
    count = max(1, min(num_frames, num_valid))
    return sorted(set(np.linspace(0, num_valid - 1, count).round().astype(int).tolist()))


def _rows(raw: np.ndarray, norm: np.ndarray, spec: Layout, view: str) -> Dict[str, dict]:
    """Per row ('raw', 'normalised'): poses per person and frame (2-D, display offsets
    applied), trajectories, presence and axis limits."""
    L = norm.shape[1]
    c = spec.center
    rows = {}
    # raw: absolute joints; trajectory = the centre joint
    raw = raw[:, :L]
    present = np.array([[person_present(raw[m, t]) for t in range(L)] for m in range(len(raw))])
    xy = project(raw, view)
    rows['raw'] = dict(poses=xy, traj=xy[:, :, c], present=present)
    # normalised: centre slot -> origin for the pose, its value is the trajectory
    present_n = np.array([[person_present(norm[m, t]) for t in range(L)]
                          for m in range(len(norm))])
    local = norm.copy()
    local[:, :, c] = 0
    xy_n, traj_n = project(local, view), project(norm[:, :, c], view)
    # persons overlap at the origin after normalisation: put them side by side
    width = np.ptp(xy_n[present_n][..., 0]) if present_n.any() else 1.0
    offsets = np.arange(len(norm)) * (width + 0.25 * max(width, 1e-3))
    xy_n = xy_n + np.stack([offsets, np.zeros_like(offsets)], -1)[:, None, None]
    traj_n = traj_n + np.stack([offsets, np.zeros_like(offsets)], -1)[:, None]
    rows['normalised'] = dict(poses=xy_n, traj=traj_n, present=present_n)
    for row in rows.values():
        pts = [row['poses'][row['present']].reshape(-1, 2), row['traj'][row['present']]]
        pts = np.concatenate([p for p in pts if len(p)] or [np.zeros((1, 2))])
        lo, hi = pts.min(0), pts.max(0)
        pad = 0.08 * max(float((hi - lo).max()), 1e-3)
        row['limits'] = (lo - pad, hi + pad)
    return rows


def _draw_frame(ax, row: dict, spec: Layout, t: int, title: str, flip_y: bool,
                marker_joint: Optional[int]) -> None:
    for m in range(row['poses'].shape[0]):
        color = PERSON_COLORS[m % len(PERSON_COLORS)]
        tcolor = TRAJECTORY_COLORS[m % len(TRAJECTORY_COLORS)]
        traj, present = row['traj'][m], row['present'][m]
        if present.any():
            ax.plot(traj[present, 0], traj[present, 1], color=tcolor, lw=0.8, ls=':',
                    alpha=0.7, zorder=1)
            upto = present.copy()
            upto[t + 1:] = False
            ax.plot(traj[upto, 0], traj[upto, 1], color=tcolor, lw=1.4, alpha=0.9, zorder=1)
        if present[t]:
            ax.scatter(*traj[t], color=tcolor, s=18, marker='x', zorder=5)
            draw_pose(ax, row['poses'][m, t], spec, color=color, view='front',
                      marker_joint=marker_joint)
    lo, hi = row['limits']
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim((hi[1], lo[1]) if flip_y else (lo[1], hi[1]))
    ax.set_aspect('equal', adjustable='box')
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=8)


def plot_prenorm_strip(raw: np.ndarray, norm: np.ndarray, layout, out_file: str,
                       num_frames: int = 8, view: str = 'front', panel_size: float = 2.0,
                       dpi: int = 100, title: Optional[str] = None) -> Tuple[int, int]:
    """A strip of frames: the raw sequence (top row) and its GL pre-normalisation (bottom).

    Both rows show the same ``num_frames`` frames, evenly spaced over the ``L`` valid
    frames. Dotted: the whole trajectory (raw: the centre joint; normalised: the global
    token ``c(t) - c(0)``), solid up to the frame, ``x`` at the frame; a star marks the
    centre slot of normalised poses. Normalised persons are drawn side by side.

    Args:
        raw (np.ndarray): ``(M, T, V, C)``.
        norm (np.ndarray): ``(M', L, V, C)``, L <= T.
        layout (str | Layout): Joint layout.
        out_file (str): PNG path.
        num_frames (int): Columns (fewer when L is shorter).
        view (str): Projection (``front``, ``top``, ``side``).
        panel_size (float): Inches per panel; the figure is ``panel_size * columns`` by
            ``2 * panel_size + 0.75`` inches at ``dpi``.

    Returns:
        tuple: the image size ``(width, height)`` in pixels.
    """
    spec = as_layout(layout)
    rows = _rows(np.asarray(raw), np.asarray(norm), spec, view)
    frames = _frames(norm.shape[1], num_frames)
    size = (panel_size * len(frames), 2 * panel_size + 0.75)
    fig, axes = plt.subplots(2, len(frames), figsize=size, squeeze=False)
    flip = spec.num_channels == 2
    for col, t in enumerate(frames):
        _draw_frame(axes[0, col], rows['raw'], spec, t, f'raw, frame {t}', flip, None)
        _draw_frame(axes[1, col], rows['normalised'], spec, t, f'GL pre-norm., frame {t}',
                    flip, spec.center)
    fig.suptitle(f'{title or spec.name}\n{TRAJECTORY_NOTE}', fontsize=8)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=1 - 0.7 / size[1],
                        wspace=0.05, hspace=0.15)
    Path(out_file).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_file, dpi=dpi)
    plt.close(fig)
    return round(size[0] * dpi), round(size[1] * dpi)


def save_prenorm_gif(raw: np.ndarray, norm: np.ndarray, layout, out_file: str,
                     fps: int = 10, step: int = 1, view: str = 'front',
                     size: Tuple[float, float] = (8.0, 4.0), dpi: int = 80,
                     title: Optional[str] = None) -> Tuple[int, int, int]:
    """An animated GIF (matplotlib ``PillowWriter``): raw (left) and GL pre-normalised
    (right), every ``step``-th valid frame; drawing as :func:`plot_prenorm_strip`.

    Returns:
        tuple: ``(width, height, num_frames)`` of the GIF.
    """
    from matplotlib.animation import FuncAnimation, PillowWriter
    spec = as_layout(layout)
    rows = _rows(np.asarray(raw), np.asarray(norm), spec, view)
    frames = list(range(0, norm.shape[1], max(1, step)))
    fig, axes = plt.subplots(1, 2, figsize=size)
    flip = spec.num_channels == 2
    name = title or spec.name

    def update(t):
        for ax in axes:
            ax.clear()
        _draw_frame(axes[0], rows['raw'], spec, t, f'raw, frame {t}', flip, None)
        _draw_frame(axes[1], rows['normalised'], spec, t, f'GL pre-normalised, frame {t}',
                    flip, spec.center)
        fig.suptitle(f'{name}\n{TRAJECTORY_NOTE}', fontsize=7)
        return []

    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=1 - 0.6 / size[1],
                        wspace=0.05)
    anim = FuncAnimation(fig, update, frames=frames, blit=False)
    Path(out_file).parent.mkdir(parents=True, exist_ok=True)
    anim.save(out_file, writer=PillowWriter(fps=fps), dpi=dpi)
    plt.close(fig)
    return round(size[0] * dpi), round(size[1] * dpi), len(frames)
