"""mmgl.apis.config: what the tools read from a config."""
from pathlib import Path

import pytest

from mmgl.apis import dataset_settings, load_config
from mmgl.apis import test_pipeline as config_test_pipeline

CONFIGS = Path(__file__).resolve().parents[2] / 'configs'
UCLA_PRE = CONFIGS / 'mpdp' / 'mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py'
UCLA_LIN = CONFIGS / 'mpdp' / 'benchmarks' / 'linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py'


@pytest.mark.parametrize('path', [UCLA_PRE, UCLA_LIN], ids=['pretraining', 'linear'])
def test_test_pipeline_carries_the_dataset_shape(path):
    """The shared pipeline leaves the data shape to GLPoseDataset; a tool that applies the
    pipeline itself must get it filled in, or NW-UCLA's 20 joints meet NTU's defaults."""
    pipeline = config_test_pipeline(load_config(str(path)))
    assert pipeline[0] == dict(type='GLPreNormalize', layout='nw-ucla', num_person=1,
                               max_frames=208)
    assert dict(type='GLFormatInput', max_frames=208) in pipeline
    assert not any(step['type'] == 'GLShear' for step in pipeline)  # no augmentation


def test_pretraining_config_test_data_from_eval_dataloader():
    """A pretraining config has no val/test loader; its dataset base's eval_dataloader
    names the test data."""
    cfg = load_config(str(UCLA_PRE))
    assert cfg.val_dataloader is None and cfg.test_dataloader is None
    assert dataset_settings(cfg, 'test') == dict(ann_file='data/nw_ucla/nw_ucla.pkl',
                                                 split='xview_val')
    assert dataset_settings(cfg, 'train')['split'] == 'xview_train'
    with pytest.raises(ValueError, match="'test' or 'train'"):
        dataset_settings(cfg, 'val')
