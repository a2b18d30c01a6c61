"""Pictures of data, models and runs. Plotting helpers live in submodules (``curves``,
``embedding``, ``attention``, ``attention_figures``, ``skeleton``; models and samples come
from :mod:`mmgl.apis`) so that ``import mmgl`` does not import
matplotlib. Tools: ``tools/analysis/``; guide: ``docs/visualization.md``."""
from .backends import OptionalTensorboardVisBackend

__all__ = ['OptionalTensorboardVisBackend']
