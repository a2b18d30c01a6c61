"""Helpers shared by the tools and the tests: configs, models, loaders, synthetic data,
optional-dependency checks and progress display."""
from .builders import (apply_pipeline, build_backbone, build_eval_loader, build_recognizer,
                       find_transform, load_backbone_weights, load_sample, sample_inputs)
from .config import dataset_settings, innermost_dataset, load_config, test_pipeline
from .synthetic import synthetic_annotations
from .timing import pipeline_throughput

__all__ = [
    'apply_pipeline', 'build_backbone', 'build_eval_loader', 'build_recognizer',
    'dataset_settings', 'find_transform', 'innermost_dataset', 'load_backbone_weights',
    'load_config', 'load_sample', 'pipeline_throughput', 'sample_inputs',
    'synthetic_annotations', 'test_pipeline'
]
