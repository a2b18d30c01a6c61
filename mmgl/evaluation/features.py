"""Frozen-feature extraction from a recognizer, for kNN and embedding plots."""
from typing import Tuple

import torch
from mmengine.model import BaseModel


@torch.no_grad()
def extract_pooled_features(model: BaseModel, dataloader,
                            max_samples: int = None) -> Tuple[torch.Tensor, torch.Tensor]:
    """Run ``model`` in eval mode and pool each sample's feature with its head's ``pre_logits``.

    Args:
        model (BaseModel): A recognizer whose head has ``pre_logits(feats, **kwargs)``
            (``RecognizerGL`` + ``GLClsHead``: mean over valid frames).
        dataloader (Iterable): Yields mmengine data batches (``inputs``, ``data_samples``).
        max_samples (int, optional): Stop after this many samples.

    Returns:
        tuple: ``features (N, C)`` float32 on CPU and ``labels (N,)`` long.
    """
    was_training = model.training
    model.eval()
    feats, labels = [], []
    try:
        for batch in dataloader:
            data = model.data_preprocessor(batch, training=False)
            x, kwargs = model.extract_feat(data['inputs'], data_samples=data['data_samples'])
            feats.append(model.cls_head.pre_logits(x, **kwargs).float().cpu())
            labels.extend(int(s.gt_label) for s in data['data_samples'])
            if max_samples is not None and len(labels) >= max_samples:
                break
    finally:
        model.train(was_training)
    if not feats:
        raise ValueError('the dataloader yielded no samples')
    features = torch.cat(feats)
    n = len(labels) if max_samples is None else min(max_samples, len(labels))
    return features[:n], torch.tensor(labels[:n], dtype=torch.long)
