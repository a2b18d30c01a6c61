from .base import BaseSelfSupervisor
from .mamp import MAMP
from .mamp_masking import MotionAwareMasking
from .mamp_targets import MAMPTargetGenerator
from .mpdp import MPDP
from .targets import MPDPTargetGenerator

__all__ = ['BaseSelfSupervisor', 'MAMP', 'MAMPTargetGenerator', 'MotionAwareMasking', 'MPDP',
           'MPDPTargetGenerator']
