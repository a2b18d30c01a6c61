from .compile import compile_backbone
from .inputs import masked_mean, unpack_inputs
from .mamp_reference_ckpt import (convert_mamp_reference_state_dict,
                                  load_mamp_reference_state_dict)
from .reference_ckpt import convert_reference_state_dict, load_reference_state_dict
from .samples import valid_len_from_samples
from .strict_pretrained import load_pretrained_strict

__all__ = ['compile_backbone', 'convert_mamp_reference_state_dict', 'convert_reference_state_dict',
           'load_mamp_reference_state_dict', 'load_pretrained_strict',
           'load_reference_state_dict', 'masked_mean', 'unpack_inputs', 'valid_len_from_samples']
