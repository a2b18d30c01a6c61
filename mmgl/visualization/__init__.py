"""Pictures of data, models and runs. Plotting helpers live in submodules (``curves``, ...)
so that ``import mmgl`` does not import matplotlib."""
from .backends import OptionalTensorboardVisBackend

__all__ = ['OptionalTensorboardVisBackend']
