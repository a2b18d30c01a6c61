"""Optim wrappers and constructors registered into mmaction's registries."""
from .amp_optim_wrapper import AnyDeviceAmpOptimWrapper
from .layer_decay import LayerDecayOptimWrapperConstructor

__all__ = ['AnyDeviceAmpOptimWrapper', 'LayerDecayOptimWrapperConstructor']
