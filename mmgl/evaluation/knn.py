"""k-nearest-neighbour classification of frozen features (cosine similarity).

The field's kNN protocol for self-supervised skeleton features: L2-normalise, take the k
most similar training samples, vote. ``weighted=False`` is a plain majority vote (k=1 is
nearest-neighbour); ``weighted=True`` weighs each neighbour by ``exp(sim / temperature)``.
"""
from typing import Dict, Sequence

import torch
import torch.nn.functional as F


@torch.no_grad()
def knn_predict(train_feats: torch.Tensor, train_labels: torch.Tensor,
                test_feats: torch.Tensor, k: int, num_classes: int, weighted: bool = False,
                temperature: float = 0.07, chunk: int = 1024) -> torch.Tensor:
    """Predict a class for every test feature from its k most cosine-similar train features.

    Args:
        train_feats (Tensor): ``(N_train, C)`` bank of features.
        train_labels (Tensor): ``(N_train,)`` long labels in ``[0, num_classes)``.
        test_feats (Tensor): ``(N_test, C)`` query features.
        k (int): Number of neighbours (clipped to ``N_train``).
        num_classes (int): Number of classes.
        weighted (bool): Vote with ``exp(sim / temperature)`` instead of one vote each.
            Defaults to False.
        temperature (float): Softness of the weighted vote. Defaults to 0.07.
        chunk (int): Queries per block, to bound memory. Defaults to 1024.

    Returns:
        Tensor: ``(N_test,)`` predicted labels. Ties go to the lowest class index.
    """
    if train_feats.shape[0] == 0:
        raise ValueError('kNN needs at least one training feature')
    k = min(k, train_feats.shape[0])
    bank = F.normalize(train_feats.double(), dim=1)
    preds = []
    for start in range(0, test_feats.shape[0], chunk):
        query = F.normalize(test_feats[start:start + chunk].double(), dim=1)
        sim, idx = (query @ bank.T).topk(k, dim=1)
        votes = torch.exp(sim / temperature) if weighted else torch.ones_like(sim)
        scores = torch.zeros(query.shape[0], num_classes, dtype=votes.dtype)
        scores.scatter_add_(1, train_labels[idx], votes)
        preds.append(scores.argmax(dim=1))
    return torch.cat(preds) if preds else torch.zeros(0, dtype=torch.long)


def knn_accuracy(train_feats: torch.Tensor, train_labels: torch.Tensor,
                 test_feats: torch.Tensor, test_labels: torch.Tensor,
                 ks: Sequence[int] = (1, 20), num_classes: int = None,
                 weighted: bool = False) -> Dict[str, float]:
    """Top-1 accuracy of :func:`knn_predict` for each k, as ``{'knn/top1_k1': ...}`` (0-1)."""
    if num_classes is None:
        num_classes = int(max(train_labels.max(), test_labels.max())) + 1
    results = {}
    for k in ks:
        pred = knn_predict(train_feats, train_labels, test_feats, k, num_classes, weighted)
        results[f'knn/top1_k{k}'] = (pred == test_labels).double().mean().item()
    return results
