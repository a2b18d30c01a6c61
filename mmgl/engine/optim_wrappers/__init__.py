"""Optim wrappers registered into mmaction's ``OPTIM_WRAPPERS``."""
from .amp_optim_wrapper import AnyDeviceAmpOptimWrapper

__all__ = ['AnyDeviceAmpOptimWrapper']
