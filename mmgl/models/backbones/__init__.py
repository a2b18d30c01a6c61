from .gl_transformer import GLTransformer

__all__ = ['GLTransformer']
