from .base import FrozenPretrainedBackbone
from .gl_transformer import GLTransformer
from .mamp_transformer import MAMPTransformer

__all__ = ['FrozenPretrainedBackbone', 'GLTransformer', 'MAMPTransformer']
