from .gl_cls_head import GLClsHead
from .mamp_head import MAMPDecoder
from .mpdp_head import MPDPHead

__all__ = ['GLClsHead', 'MAMPDecoder', 'MPDPHead']
