"""Every config under configs/ parses, and its model and pipelines build.

Datasets are not built (their annotation files are the user's); a typo in a type name, a
transform argument or a model size fails here.
"""
from pathlib import Path

import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import Compose
from mmengine.registry import init_default_scope

from mmaction.registry import MODELS
from mmgl.apis import innermost_dataset

CONFIG_ROOT = Path(__file__).resolve().parents[1] / 'configs'
CONFIGS = sorted(p for p in CONFIG_ROOT.rglob('*.py') if '_base_' not in p.parts)


def _pipelines(cfg):
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        dataset = cfg.get(loader, {}) and innermost_dataset(cfg[loader].get('dataset', {}))
        if dataset and 'pipeline' in dataset:
            yield loader, dataset['pipeline']


@pytest.mark.parametrize('path', CONFIGS, ids=lambda p: str(p.relative_to(CONFIG_ROOT)))
def test_config_builds(path):
    cfg = Config.fromfile(str(path))
    assert cfg.default_scope == 'mmaction'
    init_default_scope('mmaction')
    # NTU-sized models have ~200M parameters: build them without allocating memory
    with torch.device('meta'):
        model = MODELS.build(cfg.model)
    assert sum(p.numel() for p in model.parameters()) > 0
    for loader, pipeline in _pipelines(cfg):
        assert len(Compose(pipeline).transforms) == len(pipeline), loader


def test_configs_exist():
    assert CONFIGS, 'no configs found'


@pytest.mark.parametrize('path', sorted(p for p in (CONFIG_ROOT / '_base_' / 'datasets').glob('*.py')
                                         if p.name != 'skeleton.py'),
                         ids=lambda p: p.name)
def test_dataset_base_agrees_with_layout(path):
    """A dataset base names an mmgl layout, gives every loader (and ``eval_dataloader``, which
    pretraining configs keep) its data shape, and copies no graph edges."""
    from mmgl.datasets.layouts import get_layout
    cfg = Config.fromfile(str(path))
    get_layout(cfg.data_shape.layout)
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader', 'eval_dataloader'):
        dataset = cfg[loader].dataset
        assert {k: dataset[k] for k in cfg.data_shape} == cfg.data_shape, loader
        assert dataset.ann_file == cfg.dataset_args.ann_file, loader
    assert cfg.eval_dataloader == cfg.val_dataloader == cfg.test_dataloader
    assert 'stgcn_graph' not in cfg  # STGCN configs name the layout (mmgl.compat)


def test_one_pipeline_definition_serves_every_dataset():
    """Dataset bases define no pipeline of their own: GLPoseDataset fills the shared one."""
    from mmgl.datasets.pose_dataset import fill_pipeline
    for name in ('ntu60_xsub', 'nw_ucla_xview', 'sbu_fold1', 'demo'):
        cfg = Config.fromfile(str(CONFIG_ROOT / '_base_' / 'datasets' / f'{name}.py'))
        text = (CONFIG_ROOT / '_base_' / 'datasets' / f'{name}.py').read_text()
        assert '_pipeline = ' not in text and 'pipeline=' not in text
        dataset = cfg.train_dataloader.dataset
        filled = fill_pipeline(dataset.pipeline, layout=dataset.layout,
                               num_person=dataset.num_person, max_frames=dataset.max_frames)
        assert filled[0] == dict(type='GLPreNormalize', **cfg.data_shape)
        assert filled[-2] == dict(type='GLFormatInput', max_frames=cfg.data_shape.max_frames)


def test_mamp_finetune_layer_decay_and_no_decay_groups():
    """Layer-wise lr decay 0.8, and no weight decay on LayerNorms and biases (mmengine's custom
    keys would otherwise decay them)."""
    from mmengine.optim import build_optim_wrapper
    cfg = Config.fromfile(str(CONFIG_ROOT / 'mamp' / 'benchmarks' /
                              'finetune_mamp-transformer-small_1xb32-15e_nw-ucla-xview.py'))
    cfg.model.backbone.init_cfg = None
    init_default_scope('mmaction')
    model = MODELS.build(cfg.model)
    groups = build_optim_wrapper(model, cfg.optim_wrapper).optimizer.param_groups
    by_param = {id(p): g for g in groups for p in g['params']}
    depth, base_lr = cfg.model.backbone.depth, cfg.optim_wrapper.optimizer.lr
    for name, param in model.named_parameters():
        group = by_param[id(param)]
        if name.startswith('backbone.blocks.'):
            i = int(name.split('.')[2])
            assert group['lr'] == pytest.approx(base_lr * 0.8**(depth - i)), name
        elif name.startswith('backbone.') and 'embed' in name:
            assert group['lr'] == pytest.approx(base_lr * 0.8**(depth + 1)), name
        no_decay = param.ndim == 1
        assert (group['weight_decay'] == 0) == no_decay, name
