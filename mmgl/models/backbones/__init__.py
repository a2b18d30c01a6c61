from .gl_transformer import GLTransformer
from .mamp_transformer import MAMPTransformer

__all__ = ['GLTransformer', 'MAMPTransformer']
