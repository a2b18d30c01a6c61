"""Visualisation backends for mmengine's Visualizer."""
import warnings

from mmengine.visualization import TensorboardVisBackend

from mmaction.registry import VISBACKENDS


class _NullWriter:
    """Stands in for ``SummaryWriter`` when TensorBoard is not installed."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


@VISBACKENDS.register_module()
class OptionalTensorboardVisBackend(TensorboardVisBackend):
    """TensorBoard logging when ``tensorboard`` is installed; a warning and nothing otherwise.

    Lets the default runtime always list TensorBoard beside ``LocalVisBackend`` without
    making ``tensorboard`` a hard dependency.
    """

    def _init_env(self):
        try:
            super()._init_env()
        except ImportError as e:
            warnings.warn(f'TensorBoard logging is off: {e}')
            self._tensorboard = _NullWriter()
