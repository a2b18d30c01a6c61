"""The compatibility shims for the pinned stack (mmgl/compat.py)."""
import os
import sys

import numpy as np
import pytest
import torch

from mmgl import compat


def test_drn_stub_matches_installed_mmaction():
    """The stub is present exactly when the installed mmaction lacks the DRN folder."""
    if compat.mmaction_lacks_drn():
        assert sys.modules['mmaction.models.localizers.drn.drn'].DRN is None
    # whatever the case, mmaction's model registry imports and builds
    import mmaction.models  # noqa: F401
    from mmaction.registry import MODELS
    stgcn = MODELS.build(dict(type='STGCN', graph_cfg=dict(layout='nturgb+d', mode='stgcn_spatial'),
                              base_channels=8, num_stages=2, inflate_stages=[], down_stages=[]))
    out = stgcn(torch.zeros(1, 2, 4, 25, 3))
    assert out.shape[:3] == (1, 2, 8)


def test_drn_stub_is_idempotent():
    assert compat.stub_mmaction_drn() is False  # already applied at import time


def test_mmengine_checkpoint_loads_weights_only(tmp_path):
    """A checkpoint holding mmengine's message hub loads with torch's default weights_only."""
    from mmengine.logging import HistoryBuffer
    buffer = HistoryBuffer()
    buffer.update(np.float64(1.5))
    buffer.update(2.0)
    ckpt = dict(meta=dict(epoch=np.int64(3), seed=np.int32(7), loss=np.float32(0.5)),
                message_hub=dict(log_scalars={'train/loss': buffer}, runtime_info={}),
                state_dict={'w': torch.ones(2)}, arr=np.arange(3, dtype=np.float32))
    path = tmp_path / 'ckpt.pth'
    torch.save(ckpt, path)
    loaded = torch.load(path)  # weights_only=True is torch's default since 2.6
    assert loaded['message_hub']['log_scalars']['train/loss'].mean() == pytest.approx(1.75)
    assert loaded['meta']['epoch'] == 3
    assert torch.equal(loaded['state_dict']['w'], torch.ones(2))


def test_safe_globals_are_registered():
    get = getattr(torch.serialization, 'get_safe_globals', None)
    if get is None:
        pytest.skip('torch without get_safe_globals')
    from mmengine.logging import HistoryBuffer
    assert HistoryBuffer in get()


@pytest.mark.skipif(torch.cuda.is_available(), reason='the CPU fallback only acts without CUDA')
def test_cpu_distributed_uses_gloo_and_cpu_ddp(monkeypatch):
    """mmengine's pytorch launcher initialises gloo and wraps a CPU model in DDP."""
    import torch.distributed as dist
    from mmengine.dist import init_dist
    from mmengine.model import BaseModel
    from mmengine.model.wrappers import MMDistributedDataParallel
    for key, value in dict(RANK='0', LOCAL_RANK='0', WORLD_SIZE='1', MASTER_ADDR='127.0.0.1',
                           MASTER_PORT=str(29400 + os.getpid() % 500)).items():
        monkeypatch.setenv(key, value)
    init_dist('pytorch', backend='nccl')
    try:
        assert dist.get_backend() == 'gloo'

        class Tiny(BaseModel):
            def __init__(self):
                super().__init__()
                self.fc = torch.nn.Linear(2, 1)

            def forward(self, x, mode='tensor'):
                return self.fc(x)

        wrapped = MMDistributedDataParallel(module=Tiny(), device_ids=[0])
        assert wrapped.device_ids is None
    finally:
        dist.destroy_process_group()


def fake_transformers(root, version='5.0.0'):
    """A ``transformers`` package (with its metadata) that lacks what VindLU imports."""
    pkg = root / 'transformers'
    pkg.mkdir()
    (pkg / '__init__.py').write_text(f'__version__ = {version!r}\n')
    (pkg / 'modeling_utils.py').write_text('')
    info = root / f'transformers-{version}.dist-info'
    info.mkdir()
    (info / 'METADATA').write_text(f'Metadata-Version: 2.1\nName: transformers\nVersion: {version}\n')


def test_broken_transformers_does_not_break_mmaction_models(tmp_path):
    """mmaction imports its multimodal models when transformers >= 4.28 is installed;
    with a transformers lacking their imports, `import mmgl` must still give mmaction.models."""
    import subprocess
    fake_transformers(tmp_path)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), root]))
    probe = ('import mmgl, mmaction.models; from mmgl import compat; '
             'from mmaction.utils import dependency; '
             'print(compat.multimodal_is_broken(), dependency.WITH_MULTIMODAL)')
    out = subprocess.run([sys.executable, '-c', probe], env=env, capture_output=True, text=True,
                         cwd=root)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-2:] == ['True', 'False']
    # with the DRN stub alone (no mmgl import) the same environment fails: the shim is needed
    plain = ('import importlib.util as u; '
             's = u.spec_from_file_location("c", "mmgl/compat.py"); c = u.module_from_spec(s); '
             's.loader.exec_module(c); c.stub_mmaction_drn(); import mmaction.models')
    out = subprocess.run([sys.executable, '-c', plain], env=env, capture_output=True, text=True,
                         cwd=root)
    assert out.returncode != 0 and 'transformers' in out.stderr


def test_multimodal_check_without_transformers():
    import importlib.util
    if importlib.util.find_spec('transformers') is None:
        assert compat.multimodal_is_broken() is False
    assert compat.skip_broken_multimodal() is False  # mmaction.models is imported already


def test_stgcn_graph_from_an_mmgl_layout():
    """mmaction's Graph takes mmgl layout names: the graph of the layout's bones and centre."""
    import numpy as np

    import mmgl  # noqa: F401
    from mmaction.models.utils.graph import Graph
    from mmgl.datasets.layouts import get_layout
    for name in ('nw-ucla', 'sbu'):
        spec = get_layout(name)
        explicit = Graph(dict(num_node=spec.num_joints, inward=list(spec.bones),
                              center=spec.center), mode='stgcn_spatial')
        assert np.array_equal(Graph(name, mode='stgcn_spatial').A, explicit.A)
    # mmaction's own layouts keep mmaction's graphs
    assert Graph('nturgb+d').num_node == 25
