"""Compatibility shims for the pinned stack (torch >= 2.6, mmengine 0.10.7, mmaction2 1.2.0)
and for what else may be installed beside it (transformers 5.x).

Each shim checks whether it is needed before it acts, so a fixed upstream makes it a no-op.
"""
import importlib.util
import os
import sys
import types
import warnings

_applied = False


def mmaction_lacks_drn() -> bool:
    """Whether the installed mmaction2 misses ``models/localizers/drn`` (1.2.0 wheel/sdist)."""
    spec = importlib.util.find_spec('mmaction')
    if spec is None or not spec.submodule_search_locations:
        return False
    root = list(spec.submodule_search_locations)[0]
    localizers = os.path.join(root, 'models', 'localizers')
    return os.path.isdir(localizers) and not os.path.exists(os.path.join(localizers, 'drn', 'drn.py'))


def stub_mmaction_drn() -> bool:
    """Put stub ``mmaction.models.localizers.drn(.drn)`` modules into ``sys.modules``.

    ``mmaction/models/localizers/__init__.py`` imports ``DRN`` from a folder that the 1.2.0
    release does not ship, so ``import mmaction.models`` fails without this. Returns whether
    the stub was installed.
    """
    name = 'mmaction.models.localizers.drn'
    if name in sys.modules or not mmaction_lacks_drn():
        return False
    package = types.ModuleType(name)
    package.__path__ = []  # a package, so that ``.drn`` below can be imported from it
    module = types.ModuleType(name + '.drn')
    module.DRN = None
    package.drn = module
    sys.modules[name] = package
    sys.modules[name + '.drn'] = module
    return True


def checkpoint_safe_globals() -> list:
    """The non-tensor types that mmengine 0.10.7 writes into its checkpoints.

    ``message_hub`` holds :class:`HistoryBuffer` objects with numpy arrays and scalars, and
    each buffer pickles its bound statistics methods as ``getattr(buffer, 'mean')``; torch
    >= 2.6 refuses them under its default ``weights_only=True`` unless they are allow-listed
    (``torch.serialization.get_unsafe_globals_in_checkpoint`` lists exactly these).
    """
    import numpy as np
    from mmengine.logging import HistoryBuffer
    try:
        from numpy._core.multiarray import _reconstruct, scalar
    except ImportError:  # numpy < 2
        from numpy.core.multiarray import _reconstruct, scalar
    dtype_classes = [type(np.dtype(t)) for t in (
        np.float16, np.float32, np.float64, np.int8, np.int16, np.int32, np.int64, np.uint8,
        np.bool_)]
    return [HistoryBuffer, getattr, _reconstruct, scalar, np.ndarray, np.dtype, *dtype_classes]


def allow_mmengine_checkpoints() -> bool:
    """Allow-list mmengine's checkpoint types for ``torch.load(weights_only=True)``."""
    import torch
    add = getattr(torch.serialization, 'add_safe_globals', None)
    if add is None:  # torch < 2.4 loads everything anyway
        return False
    add(checkpoint_safe_globals())
    return True


def _leave_process_group() -> None:
    """At exit: wait (at most 60 s) until every rank is done, then destroy the group.

    Rank 0 hosts the rendezvous store; when it exited first, a later rank sometimes
    aborted after a finished run ("terminate called without an active exception").
    """
    from datetime import timedelta

    import torch.distributed as torch_dist
    if not torch_dist.is_initialized():
        return
    try:
        torch_dist.monitored_barrier(timeout=timedelta(seconds=60))
    except RuntimeError:  # a rank already gone: nothing to wait for
        pass
    torch_dist.destroy_process_group()


def multimodal_is_broken() -> bool:
    """Whether ``transformers`` is installed but lacks what mmaction2 1.2.0's VindLU imports.

    mmaction imports its multimodal models (``from transformers.modeling_utils import
    apply_chunking_to_forward, ...``) whenever ``transformers >= 4.28`` is installed; newer
    transformers (5.x) no longer have that name, and ``import mmaction.models`` fails.
    """
    if importlib.util.find_spec('transformers') is None:
        return False
    try:
        from transformers.modeling_utils import apply_chunking_to_forward  # noqa: F401
    except Exception:  # missing name, or a transformers that fails to import at all
        return True
    return False


def skip_broken_multimodal() -> bool:
    """Let mmaction register its multimodal placeholders instead of importing VindLU when
    :func:`multimodal_is_broken` (skeleton work never uses them). Returns whether it acted;
    it can only act before ``mmaction.models`` is imported."""
    if 'mmaction.models.multimodal' in sys.modules or not multimodal_is_broken():
        return False
    from mmaction.utils import dependency
    dependency.WITH_MULTIMODAL = False
    return True


def cpu_distributed() -> bool:
    """Let mmengine's ``pytorch`` launcher run on machines without CUDA (gloo, CPU DDP).

    mmengine 0.10.7 calls ``torch.cuda.set_device`` unconditionally and wraps the model in
    DDP with ``device_ids=[LOCAL_RANK]``; both fail on a CPU-only torch. Without CUDA the
    process group falls back to gloo and DDP gets no device ids; with CUDA nothing changes.
    Returns whether the patch was installed.
    """
    import torch
    from mmengine.dist import utils as dist_utils
    from mmengine.model.wrappers import MMDistributedDataParallel
    if getattr(dist_utils, '_mmgl_cpu_patch', False):
        return False
    init_pytorch = dist_utils._init_dist_pytorch

    def _init_dist_pytorch(backend, init_backend='torch', **kwargs):
        if torch.cuda.is_available() or init_backend != 'torch':
            return init_pytorch(backend, init_backend=init_backend, **kwargs)
        import atexit

        import torch.distributed as torch_dist
        torch_dist.init_process_group(backend='gloo' if backend == 'nccl' else backend,
                                      **kwargs)
        atexit.register(_leave_process_group)

    ddp_init = MMDistributedDataParallel.__init__

    def __init__(self, module, detect_anomalous_params=False, **kwargs):
        on_cpu = all(p.device.type == 'cpu' for p in module.parameters())
        if on_cpu and not torch.cuda.is_available():
            kwargs['device_ids'] = None
        ddp_init(self, module, detect_anomalous_params=detect_anomalous_params, **kwargs)

    dist_utils._init_dist_pytorch = _init_dist_pytorch
    MMDistributedDataParallel.__init__ = __init__
    dist_utils._mmgl_cpu_patch = True
    return True


def graph_knows_mmgl_layouts() -> bool:
    """Let mmaction's skeleton ``Graph`` (STGCN, AAGCN) take any mmgl layout name.

    mmaction knows 'openpose', 'nturgb+d' and 'coco'; any other name that
    :func:`mmgl.datasets.layouts.get_layout` knows (NW-UCLA, SBU, a user's layout) becomes the
    graph dict mmaction accepts, built from that layout's edges (its tree's bones unless it
    gives edges of its own) and centre, so configs name the layout instead of copying edges. mmaction's own layouts keep mmaction's graphs.
    """
    from mmaction.models.utils import graph as graph_module
    if getattr(graph_module.Graph, '_mmgl_layouts', False):
        return False
    init = graph_module.Graph.__init__

    def __init__(self, layout='coco', mode='spatial', max_hop=1):
        if isinstance(layout, str) and layout not in ('openpose', 'nturgb+d', 'coco'):
            from mmgl.datasets.layouts import get_layout
            spec = get_layout(layout)
            layout = dict(num_node=spec.num_joints, inward=list(spec.edges or spec.bones),
                          center=spec.center)
        init(self, layout, mode, max_hop)

    graph_module.Graph.__init__ = __init__
    graph_module.Graph._mmgl_layouts = True
    return True


def apply_compat() -> None:
    """Apply every shim once (idempotent)."""
    global _applied
    if _applied:
        return
    # mmcv-lite has no compiled ops; mmaction imports the transformer bricks that mention
    # them, and skeleton models never use them: the warning is noise on every command.
    warnings.filterwarnings('ignore', message='Fail to import ``MultiScaleDeformableAttention``')
    stub_mmaction_drn()
    skip_broken_multimodal()
    allow_mmengine_checkpoints()
    cpu_distributed()
    graph_knows_mmgl_layouts()
    _applied = True
