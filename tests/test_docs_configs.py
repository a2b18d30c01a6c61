"""The configs that docs/data.md writes out for a user's own data build, and the linear
evaluation loads the encoder the pretraining config trains."""
import pickle
import re
import shutil
from pathlib import Path

import numpy as np
from mmengine.config import Config
from mmengine.registry import init_default_scope

from mmaction.registry import DATASETS, MODELS

from tests.test_benchmark_configs import DOWNSTREAM_ONLY

ROOT = Path(__file__).resolve().parents[1]


def doc_configs():
    """``{path: text}`` of the python blocks of docs/data.md whose first line names a config."""
    blocks = re.findall(r'```python\n# (configs/\S+\.py)\n(.*?)```',
                        (ROOT / 'docs/data.md').read_text(), re.S)
    return dict(blocks)


def test_own_data_configs_build(tmp_path):
    init_default_scope('mmaction')
    configs = doc_configs()
    assert set(configs) == {'configs/_base_/datasets/mine.py', 'configs/mpdp/mpdp_mine.py',
                            'configs/mpdp/benchmarks/linear_mine.py'}
    shutil.copytree(ROOT / 'configs/_base_', tmp_path / 'configs/_base_')
    for path, text in configs.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    pretrain = Config.fromfile(str(tmp_path / 'configs/mpdp/mpdp_mine.py'))
    linear = Config.fromfile(str(tmp_path / 'configs/mpdp/benchmarks/linear_mine.py'))
    encoders = [{k: v for k, v in cfg.model.backbone.items() if k not in DOWNSTREAM_ONLY}
                for cfg in (pretrain, linear)]
    assert encoders[0] == encoders[1]
    assert encoders[0]['layout'] == 'coco'
    assert linear.model.cls_head.num_classes == 5
    MODELS.build(pretrain.model)
    MODELS.build(dict(linear.model, backbone=dict(linear.model.backbone, init_cfg=None)))
    # the dataset base reads an annotation file with these splits and data shape
    rng = np.random.default_rng(0)
    annotations = [dict(frame_dir=f'clip{i}', label=i % 5, total_frames=40,
                        keypoint=rng.uniform(100, 400, (1, 40, 17, 2)).astype(np.float32),
                        keypoint_score=np.ones((1, 40, 17), np.float32)) for i in range(10)]
    ann = tmp_path / 'mine.pkl'
    ann.write_bytes(pickle.dumps(dict(annotations=annotations, split=dict(
        train=[f'clip{i}' for i in range(8)], test=['clip8', 'clip9']))))
    for cfg in (pretrain, linear):
        dataset = DATASETS.build(dict(cfg.train_dataloader.dataset, ann_file=str(ann)))
        assert len(dataset) > 0
