"""Each downstream config's encoder is the one its pretraining config trains.

A benchmark config names its pretraining checkpoint as
``work_dirs/<pretraining config name>/epoch_N.pth``; the encoder it builds must have the same
architecture, or loading the checkpoint would fail (or, with a lenient loader, silently
evaluate a random encoder).
"""
from pathlib import Path

import pytest
from mmengine.config import Config

CONFIGS = Path(__file__).resolve().parents[1] / 'configs'
BENCHMARKS = sorted([*CONFIGS.glob('*/benchmarks/*.py'), *CONFIGS.glob('*/ablations/linear_*.py')])
# keys that legitimately differ between pretraining and evaluation
# (MAMPTransformer's ``features`` only arranges the output rows for the head)
DOWNSTREAM_ONLY = {'frozen', 'frozen_eval', 'init_cfg', 'reference_math', 'drop_path_rate',
                   'drop_rate', 'attn_drop_rate', 'features'}


@pytest.mark.parametrize('path', BENCHMARKS, ids=lambda p: p.name)
def test_encoder_matches_pretraining(path):
    cfg = Config.fromfile(str(path))
    init_cfg = cfg.model.get('backbone', {}).get('init_cfg')
    if not init_cfg or not init_cfg.get('checkpoint'):
        pytest.skip('no pretraining checkpoint (supervised from scratch)')
    pretrain_name = Path(init_cfg.checkpoint).parent.name
    found = sorted(CONFIGS.rglob(f'{pretrain_name}.py'))
    assert len(found) == 1, f'{path.name} points at unknown config {pretrain_name}'
    pretrain_path = found[0]
    pretrain = Config.fromfile(str(pretrain_path))
    own = {k: v for k, v in cfg.model.backbone.items() if k not in DOWNSTREAM_ONLY}
    theirs = {k: v for k, v in pretrain.model.backbone.items() if k not in DOWNSTREAM_ONLY}
    assert own == theirs
