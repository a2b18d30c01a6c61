from .gl_cls_head import GLClsHead
from .mpdp_head import MPDPHead

__all__ = ['GLClsHead', 'MPDPHead']
