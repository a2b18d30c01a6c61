from .attention import MultiheadAttention
from .drop_path import drop_path
from .dropout import Dropout, dropout
from .linear import Linear, onednn_linear
from .packing import Packing, as_packing, gather_unique_rows, make_packing
from .sine import sine_table

__all__ = [
    'MultiheadAttention', 'Dropout', 'dropout', 'drop_path', 'Linear', 'onednn_linear',
    'Packing', 'as_packing', 'gather_unique_rows', 'make_packing', 'sine_table'
]
