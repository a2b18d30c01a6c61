from .base import BaseSelfSupervisor
from .mpdp import MPDP
from .targets import MPDPTargetGenerator

__all__ = ['BaseSelfSupervisor', 'MPDP', 'MPDPTargetGenerator']
