"""Shared fixtures: where the reference arrays and the research data live; layouts that a
test registers are removed after it.

``MMGL_REFERENCE_FIXTURES`` (default ``../shared/fixtures/gl_reference``) and
``MMGL_SHARED_DATA`` (default ``../shared/data``) are resolved against the repository root;
tests that need them skip with the reason when the folder is absent.
"""
import os
from pathlib import Path

import pytest

import mmgl  # noqa: F401  (shims + registration before any mmaction import in tests)

REPO_ROOT = Path(__file__).resolve().parents[1]


def _resolve(env: str, default: str) -> Path:
    path = Path(os.environ.get(env, default))
    return path if path.is_absolute() else (REPO_ROOT / path).resolve()


@pytest.fixture(scope='session')
def reference_dir() -> Path:
    """The golden-array folder (preprocess.npz, targets.npz, model.npz, manifest.json)."""
    path = _resolve('MMGL_REFERENCE_FIXTURES', '../shared/fixtures/gl_reference')
    if not (path / 'manifest.json').is_file():
        pytest.skip(f'reference fixtures not found at {path} (set MMGL_REFERENCE_FIXTURES)')
    return path


@pytest.fixture(scope='session')
def shared_data() -> Path:
    """The research-data folder (nw-ucla/, sbu/, ntu-samples/)."""
    path = _resolve('MMGL_SHARED_DATA', '../shared/data')
    if not path.is_dir():
        pytest.skip(f'research data not found at {path} (set MMGL_SHARED_DATA)')
    return path


@pytest.fixture(scope='session')
def ntu_skeleton_dir(shared_data: Path) -> Path:
    """The raw NTU ``.skeleton`` samples (the reference fixtures name files from here)."""
    path = shared_data / 'ntu-samples'
    if not path.is_dir():
        pytest.skip(f'NTU samples not found at {path}')
    return path


@pytest.fixture(autouse=True)
def _restore_layouts():
    """Layouts registered by a test (own layouts from files or specs) do not leak into others."""
    from mmgl.datasets.layouts import LAYOUTS
    saved = dict(LAYOUTS)
    yield
    LAYOUTS.clear()
    LAYOUTS.update(saved)
