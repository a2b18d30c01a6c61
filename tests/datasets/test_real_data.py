"""Converting the real NW-UCLA and SBU data and loading it with mmaction's PoseDataset."""

import pytest
from mmaction.datasets import PoseDataset

from mmgl.datasets import GLPoseDataset
from tests.utils import load_tool

pytestmark = pytest.mark.real_data


def run_tool(name: str, argv) -> int:
    return load_tool(f'data/{name}.py').main([str(a) for a in argv])


def test_nw_ucla(shared_data, tmp_path):
    src = shared_data / 'nw-ucla' / 'all_sqe'
    if not src.is_dir():
        pytest.skip(f'{src} not found')
    out = tmp_path / 'nw_ucla.pkl'
    assert run_tool('nw_ucla_to_pkl', [src, out, '--no-progress']) == 0
    assert len(PoseDataset(ann_file=str(out), pipeline=[], split='xview_train')) == 1020
    val = GLPoseDataset(ann_file=str(out), pipeline=[], split='xview_val', layout='nw-ucla',
                        num_classes=10)
    assert len(val) == 464
    assert sorted({val.get_data_info(i)['label'] for i in range(len(val))}) == list(range(10))


def test_sbu(shared_data, tmp_path):
    src = shared_data / 'sbu'
    if not src.is_dir():
        pytest.skip(f'{src} not found')
    out = tmp_path / 'sbu.pkl'
    assert run_tool('sbu_to_pkl', [src, out, '--no-progress']) == 0
    sizes = []
    for k in range(1, 6):
        train = GLPoseDataset(ann_file=str(out), pipeline=[], split=f'fold{k}_train',
                              layout='sbu', num_classes=8)
        val = PoseDataset(ann_file=str(out), pipeline=[], split=f'fold{k}_val')
        assert len(train) + len(val) == 282
        sizes.append(len(val))
    assert sum(sizes) == 282  # the folds partition the data
