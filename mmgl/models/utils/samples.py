"""Reading per-sample fields from mmaction data samples."""
from typing import Optional, Sequence

import torch


def valid_len_from_samples(data_samples: Optional[Sequence], device: torch.device
                           ) -> Optional[torch.Tensor]:
    """The ``(B,)`` long tensor of ``data_sample.valid_len``, or None when a sample lacks it.

    ``PackActionInputs(algorithm_keys=('valid_len',))`` stores ``valid_len`` on each sample.
    """
    if not data_samples or not all('valid_len' in sample for sample in data_samples):
        return None
    return torch.as_tensor([int(sample.valid_len) for sample in data_samples],
                           dtype=torch.long, device=device)
