"""Configs as the tools read them: loading with overrides, and where a config keeps its
dataset, pipelines and splits."""
import copy
from typing import Dict, List, Optional

from mmengine.config import Config

__all__ = ['load_config', 'innermost_dataset', 'test_pipeline', 'dataset_settings']


def load_config(path: str, options: Optional[dict] = None) -> Config:
    """Read a config, merge ``--cfg-options`` and set mmengine's default scope."""
    from mmengine.registry import init_default_scope
    import mmgl  # noqa: F401  (registers mmgl's modules)
    cfg = Config.fromfile(path)
    if options:
        cfg.merge_from_dict(options)
    init_default_scope(cfg.get('default_scope', 'mmaction'))
    return cfg


def innermost_dataset(dataset: dict) -> dict:
    """Unwrap dataset wrappers (``RepeatDataset`` etc.) down to the one with a pipeline."""
    while 'pipeline' not in dataset and 'dataset' in dataset:
        dataset = dataset['dataset']
    return dataset


def _test_loader(cfg: Config) -> Optional[dict]:
    """The test data: ``test_dataloader``, else ``val_dataloader``, else ``eval_dataloader``
    (what a dataset base defines and pretraining configs keep when they set val/test to None)."""
    return cfg.get('test_dataloader') or cfg.get('val_dataloader') or cfg.get('eval_dataloader')


def test_pipeline(cfg: Config) -> List[dict]:
    """The preprocessing without augmentation: the test data's pipeline with its dataset's
    data shape filled in (layout, num_person, max_frames), as ``GLPoseDataset`` fills it."""
    from mmgl.datasets.pose_dataset import fill_pipeline
    loader = _test_loader(cfg)
    dataset = innermost_dataset(loader['dataset']) if loader else {}
    if not dataset.get('pipeline'):
        raise KeyError(f'{cfg.filename}: no test pipeline (no test_dataloader, val_dataloader '
                       'or eval_dataloader with a dataset pipeline)')
    return fill_pipeline(copy.deepcopy(list(dataset.pipeline)),
                         **{k: dataset.get(k) for k in ('layout', 'num_person', 'max_frames')})


def dataset_settings(cfg: Config, subset: str = 'test') -> Dict[str, Optional[str]]:
    """``ann_file`` and ``split`` of the config's ``'test'`` or ``'train'`` data.

    Test data: ``test_dataloader``, ``val_dataloader`` or ``eval_dataloader`` (a pretraining
    config keeps the last); both ``None`` where the config has no such loader.
    """
    if subset not in ('test', 'train'):
        raise ValueError(f"subset must be 'test' or 'train', got {subset!r}")
    loader = _test_loader(cfg) if subset == 'test' else cfg.get('train_dataloader')
    if not loader:
        return dict(ann_file=None, split=None)
    dataset = innermost_dataset(loader['dataset'])
    return dict(ann_file=dataset.get('ann_file'), split=dataset.get('split'))


