"""Models, samples and data loaders from a config and a checkpoint, for the tools.

Every tool takes the same inputs: a config (a downstream ``RecognizerGL`` config or a
pretraining config: both name the backbone and the test pipeline), a checkpoint whose
``backbone.*`` keys hold the encoder (a pretraining checkpoint or a ``RecognizerGL``
checkpoint; no checkpoint means the config's random initialisation) and an annotation file.
"""
import copy
from typing import List, Optional, Tuple

import torch
from mmengine.config import Config, ConfigDict
from mmengine.runner.checkpoint import _load_checkpoint_with_prefix

from .config import dataset_settings, innermost_dataset, test_pipeline
from .quiet import init_weights_quietly

__all__ = [
    'load_backbone_weights', 'build_backbone', 'build_recognizer', 'build_eval_loader',
    'load_sample', 'apply_pipeline', 'find_transform', 'sample_inputs'
]


def load_backbone_weights(backbone: torch.nn.Module, checkpoint: str) -> None:
    """Load the ``backbone.*`` keys of ``checkpoint`` into ``backbone`` (strict).

    Works for pretraining checkpoints (MPDP, MAMP) and recognizer checkpoints alike (both store
    the encoder under ``backbone.``), with or without a ``state_dict`` wrapper.

    Raises:
        KeyError: the checkpoint has no ``backbone.*`` key.
        RuntimeError: the keys or shapes do not match the config's backbone (e.g. another
            ``embed_dims``).
    """
    try:
        state = _load_checkpoint_with_prefix('backbone.', checkpoint, map_location='cpu')
    except AssertionError:
        raise KeyError(f'{checkpoint}: no backbone.* keys (is it an mmgl checkpoint?)') from None
    try:
        backbone.load_state_dict(state, strict=True)
    except RuntimeError as err:
        raise RuntimeError(f'{checkpoint} does not fit the config\'s backbone: {err}') from None


def _backbone_cfg(cfg: Config) -> ConfigDict:
    backbone = copy.deepcopy(cfg.model.backbone)
    backbone.pop('init_cfg', None)  # weights come from the checkpoint argument
    return backbone


def build_backbone(cfg: Config, checkpoint: Optional[str] = None, seed: int = 0):
    """The config's backbone in eval mode, initialised (seeded ``init_weights``),
    then loaded from ``checkpoint`` when given."""
    from mmaction.registry import MODELS
    torch.manual_seed(seed)
    backbone = MODELS.build(_backbone_cfg(cfg))
    init_weights_quietly(backbone)
    if checkpoint:
        load_backbone_weights(backbone, checkpoint)
    return backbone.eval()


def _num_classes(cfg: Config) -> int:
    """The class count of the config's data (2 where its dataset does not say)."""
    loader = cfg.get('train_dataloader') or cfg.get('eval_dataloader')
    dataset = innermost_dataset(loader['dataset']) if loader else {}
    return int(dataset.get('num_classes') or 2)


def build_recognizer(cfg: Config, checkpoint: Optional[str] = None, seed: int = 0):
    """A ``RecognizerGL`` for pooled features, in eval mode.

    A downstream config's model is built as it is (its ``cls_head`` must have
    ``pre_logits``, e.g. ``GLClsHead``); a config without a ``cls_head`` (pretraining)
    gets ``RecognizerGL(backbone, GLClsHead)``. Only the backbone is loaded from
    ``checkpoint``: the pooled feature does not use the classifier.
    """
    from mmaction.registry import MODELS
    model_cfg = copy.deepcopy(cfg.model)
    if 'cls_head' not in model_cfg:
        model_cfg = ConfigDict(
            type='RecognizerGL', backbone=model_cfg.backbone,
            cls_head=dict(type='GLClsHead', num_classes=_num_classes(cfg)),
            data_preprocessor=model_cfg.get('data_preprocessor',
                                            dict(type='ActionDataPreprocessor')))
    model_cfg.backbone = _backbone_cfg(cfg)
    torch.manual_seed(seed)
    model = MODELS.build(model_cfg)
    init_weights_quietly(model)
    if checkpoint:
        load_backbone_weights(model.backbone, checkpoint)
    return model.eval()


def build_eval_loader(cfg: Config, subset: str = 'test', ann_file: Optional[str] = None,
                      split: Optional[str] = None, batch_size: int = 32):
    """A deterministic loader (no shuffle, no workers) over ``subset`` with the test pipeline.

    Args:
        cfg (Config): The config.
        subset (str): ``'test'`` or ``'train'``: whose dataset settings to start from.
        ann_file (str, optional): Replaces the config's annotation file.
        split (str, optional): Replaces the config's split.
        batch_size (int): Samples per batch.
    """
    from mmengine.runner import Runner
    settings = dataset_settings(cfg, subset)
    loader = cfg.get(f'{subset}_dataloader') or cfg.get('val_dataloader') or \
        cfg.get('train_dataloader')
    if not loader:
        raise KeyError(f'{cfg.filename}: no dataloader to take the dataset type from')
    loader = copy.deepcopy(loader)
    dataset = innermost_dataset(loader.dataset)
    dataset.update(ann_file=ann_file or settings['ann_file'],
                   split=split or settings['split'], pipeline=test_pipeline(cfg),
                   test_mode=True)
    loader = ConfigDict(batch_size=batch_size, num_workers=0, persistent_workers=False,
                        sampler=dict(type='DefaultSampler', shuffle=False), dataset=dataset)
    return Runner.build_dataloader(loader, seed=0)


def load_sample(ann_file: str, split: Optional[str] = None, index: int = 0,
                frame_dir: Optional[str] = None) -> dict:
    """One annotation (a copy) picked by ``frame_dir`` or by its ``index`` in ``split``.

    Returns:
        dict: the pyskl annotation (``keypoint (M, T, V, C)``, ``label``, ...), with
        ``modality='Pose'`` and ``start_index=0`` added as mmaction's ``PoseDataset`` does.
    """
    from mmgl.datasets.converters.common import load_annotation
    data = load_annotation(ann_file)
    annotations = data['annotations'] if isinstance(data, dict) else data
    if frame_dir is not None:
        found = [a for a in annotations if a['frame_dir'] == frame_dir]
        if not found:
            raise KeyError(f'{ann_file}: no sample named {frame_dir!r}')
        sample = found[0]
    else:
        if split is not None:
            if not isinstance(data, dict) or split not in data.get('split', {}):
                known = sorted(data.get('split', {})) if isinstance(data, dict) else []
                raise KeyError(f'{ann_file}: no split {split!r} (splits: {known})')
            wanted = set(data['split'][split])
            annotations = [a for a in annotations if a['frame_dir'] in wanted]
        if not -len(annotations) <= index < len(annotations):
            raise IndexError(f'{ann_file}: sample index {index} outside the '
                             f'{len(annotations)} samples of split {split!r}')
        sample = annotations[index]
    return dict(copy.deepcopy(sample), modality='Pose', start_index=0)


def find_transform(pipeline: List[dict], type_name: str) -> Optional[dict]:
    """The first transform config of ``type_name`` in ``pipeline`` (a copy), or None."""
    for step in pipeline:
        if step.get('type') == type_name:
            return copy.deepcopy(dict(step))
    return None


def apply_pipeline(sample: dict, pipeline: List[dict]) -> dict:
    """Run the transforms of ``pipeline`` on a copy of ``sample``."""
    from mmengine.dataset import Compose
    return Compose(copy.deepcopy(list(pipeline)))(copy.deepcopy(sample))


def sample_inputs(sample: dict, pipeline: List[dict]) -> Tuple[torch.Tensor, int]:
    """The backbone input of one sample: ``x (1, M, T, V, C)`` float32 and its ``valid_len``.

    ``pipeline`` must end in ``PackActionInputs(algorithm_keys=('valid_len',))`` (any test
    pipeline of mmgl's configs does).
    """
    packed = apply_pipeline(sample, pipeline)
    x = packed['inputs'].float()
    if x.dim() == 5:  # (num_clips=1, M, T, V, C)
        x = x[0]
    valid_len = packed['data_samples'].get('valid_len', x.shape[1])
    return x[None], int(valid_len)
