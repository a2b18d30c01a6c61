from .reference_ckpt import convert_reference_state_dict, load_reference_state_dict
from .samples import valid_len_from_samples

__all__ = ['convert_reference_state_dict', 'load_reference_state_dict', 'valid_len_from_samples']
