"""MAMP's pipeline on every real NW-UCLA (one person, 20 joints) and SBU (two, 15) sample."""
import numpy as np
import pytest
from mmengine.dataset import Compose
from mmengine.registry import init_default_scope

from mmgl.datasets.converters.nw_ucla import convert_nw_ucla
from mmgl.datasets.converters.sbu import convert_sbu
from mmgl.datasets.transforms import MAMPCenter, origin_joint

pytestmark = pytest.mark.real_data


def _annotations(shared_data, name):
    if name == 'nw-ucla':
        src = shared_data / 'nw-ucla' / 'all_sqe'
        if not src.is_dir():
            pytest.skip(f'{src} not found')
        data, _ = convert_nw_ucla(sorted(src.glob('*.json')))
    else:
        src = shared_data / 'sbu'
        if not src.is_dir():
            pytest.skip(f'{src} not found')
        data, _ = convert_sbu(src)
    return data['annotations']


@pytest.mark.parametrize('layout,joints', [('nw-ucla', 20), ('sbu', 15)])
def test_mamp_pipeline_on_every_sample(shared_data, layout, joints):
    init_default_scope('mmaction')
    window = 32
    pipeline = Compose([
        dict(type='MAMPCenter', layout=layout, num_person=2),
        dict(type='MAMPCropResize', window=window, p_interval=(0.5, 1)),
        dict(type='MAMPRandomRotation', theta=0.3),
        dict(type='GLFormatInput', max_frames=window),
        dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
    ])
    center = MAMPCenter(layout=layout)
    joint = origin_joint(layout)
    np.random.seed(0)
    for ann in _annotations(shared_data, layout):
        centred = center(dict(ann))['keypoint']
        first = np.flatnonzero(centred[0].any(axis=(1, 2)))[0]
        assert not centred[0, first, joint].any(), ann['frame_dir']
        packed = pipeline(dict(ann))
        assert tuple(packed['inputs'].shape) == (1, 2, window, joints, 3), ann['frame_dir']
        assert packed['data_samples'].valid_len == window
        assert packed['inputs'].isfinite().all()
