# mmaction's runtime with mmgl loaded: every mmgl config inherits this.
default_scope = 'mmaction'
custom_imports = dict(imports=['mmgl'], allow_failed_imports=False)

default_hooks = dict(
    runtime_info=dict(type='RuntimeInfoHook'),
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=20, ignore_last=False),
    param_scheduler=dict(type='ParamSchedulerHook'),
    # crash-safe: temp file + rename, old checkpoints removed only after (mmgl.engine)
    checkpoint=dict(type='AtomicCheckpointHook', interval=1, max_keep_ckpts=3),
    sampler_seed=dict(type='DistSamplerSeedHook'),
    sync_buffers=dict(type='SyncBuffersHook'))
# numpy / random / torch random state saved in every checkpoint and restored by --resume,
# and dataloader-worker seeds that change every epoch and survive a resume
# (mmgl.engine.RandomStateHook; docs/reliability.md); a non-finite loss stops the run with
# the iteration and the batch's samples before anything is saved (mmgl.engine.FiniteLossHook);
# freed memory stays in the process heap, so CPU steps reuse it instead of faulting in fresh
# pages (mmgl.engine.HeapHook; the same numbers; docs/benchmarks.md)
custom_hooks = [dict(type='RandomStateHook'), dict(type='FiniteLossHook'), dict(type='HeapHook')]

env_cfg = dict(
    cudnn_benchmark=False,
    mp_cfg=dict(mp_start_method='fork', opencv_num_threads=0),
    # mmgl.compat falls back to gloo where there is no CUDA
    dist_cfg=dict(backend='nccl'))

log_processor = dict(type='LogProcessor', window_size=20, by_epoch=True)

# local scalars always; TensorBoard too once `pip install tensorboard` (silent without it;
# docs/visualization.md: how to view it, or how to require it)
vis_backends = [dict(type='LocalVisBackend'), dict(type='OptionalTensorboardVisBackend')]
visualizer = dict(type='ActionVisualizer', vis_backends=vis_backends)

log_level = 'INFO'
load_from = None
resume = False
