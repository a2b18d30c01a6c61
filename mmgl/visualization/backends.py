"""Visualisation backends for mmengine's Visualizer."""
import logging

from mmengine.logging import print_log
from mmengine.visualization import TensorboardVisBackend

from mmaction.registry import VISBACKENDS


class _NullWriter:
    """Stands in for ``SummaryWriter`` when TensorBoard is not installed."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


@VISBACKENDS.register_module()
class OptionalTensorboardVisBackend(TensorboardVisBackend):
    """TensorBoard logging when ``tensorboard`` is installed; nothing (silently) otherwise.

    Lets the default runtime always list TensorBoard beside ``LocalVisBackend`` without
    making ``tensorboard`` a hard dependency: ``pip install tensorboard`` turns it on
    (``docs/visualization.md``). Being optional, its absence is logged at DEBUG level only,
    so runs without TensorBoard print no warning; mmengine's ``TensorboardVisBackend`` in a
    config instead fails when TensorBoard is missing.
    """

    def _init_env(self):
        try:
            super()._init_env()
        except ImportError as e:
            print_log(f'TensorBoard logging is off (pip install tensorboard turns it on): {e}',
                      logger='current', level=logging.DEBUG)
            self._tensorboard = _NullWriter()
