"""t-SNE pictures of frozen features (pooled per sample), coloured by class."""
from pathlib import Path
from typing import Optional, Sequence, Tuple

import matplotlib
import numpy as np

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

__all__ = ['tsne_embed', 'loo_nn_accuracy', 'plot_embeddings', 'class_colors']


def tsne_embed(features: np.ndarray, seed: int = 0, perplexity: float = 30.0,
               normalize: bool = True) -> np.ndarray:
    """2-D t-SNE (scikit-learn, PCA init) of ``features (N, C)`` -> ``(N, 2)``.

    Args:
        features (np.ndarray): ``(N, C)``, N >= 2.
        seed (int): ``random_state`` of the t-SNE.
        perplexity (float): Capped at ``(N - 1) / 3`` (t-SNE needs perplexity < N).
        normalize (bool): L2-normalise each feature first, so distances are cosine-like as
            in mmgl's kNN evaluation. Defaults to True.
    """
    from sklearn.manifold import TSNE
    x = np.asarray(features, dtype=np.float64)
    if x.ndim != 2 or len(x) < 2:
        raise ValueError(f'need features of shape (N >= 2, C), got {x.shape}')
    if normalize:
        x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    perplexity = float(min(perplexity, max(1.0, (len(x) - 1) / 3)))
    tsne = TSNE(n_components=2, perplexity=perplexity, init='pca', random_state=seed,
                method='barnes_hut' if len(x) > 60 else 'exact')
    return tsne.fit_transform(x).astype(np.float32)


def loo_nn_accuracy(features: np.ndarray, labels: np.ndarray) -> float:
    """Leave-one-out 1-nearest-neighbour accuracy (cosine) among the plotted samples: a
    number to read next to the picture (the clusters t-SNE shows can mislead)."""
    x = np.asarray(features, dtype=np.float64)
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    sim = x @ x.T
    np.fill_diagonal(sim, -np.inf)
    labels = np.asarray(labels)
    return float((labels[sim.argmax(1)] == labels).mean())


def class_colors(num_classes: int):
    """One colour per class: tab10 up to 10 classes, tab20 up to 20, else a hue wheel."""
    if num_classes <= 10:
        return [plt.get_cmap('tab10')(i) for i in range(num_classes)]
    if num_classes <= 20:
        return [plt.get_cmap('tab20')(i) for i in range(num_classes)]
    return [plt.get_cmap('hsv')(i / num_classes) for i in range(num_classes)]


def plot_embeddings(panels: Sequence[Tuple[str, np.ndarray, np.ndarray]], out_file: str,
                    class_names: Optional[Sequence[str]] = None, panel_size: float = 5.0,
                    dpi: int = 100, title: Optional[str] = None) -> Tuple[int, int]:
    """Side-by-side scatter plots, one per ``(title, embedding (N, 2), labels (N,))``.

    The figure is ``panel_size * len(panels) + 2`` by ``panel_size + 0.5`` inches (the extra
    width holds the class legend), saved at ``dpi``.

    Returns:
        tuple: the image size ``(width, height)`` in pixels.
    """
    labels_all = np.concatenate([np.asarray(p[2]) for p in panels])
    num_classes = int(labels_all.max()) + 1
    if class_names is not None and len(class_names) < num_classes:
        raise ValueError(f'{len(class_names)} class names for labels up to {num_classes - 1}')
    names = list(class_names) if class_names is not None else \
        [f'class {i}' for i in range(num_classes)]
    colors = class_colors(num_classes)
    size = (panel_size * len(panels) + 2, panel_size + 0.5)
    fig, axes = plt.subplots(1, len(panels), figsize=size, squeeze=False)
    present = sorted(set(labels_all.tolist()))
    for ax, (name, emb, labels) in zip(axes.flat, panels):
        emb, labels = np.asarray(emb), np.asarray(labels)
        for c in present:
            sel = labels == c
            ax.scatter(emb[sel, 0], emb[sel, 1], s=12, color=colors[c], alpha=0.85,
                       linewidths=0, label=names[c])
        ax.set_title(name, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_aspect('equal', adjustable='datalim')
    handles, texts = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, texts, loc='center right', fontsize=8, markerscale=1.5, frameon=False)
    if title:
        fig.suptitle(title, fontsize=11)
    fig.subplots_adjust(left=0.02, right=1 - 2 / size[0], bottom=0.03,
                        top=0.86 if title else 0.9, wspace=0.08)
    Path(out_file).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_file, dpi=dpi)
    plt.close(fig)
    return round(size[0] * dpi), round(size[1] * dpi)
