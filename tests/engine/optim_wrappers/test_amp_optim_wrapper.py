"""AnyDeviceAmpOptimWrapper: bf16 autocast on CPU, mmengine's AmpOptimWrapper elsewhere."""
import math

import pytest
import torch
from mmengine.model import BaseModel
from mmengine.optim import build_optim_wrapper
from mmengine.registry import DefaultScope

from mmgl.engine import AnyDeviceAmpOptimWrapper
from mmgl.visualization.curves import load_scalars
from tests.utils import run_tool, write_random_ann

pytestmark = pytest.mark.skipif(torch.cuda.is_available(), reason='checks the CPU path')


class _Recorder(BaseModel):
    """Records the autocast state its forward sees."""

    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(4, 3)
        self.seen = []

    def forward(self, inputs, data_samples=None, mode='loss'):
        self.seen.append((torch.is_autocast_enabled('cpu'), torch.get_autocast_dtype('cpu')))
        out = self.linear(inputs)
        self.seen.append(out.dtype)
        return dict(loss=out.float().pow(2).mean())


def _build(type_name='AmpOptimWrapper', **kwargs):
    model = _Recorder()
    with DefaultScope.overwrite_default_scope('mmaction'):
        wrapper = build_optim_wrapper(model, dict(type=type_name, optimizer=dict(
            type='SGD', lr=0.1), **kwargs))
    return model, wrapper


@pytest.mark.parametrize('type_name', ['AmpOptimWrapper', 'AnyDeviceAmpOptimWrapper'])
def test_config_type_builds_the_cpu_wrapper(type_name):
    _, wrapper = _build(type_name, loss_scale='dynamic')  # what tools/train.py --amp sets
    assert isinstance(wrapper, AnyDeviceAmpOptimWrapper)
    assert wrapper.cast_dtype == torch.bfloat16 and wrapper.loss_scaler is None


def test_train_step_runs_in_bf16_autocast_and_updates():
    model, wrapper = _build(clip_grad=dict(max_norm=1.0))
    before = model.linear.weight.detach().clone()
    losses = model.train_step(dict(inputs=torch.randn(8, 4)), wrapper)
    assert model.seen == [(True, torch.bfloat16), torch.bfloat16]
    assert not torch.is_autocast_enabled('cpu')  # the context closes after the forward
    assert math.isfinite(losses['loss'].item())
    assert model.linear.weight.dtype == torch.float32
    assert not torch.equal(model.linear.weight, before)


def test_state_dict_round_trip_and_gpu_checkpoint():
    model, wrapper = _build()
    model.train_step(dict(inputs=torch.randn(8, 4)), wrapper)
    state = wrapper.state_dict()
    assert 'loss_scaler' not in state
    _, fresh = _build()
    fresh.load_state_dict(dict(state, loss_scaler={'scale': 65536.0}))  # as saved on a GPU
    assert fresh.optimizer.state_dict()['param_groups'] == wrapper.optimizer.state_dict()[
        'param_groups']


def test_float16_on_cpu_is_refused_with_the_fix():
    with pytest.raises(ValueError, match="bfloat16 only.*optim_wrapper.dtype='bfloat16'"):
        _build(dtype='float16')


@pytest.mark.slow
def test_train_py_amp_trains_on_cpu(tmp_path):
    ann = tmp_path / 'ann.pkl'
    write_random_ann(ann, num_samples=12, min_len=10, max_len=20, splits=('train', 'val'))
    run_tool('train.py', 'configs/mpdp/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py',
             '--amp', '--work-dir', tmp_path / 'work', '--cfg-options',
             f'train_dataloader.dataset.ann_file={ann}', 'train_dataloader.batch_size=4',
             'train_dataloader.num_workers=0', 'train_dataloader.persistent_workers=False',
             'model.backbone.embed_dims=8', 'model.backbone.depth=1', 'train_cfg.max_epochs=1',
             'default_hooks.logger.interval=1')
    _, losses = load_scalars(tmp_path / 'work')['loss']
    assert len(losses) == 2 and all(math.isfinite(v) for v in losses)
