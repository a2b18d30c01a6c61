"""Time the pretraining step (forward + loss + backward + optimizer) of MPDP and MAMP configs.

Random input of each config's shape; the optimizer from the config's ``optim_wrapper``; data
loading excluded. Every measured variant runs in its own process, so that peak memory is its
own; with ``--repeats R`` the variants' processes run R times, interleaved (A, B, A, B, ...),
and the figures are medians over every timed step: on a shared machine only ratios of
variants measured side by side in one run mean anything.

MPDP (``GLTransformer``) input: ``(B, 1, M, max_frames, V, C)`` with valid lengths from
``--lengths`` over ``[--min-len, --max-len]`` (capped at ``max_frames``), the same lengths for
every variant compared:

- ``mean``: every sample at the mean of U[min, max] (rounded), every step (the default);
- ``quantiles``: the batch at evenly spaced quantiles of U[min, max], ``(i + 0.5) / B``,
  every step (mixed lengths, valid fraction equal to the expectation);
- ``random``: lengths drawn uniformly for every step (seeded).

MAMP (``MAMPTransformer``) input: ``(B, 1, M, num_frames, V, C)``, every frame valid (its
pipeline resizes clips to ``num_frames``); its encoder sees the unmasked patches only.

    python tools/analysis/benchmark.py configs/mpdp/mpdp_gl-transformer_1xb128-120e_ntu60-xsub.py \\
        --batch-size 4 --iters 5 --warmup 1 --lengths mean --reference-math --repeats 3
    python tools/analysis/benchmark.py configs/mpdp/mpdp_gl-transformer_1xb128-120e_ntu60-xsub.py \\
        configs/mamp/mamp_mamp-transformer_4xb32-400e_ntu60-xsub.py --batch-size 4

Several configs are timed side by side in one invocation. The last line printed is a JSON
object: the first config's default path at the top level (``samples_per_s``,
``ms_per_iter_median``, ``peak_mem_gib``, ``device``, ...), every variant under ``rows``;
with ``--reference-math`` also the first config's reference-math figures and the speed-up.

Each process keeps freed memory in its heap (``--heap keep``, as training's ``HeapHook``):
without it, glibc returns large blocks to the kernel and every CPU step faults in fresh
pages. ``--heap both`` times every path under both heaps, side by side. The default path's
CPU fp32 products run in oneDNN (``--cpu-gemm onednn``, GLTransformer's ``cpu_gemm``);
``--cpu-gemm both`` adds it with torch's own GEMM.

``--profile ROWS`` times nothing: it profiles one step of every variant (torch.profiler) and
prints the most expensive operators, where the step's time goes.

``--compare-amp STEPS`` times nothing: it trains STEPS steps of the first config in fp32 and
again in bf16 from the same initialisation on the same random batches and reports both losses
(the bf16 numerics check: mean loss of the last 10 steps within 1e-2 relative of fp32).
"""
import argparse
import json
import multiprocessing as mp
import queue as queue_module
import resource
import statistics
import sys
import time

LENGTHS = ('mean', 'quantiles', 'random')
HEAPS = ('keep', 'system', 'both')
CPU_GEMMS = ('onednn', 'torch', 'both')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config', nargs='+', help='MPDP or MAMP pretraining configs')
    parser.add_argument('--batch-size', type=int, default=None,
                        help='default: the config train_dataloader batch size')
    parser.add_argument('--iters', type=int, default=10, help='timed steps per process')
    parser.add_argument('--warmup', type=int, default=2, help='untimed steps per process')
    parser.add_argument('--repeats', type=int, default=1,
                        help='processes per variant, interleaved across variants')
    parser.add_argument('--device', choices=['cpu', 'cuda'], default='cpu')
    parser.add_argument('--threads', type=int, default=None,
                        help='torch threads per process (default: torch\'s own choice); on a '
                        'shared machine 1 avoids threads spinning against other jobs')
    parser.add_argument('--amp', action='store_true',
                        help='bf16 autocast (AmpOptimWrapper on CUDA, torch.autocast on CPU)')
    parser.add_argument('--tf32', action='store_true',
                        help='CUDA: TF32 matrix products and convolutions')
    parser.add_argument('--compile', action='store_true',
                        help='also time the default path with the backbone compiled '
                        '(torch.compile, see mmgl.models.utils.compile_backbone)')
    parser.add_argument('--compile-backend', default='inductor',
                        help='torch.compile backend of --compile (eager: tracing only)')
    parser.add_argument('--lengths', choices=LENGTHS, default='mean',
                        help='valid lengths of MPDP inputs (see above); default: mean')
    parser.add_argument('--min-len', type=int, default=40)
    parser.add_argument('--max-len', type=int, default=300)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--reference-math', action='store_true',
                        help='also time the straightforward parity path (GLTransformer '
                        'configs), side by side')
    parser.add_argument('--compare-amp', type=int, default=0, metavar='STEPS',
                        help='instead of timing: train STEPS steps in fp32 and in bf16 from the '
                        'same initialisation on the same batches and compare the losses')
    parser.add_argument('--profile', type=int, default=0, metavar='ROWS',
                        help='instead of timing: profile one step of each variant (after the '
                        'warm-up) with torch.profiler and print its ROWS most expensive '
                        'operators by own time, grouped by input shape')
    parser.add_argument('--heap', choices=HEAPS, default='keep',
                        help="each process's heap: 'keep' freed memory (what training's "
                        "HeapHook does; mmgl.engine.keep_freed_memory), the C library's "
                        "'system' default, or 'both' side by side; default: keep")
    parser.add_argument('--cpu-gemm', choices=CPU_GEMMS, default='onednn',
                        help="the default path's CPU fp32 products (GLTransformer cpu_gemm): "
                        "'onednn', torch's own ('torch'), or 'both' side by side; "
                        'default: onednn')
    parser.add_argument('--data-samples', type=int, default=200,
                        help='samples for the first config\'s data-pipeline timing (0 skips it)')
    args = parser.parse_args(argv)
    if args.min_len < 1 or args.max_len < args.min_len:
        parser.error(f'need 1 <= --min-len <= --max-len, got {args.min_len}, {args.max_len}')
    if min(args.iters, args.repeats) < 1 or args.warmup < 0:
        parser.error('--iters and --repeats must be >= 1, --warmup >= 0')
    return args


def is_mamp(cfg) -> bool:
    """Whether a config's model is MAMP (a patch encoder, every frame valid)."""
    return cfg.model.type == 'MAMP'


def draw_lengths(rng, mode: str, batch_size: int, low: int, high: int):
    """Valid lengths of one batch, ``(B,)`` ints in ``[low, high]``.

    Args:
        rng (numpy.random.Generator): Used by ``'random'`` only.
        mode (str): ``'mean'``, ``'quantiles'`` or ``'random'`` (module docstring).
        batch_size (int): B.
        low (int): Shortest length.
        high (int): Longest length.
    """
    import numpy as np
    if mode == 'random':
        return rng.integers(low, high + 1, size=batch_size)
    if mode == 'mean':
        return np.full(batch_size, int(np.rint((low + high) / 2)))
    if mode == 'quantiles':
        return np.rint(low + (high - low) * (np.arange(batch_size) + 0.5) / batch_size
                       ).astype(int)
    raise ValueError(f'lengths must be one of {LENGTHS}, got {mode!r}')


def _build(args, config, reference_math=False, compiled=False, heap='keep',
           cpu_gemm='onednn'):
    import torch
    from mmengine.optim import build_optim_wrapper

    from mmaction.registry import MODELS
    from mmgl.apis import load_config
    from mmgl.engine import keep_freed_memory
    if heap == 'keep':
        keep_freed_memory()
    cfg = load_config(config)
    if not is_mamp(cfg):
        cfg.model.backbone.update(reference_math=reference_math, cpu_gemm=cpu_gemm)
    if args.device == 'cuda':
        torch.backends.cuda.matmul.allow_tf32 = args.tf32
        torch.backends.cudnn.allow_tf32 = args.tf32
    torch.manual_seed(args.seed)
    model = MODELS.build(cfg.model).to(args.device)
    model.train()
    if compiled:
        from mmgl.models.utils import compile_backbone
        compile_backbone(model.backbone, dict(dynamic=True, backend=args.compile_backend))
    optim_cfg = cfg.optim_wrapper.copy()
    if args.amp and args.device == 'cuda':
        optim_cfg.update(type='AmpOptimWrapper', dtype='bfloat16')
    return cfg, model, build_optim_wrapper(model, optim_cfg)


def _random_batch(rng, model, batch_size: int, args):
    """Random input of the model's shape, ``x (B, 1, M, T, V, C)`` from N(0, 0.1^2), its data
    samples (MPDP: valid lengths by ``args.lengths``) and the number of valid frames."""
    import torch

    from mmaction.structures import ActionDataSample
    backbone = model.backbone
    mamp = type(model).__name__ == 'MAMP'
    T = backbone.num_frames if mamp else backbone.max_frames
    if mamp:
        lengths = [T] * batch_size
    else:
        lengths = draw_lengths(rng, args.lengths, batch_size, min(args.min_len, T),
                               min(args.max_len, T))
    shape = (batch_size, 1, backbone.num_person, T, backbone.num_joints, backbone.in_channels)
    x = torch.as_tensor(rng.standard_normal(shape), dtype=torch.float32,
                        device=args.device) * 0.1
    samples = []
    for length in lengths:
        sample = ActionDataSample()
        sample.set_field(int(length), 'valid_len')
        samples.append(sample)
    return x, samples, int(sum(lengths))


def _train_step(model, optim_wrapper, args, x, samples):
    """One pretraining step; returns the loss. mmengine's AmpOptimWrapper is CUDA-only, so
    on CPU ``args.amp`` autocasts the forward to bf16 here."""
    import torch
    cpu_amp = args.amp and args.device == 'cpu'
    with optim_wrapper.optim_context(model), torch.autocast('cpu', dtype=torch.bfloat16,
                                                             enabled=cpu_amp):
        loss, _ = model.parse_losses(model.loss(x, samples))
    optim_wrapper.update_params(loss)
    return loss


def _child(args, variant):
    """In a child process: the thread count set, then ``(cfg, model, optim_wrapper, B, rng)``
    for ``variant`` (B: the batch size; rng: the seeded generator of the random batches)."""
    import numpy as np
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    cfg, model, optim_wrapper = _build(args, variant['config'], variant['reference_math'],
                                       variant['compile'], variant['heap'],
                                       variant['cpu_gemm'])
    B = args.batch_size or cfg.train_dataloader.batch_size
    return cfg, model, optim_wrapper, B, np.random.default_rng(args.seed)


def time_step(args, variant, queue):
    """Child process: build, warm up, time ``args.iters`` steps; report figures."""
    import torch

    cfg, model, optim_wrapper, B, rng = _child(args, variant)
    cuda = args.device == 'cuda'
    times, frames, T = [], 0, None
    for i in range(args.warmup + args.iters):
        x, samples, valid = _random_batch(rng, model, B, args)
        T = x.shape[3]
        if cuda:
            torch.cuda.synchronize()
            if i == args.warmup:
                torch.cuda.reset_peak_memory_stats()
        start = time.perf_counter()
        _train_step(model, optim_wrapper, args, x, samples)
        if cuda:
            torch.cuda.synchronize()
        if i >= args.warmup:
            times.append(time.perf_counter() - start)
            frames += valid
    if cuda:
        peak = torch.cuda.max_memory_allocated() / 2**30
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB
    queue.put(dict(times=times, batch_size=B, frames=T, model=cfg.model.type,
                   valid_frame_fraction=frames / (len(times) * B * T), peak_mem_gib=peak,
                   threads=torch.get_num_threads()))


def summarize(name, variant, runs):
    """One row from the runs of a variant: medians over every timed step of every run."""
    times = [t for run in runs for t in run['times']]
    median = statistics.median(times)
    first = runs[0]
    return dict(name=name, config=variant['config'], model=first['model'],
                reference_math=variant['reference_math'], compile=variant['compile'],
                heap=variant['heap'], cpu_gemm=variant['cpu_gemm'],
                ms_per_iter_median=round(median * 1e3, 1),
                ms_per_iter_min=round(min(times) * 1e3, 1),
                ms_per_iter_run_medians=[round(statistics.median(r['times']) * 1e3, 1)
                                         for r in runs],
                samples_per_s=round(first['batch_size'] / median, 2),
                batch_size=first['batch_size'], frames=first['frames'],
                valid_frame_fraction=round(first['valid_frame_fraction'], 3),
                peak_mem_gib=round(max(r['peak_mem_gib'] for r in runs), 2),
                threads=first['threads'], timed_steps=len(times))


def profile_step(args, variant, queue):
    """Child process: warm up, then profile one step; report the operator table."""
    import torch
    from torch.profiler import ProfilerActivity, profile

    _, model, optim_wrapper, B, rng = _child(args, variant)
    for _ in range(args.warmup):
        _train_step(model, optim_wrapper, args, *_random_batch(rng, model, B, args)[:2])
    x, samples, _ = _random_batch(rng, model, B, args)
    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if args.device == 'cuda'
                                           else [])
    with profile(activities=activities, record_shapes=True) as prof:
        _train_step(model, optim_wrapper, args, x, samples)
        if args.device == 'cuda':
            torch.cuda.synchronize()
    sort = 'self_cuda_time_total' if args.device == 'cuda' else 'self_cpu_time_total'
    table = prof.key_averages(group_by_input_shape=True).table(sort_by=sort,
                                                                row_limit=args.profile)
    queue.put(dict(table=table, threads=torch.get_num_threads(), batch_size=B))


def compare_amp(args, queue):
    """Child process: ``args.compare_amp`` steps in fp32, then in bf16, same init and data."""
    import copy

    import numpy as np
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    losses = {}
    for amp in (False, True):
        run_args = copy.copy(args)
        run_args.amp = amp
        cfg, model, optim_wrapper = _build(run_args, args.config[0])  # seeds the init
        B = args.batch_size or cfg.train_dataloader.batch_size
        rng = np.random.default_rng(args.seed)
        torch.manual_seed(args.seed)  # the same dropout draws in both runs
        history = []
        for _ in range(args.compare_amp):
            x, samples, _ = _random_batch(rng, model, B, run_args)
            history.append(_train_step(model, optim_wrapper, run_args, x, samples).item())
        losses['bf16' if amp else 'fp32'] = history
    last = {k: float(np.mean(v[-10:])) for k, v in losses.items()}
    relative = abs(last['bf16'] - last['fp32']) / last['fp32']
    queue.put(dict(steps=args.compare_amp, batch_size=B,
                   first_loss_fp32=round(losses['fp32'][0], 5),
                   first_loss_bf16=round(losses['bf16'][0], 5),
                   last10_loss_fp32=round(last['fp32'], 5), last10_loss_bf16=round(last['bf16'], 5),
                   relative_difference=float(f'{relative:.3g}'),
                   losses_fp32=[round(v, 5) for v in losses['fp32']],
                   losses_bf16=[round(v, 5) for v in losses['bf16']]))


def time_pipeline(args, queue):
    """Child process: the first config's training pipeline on synthetic skeletons."""
    import numpy as np

    from mmgl.apis import innermost_dataset, load_config, pipeline_throughput
    from mmgl.apis import synthetic_annotations
    from mmgl.datasets.layouts import get_layout
    cfg = load_config(args.config[0])
    dataset = innermost_dataset(cfg.train_dataloader.dataset)
    backbone = cfg.model.backbone
    rng = np.random.default_rng(args.seed)
    lengths = rng.integers(args.min_len, args.max_len + 1, args.data_samples)
    persons = rng.integers(1, backbone.num_person + 1, args.data_samples)
    layout = dataset.get('layout', backbone.layout)
    annotations = synthetic_annotations(lengths, persons, get_layout(layout).num_joints,
                                        seed=args.seed)
    rate = pipeline_throughput(list(dataset.pipeline), annotations, layout)
    queue.put(dict(samples_per_s_per_worker=round(rate)))


def run_child(target, *args):
    ctx = mp.get_context('spawn')
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = None
    while result is None:  # read before join: a large result blocks the child until read
        try:
            result = queue.get(timeout=1)
        except queue_module.Empty:
            if not proc.is_alive():
                break
    proc.join()
    if proc.exitcode != 0 or result is None:
        sys.exit(f'{target.__name__} failed (exit {proc.exitcode})')
    return result


def variants(args):
    """``(name, variant)`` pairs: each config's default path, then its parity / compiled
    variants (GLTransformer only for the parity path), each under every heap of ``--heap``;
    the GLTransformer default path also under every product choice of ``--cpu-gemm``."""
    from mmgl.apis import load_config
    heaps = ('keep', 'system') if args.heap == 'both' else (args.heap, )
    gemms = ('onednn', 'torch') if args.cpu_gemm == 'both' else (args.cpu_gemm, )
    out = []
    for config in args.config:
        mamp = is_mamp(load_config(config))
        tag = f'{"MAMP" if mamp else "MPDP"} ' if len(args.config) > 1 else ''
        paths = [('default', False, False, ('torch', ) if mamp else gemms)]
        if args.compile:  # compiled code leaves the products to the compiler
            paths.append(('compiled', False, True, ('torch', )))
        if args.reference_math and not mamp:  # the padded path: torch's products
            paths.append(('reference math', True, False, ('torch', )))
        for name, reference_math, compiled, path_gemms in paths:
            for gemm in path_gemms:
                for heap in heaps:
                    suffix = f', {gemm} GEMM' if len(path_gemms) > 1 else ''
                    suffix += f', {heap} heap' if len(heaps) > 1 else ''
                    out.append((f'{tag}{name}{suffix}', dict(
                        config=config, reference_math=reference_math, compile=compiled,
                        heap=heap, cpu_gemm=gemm)))
    return out


def main(argv=None):
    args = parse_args(argv)
    device = args.device
    if device == 'cuda':
        import torch
        device = f'cuda ({torch.cuda.get_device_name(0)})'
    precision = 'bf16' if args.amp else ('tf32' if args.tf32 and args.device == 'cuda'
                                         else 'fp32')
    results = dict(config=args.config[0], configs=args.config, device=device, amp=args.amp,
                   precision=precision, lengths=args.lengths,
                   length_range=[args.min_len, args.max_len])
    if args.compare_amp:
        results.update(run_child(compare_amp, args))
        print(f'{args.config[0]}: {args.compare_amp} steps from one initialisation on the same '
              f'batches, {device}: mean loss of the last 10 steps fp32 '
              f'{results["last10_loss_fp32"]:.5f}, bf16 {results["last10_loss_bf16"]:.5f} '
              f'(relative difference {results["relative_difference"]:.2e})')
        print(json.dumps(results))
        return
    todo = variants(args)
    if args.profile:
        for name, variant in todo:
            result = run_child(profile_step, args, variant)
            print(f'== {name} ({variant["config"]}): one step, batch {result["batch_size"]}, '
                  f'{device}, {precision}, {result["threads"]} threads, {args.lengths} '
                  f'lengths of U[{args.min_len}, {args.max_len}]')
            print(result['table'])
        return
    runs = {name: [] for name, _ in todo}
    for _ in range(args.repeats):
        for name, variant in todo:  # interleaved: A, B, A, B, ...
            runs[name].append(run_child(time_step, args, variant))
    rows = [summarize(name, variant, runs[name]) for name, variant in todo]
    first = rows[0]
    print(f'batch {first["batch_size"]}, {device}, {precision}, {first["threads"]} threads, '
          f'{args.repeats} x {args.iters} timed steps per variant (after {args.warmup} '
          f'warm-up steps per process); MPDP valid lengths: {args.lengths} of '
          f'U[{args.min_len}, {args.max_len}]')
    print(f'{"path":<40}{"model":>6}{"T":>5}{"valid":>7}{"ms/step (median)":>18}'
          f'{"samples/s":>11}{"peak GiB":>10}  config')
    for r in rows:
        print(f'{r["name"]:<40}{r["model"]:>6}{r["frames"]:>5}{r["valid_frame_fraction"]:>7.0%}'
              f'{r["ms_per_iter_median"]:>18.1f}{r["samples_per_s"]:>11.2f}'
              f'{r["peak_mem_gib"]:>10.2f}  {r["config"]}')
    results.update({k: v for k, v in first.items() if k != 'name'})
    results['rows'] = rows
    refs = [r for r in rows if r['config'] == first['config'] and r['reference_math']]
    if refs:
        # the first reference-math row (the same heap as ``first``), and with --heap both
        # every row by name
        speedups = {r['name']: round(r['ms_per_iter_median'] / first['ms_per_iter_median'], 2)
                    for r in refs}
        results['reference_math'] = refs[0]
        results['speedup_vs_reference_math'] = speedups[refs[0]['name']]
        if len(refs) > 1:
            results['speedups_vs_reference_math'] = speedups
        for name, speedup in speedups.items():
            print(f'{first["name"]} vs {name}: {speedup:.2f}x')
    compiled = next((r for r in rows if r['config'] == first['config'] and r['compile']), None)
    if compiled is not None:
        results['speedup_compiled'] = round(
            first['ms_per_iter_median'] / compiled['ms_per_iter_median'], 2)
        print(f'compiled vs default: {results["speedup_compiled"]:.2f}x')
    if args.data_samples:
        data = run_child(time_pipeline, args)
        print(f'data pipeline ({args.config[0]}): {data["samples_per_s_per_worker"]} '
              'samples/s per worker')
        results.update(data)
    print(json.dumps(results))


if __name__ == '__main__':
    main()
