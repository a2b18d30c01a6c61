"""Mixed precision on any device: mmengine's ``AmpOptimWrapper`` on CUDA, bf16 autocast on CPU."""
from contextlib import contextmanager
from typing import Optional, Union

import torch
import torch.nn as nn
from mmengine.device import (is_cuda_available, is_mlu_available, is_musa_available,
                             is_npu_available)
from mmengine.optim import AmpOptimWrapper, OptimWrapper

from mmaction.registry import OPTIM_WRAPPERS

__all__ = ['AnyDeviceAmpOptimWrapper']


def _accelerator_available() -> bool:
    """Where mmengine's ``AmpOptimWrapper`` works (the devices its own check accepts)."""
    return (is_cuda_available() or is_npu_available() or is_mlu_available()
            or is_musa_available())


# Registered under mmengine's name as well: mmaction's OPTIM_WRAPPERS is a child of
# mmengine's, and configs build in the 'mmaction' scope, so `optim_wrapper.type=
# 'AmpOptimWrapper'` and `tools/train.py --amp` (which sets that type) find this class first.
@OPTIM_WRAPPERS.register_module(name=['AnyDeviceAmpOptimWrapper', 'AmpOptimWrapper'])
class AnyDeviceAmpOptimWrapper(AmpOptimWrapper):
    """``AmpOptimWrapper`` that also trains on CPU, in bf16.

    On a GPU (or NPU / MLU / MUSA) it is mmengine's ``AmpOptimWrapper`` unchanged: the forward
    runs under autocast in ``dtype`` (None: float16) with a ``GradScaler``. On CPU, where
    mmengine's wrapper refuses to start, the forward runs under
    ``torch.autocast('cpu', dtype)`` with ``dtype`` bfloat16 by default. bf16 keeps float32's
    exponent range, so no loss scaling is needed there: backward and step are those of the
    plain ``OptimWrapper`` (gradient clipping and accumulation included).

    Args:
        loss_scale (float | str | dict): ``GradScaler`` settings, used off CPU only.
            Defaults to ``'dynamic'``.
        dtype (str | torch.dtype, optional): Autocast dtype. On CPU only ``'bfloat16'`` (the
            default there) is accepted. Defaults to None.
        use_fsdp (bool): ``ShardedGradScaler`` off CPU. Defaults to False.
        **kwargs: ``OptimWrapper`` arguments (``optimizer``, ``clip_grad``,
            ``accumulative_counts``).

    Example:
        >>> optim_wrapper = dict(type='AmpOptimWrapper', optimizer=dict(type='AdamW', lr=1e-3))
    """

    def __init__(self, loss_scale: Union[str, float, dict] = 'dynamic',
                 dtype: Optional[Union[str, torch.dtype]] = None, use_fsdp: bool = False,
                 **kwargs) -> None:
        self.on_cpu = not _accelerator_available()
        if not self.on_cpu:
            super().__init__(loss_scale=loss_scale, dtype=dtype, use_fsdp=use_fsdp, **kwargs)
            return
        OptimWrapper.__init__(self, **kwargs)
        if isinstance(dtype, str):
            dtype = getattr(torch, dtype, dtype)
        dtype = torch.bfloat16 if dtype is None else dtype
        if dtype != torch.bfloat16:
            raise ValueError(f'mixed precision on CPU trains in bfloat16 only, got dtype={dtype} '
                             "(set optim_wrapper.dtype='bfloat16' or leave it unset)")
        self.cast_dtype = dtype
        self.loss_scaler = None
        self._scale_update_param = None

    def backward(self, loss: torch.Tensor, **kwargs) -> None:
        if self.on_cpu:
            return OptimWrapper.backward(self, loss, **kwargs)
        return super().backward(loss, **kwargs)

    def step(self, **kwargs) -> None:
        if self.on_cpu:
            return OptimWrapper.step(self, **kwargs)
        return super().step(**kwargs)

    def state_dict(self) -> dict:
        if self.on_cpu:
            return OptimWrapper.state_dict(self)
        return super().state_dict()

    def load_state_dict(self, state_dict: dict) -> None:
        if self.on_cpu:
            # a checkpoint written on a GPU carries its GradScaler state, unused in bf16
            state_dict = {k: v for k, v in state_dict.items() if k != 'loss_scaler'}
        super().load_state_dict(state_dict)

    @contextmanager
    def optim_context(self, model: nn.Module):
        if not self.on_cpu:
            with super().optim_context(model):
                yield
            return
        with OptimWrapper.optim_context(self, model), torch.autocast('cpu',
                                                                      dtype=self.cast_dtype):
            yield
