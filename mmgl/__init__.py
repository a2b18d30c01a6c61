"""mmgl: GL-Transformer and MPDP for MMAction2.

Importing this package applies the compatibility shims for the pinned stack and
registers every mmgl module into mmaction's registries, so configs keep
``default_scope='mmaction'`` and load mmgl through ``custom_imports``.
"""
from .compat import apply_compat

apply_compat()

from . import datasets, engine, evaluation, models, visualization  # noqa: E402,F401
from .version import __version__  # noqa: E402

__all__ = ['__version__']
