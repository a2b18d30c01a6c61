from .attention import MultiheadAttention
from .drop_path import drop_path
from .dropout import Dropout, dropout
from .packing import Packing, as_packing, gather_unique_rows, make_packing
from .sine import sine_table

__all__ = [
    'MultiheadAttention', 'Dropout', 'dropout', 'drop_path', 'Packing', 'as_packing',
    'gather_unique_rows', 'make_packing', 'sine_table'
]
