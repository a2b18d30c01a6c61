"""Keep mmengine's per-parameter initialisation report out of the tools' output."""
import logging

from mmengine.logging import MMLogger

__all__ = ['init_weights_quietly']


def init_weights_quietly(model) -> None:
    """``model.init_weights()`` without mmengine's INFO dump of every parameter's init.

    Outside a Runner (no log file), mmengine's ``BaseModule`` logs one multi-line INFO record
    per parameter (hundreds of lines for a GL-Transformer). The current logger is held at
    WARNING while the weights initialise, so warnings (e.g. of a ``Pretrained`` load) still
    show.
    """
    logger = MMLogger.get_current_instance()
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        model.init_weights()
    finally:
        logger.setLevel(level)
