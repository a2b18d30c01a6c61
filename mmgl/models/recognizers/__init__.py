from .recognizer_gl import RecognizerGL

__all__ = ['RecognizerGL']
