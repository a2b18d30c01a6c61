"""Compatibility shims for the pinned stack (torch >= 2.6, mmengine 0.10.7, mmaction2 1.2.0).

Each shim checks whether it is needed before it acts, so a fixed upstream makes it a no-op.
"""
import importlib.util
import os
import sys
import types

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

    ``message_hub`` holds :class:`HistoryBuffer` objects with numpy arrays and scalars; torch
    >= 2.6 refuses them under its default ``weights_only=True`` unless they are allow-listed.
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
    return [HistoryBuffer, _reconstruct, scalar, np.ndarray, np.dtype, *dtype_classes]


def allow_mmengine_checkpoints() -> bool:
    """Allow-list mmengine's checkpoint types for ``torch.load(weights_only=True)``."""
    import torch
    add = getattr(torch.serialization, 'add_safe_globals', None)
    if add is None:  # torch < 2.4 loads everything anyway
        return False
    add(checkpoint_safe_globals())
    return True


def apply_compat() -> None:
    """Apply every shim once (idempotent)."""
    global _applied
    if _applied:
        return
    stub_mmaction_drn()
    allow_mmengine_checkpoints()
    _applied = True
