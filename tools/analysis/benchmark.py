"""Time the MPDP pretraining step (forward + loss + backward + optimizer) of any MPDP config.

Random input of the config's shape (batch, ``max_frames``, joints, persons) with valid
lengths uniform in ``[--min-len, --max-len]``; the optimizer from the config's
``optim_wrapper``. Also times the config's training data pipeline (samples/s in one
process). Each measured variant runs in its own process so that peak memory is its own.

    python tools/analysis/benchmark.py configs/mpdp/mpdp_gl-transformer_1xb128-120e_ntu60-xsub.py \
        --batch-size 4 --iters 5 --warmup 1 --reference-math

The last line printed is a JSON object (``samples_per_s``, ``ms_per_iter_median``,
``peak_mem_gib``, ``device``, ...; with ``--reference-math`` also the reference-math
figures and the speed-up).

``--compare-amp STEPS`` times nothing: it trains STEPS steps in fp32 and again in bf16 from
the same initialisation on the same random batches and reports both losses (the bf16
numerics check: mean loss of the last 10 steps within 1e-2 relative of fp32).
"""
import argparse
import json
import multiprocessing as mp
import resource
import statistics
import sys
import time


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config')
    parser.add_argument('--batch-size', type=int, default=None,
                        help='default: the config train_dataloader batch size')
    parser.add_argument('--iters', type=int, default=10)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--device', choices=['cpu', 'cuda'], default='cpu')
    parser.add_argument('--amp', action='store_true',
                        help='bf16 autocast (AmpOptimWrapper on CUDA, torch.autocast on CPU)')
    parser.add_argument('--min-len', type=int, default=40)
    parser.add_argument('--max-len', type=int, default=300)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--reference-math', action='store_true',
                        help='also time the straightforward parity path, side by side')
    parser.add_argument('--compare-amp', type=int, default=0, metavar='STEPS',
                        help='instead of timing: train STEPS steps in fp32 and in bf16 from the '
                        'same initialisation on the same batches and compare the losses')
    parser.add_argument('--data-samples', type=int, default=200,
                        help='samples for the data-pipeline timing (0 skips it)')
    return parser.parse_args(argv)


def _build(args, reference_math):
    import torch
    from mmengine.optim import build_optim_wrapper

    from mmaction.registry import MODELS
    from mmgl.apis import load_config
    cfg = load_config(args.config)
    cfg.model.backbone.reference_math = reference_math
    torch.manual_seed(args.seed)
    model = MODELS.build(cfg.model).to(args.device)
    model.train()
    optim_cfg = cfg.optim_wrapper.copy()
    if args.amp and args.device == 'cuda':
        optim_cfg.update(type='AmpOptimWrapper', dtype='bfloat16')
    if args.device == 'cpu' and optim_cfg.get('optimizer', {}).get('fused'):
        optim_cfg.optimizer.fused = True
    return cfg, model, build_optim_wrapper(model, optim_cfg)


def _random_batch(rng, backbone, batch_size: int, args):
    """Random input of the backbone's shape: ``x (B, 1, M, T, V, C)`` drawn from N(0, 0.1^2),
    data samples with valid lengths uniform in ``[min_len, max_len]`` (capped at T), and the
    number of valid frames."""
    import torch

    from mmaction.structures import ActionDataSample
    T = backbone.max_frames
    lengths = rng.integers(min(args.min_len, T), min(args.max_len, T) + 1, size=batch_size)
    shape = (batch_size, 1, backbone.num_person, T, backbone.num_joints, backbone.in_channels)
    x = torch.as_tensor(rng.standard_normal(shape), dtype=torch.float32,
                        device=args.device) * 0.1
    samples = []
    for length in lengths:
        sample = ActionDataSample()
        sample.set_field(int(length), 'valid_len')
        samples.append(sample)
    return x, samples, int(lengths.sum())


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


def time_step(args, reference_math, queue):
    """Child process: build, warm up, time ``args.iters`` steps; report figures."""
    import numpy as np
    import torch

    cfg, model, optim_wrapper = _build(args, reference_math)
    cuda = args.device == 'cuda'
    B = args.batch_size or cfg.train_dataloader.batch_size
    T = model.backbone.max_frames
    rng = np.random.default_rng(args.seed)
    times, frames = [], 0
    for i in range(args.warmup + args.iters):
        x, samples, valid = _random_batch(rng, model.backbone, B, args)
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
    median = statistics.median(times)
    queue.put(dict(ms_per_iter_median=round(median * 1e3, 1),
                   ms_per_iter_min=round(min(times) * 1e3, 1),
                   samples_per_s=round(B / median, 2), batch_size=B, frames=T,
                   valid_frame_fraction=round(frames / (len(times) * B * T), 3),
                   peak_mem_gib=round(peak, 2), threads=torch.get_num_threads()))


def compare_amp(args, queue):
    """Child process: ``args.compare_amp`` steps in fp32, then in bf16, same init and data."""
    import copy

    import numpy as np
    import torch

    losses = {}
    for amp in (False, True):
        run_args = copy.copy(args)
        run_args.amp = amp
        cfg, model, optim_wrapper = _build(run_args, False)  # seeds the initialisation
        B = args.batch_size or cfg.train_dataloader.batch_size
        rng = np.random.default_rng(args.seed)
        torch.manual_seed(args.seed)  # the same dropout draws in both runs
        history = []
        for _ in range(args.compare_amp):
            x, samples, _ = _random_batch(rng, model.backbone, B, run_args)
            history.append(_train_step(model, optim_wrapper, run_args, x, samples).item())
        losses['bf16' if amp else 'fp32'] = history
    last = {k: float(np.mean(v[-10:])) for k, v in losses.items()}
    relative = abs(last['bf16'] - last['fp32']) / last['fp32']
    queue.put(dict(steps=args.compare_amp, batch_size=B,
                   first_loss_fp32=round(losses['fp32'][0], 5),
                   first_loss_bf16=round(losses['bf16'][0], 5),
                   last10_loss_fp32=round(last['fp32'], 5), last10_loss_bf16=round(last['bf16'], 5),
                   relative_difference=float(f'{relative:.3g}')))


def time_pipeline(args, queue):
    """Child process: the config's training pipeline on synthetic skeletons, one process."""
    import numpy as np

    from mmgl.apis import innermost_dataset, load_config, pipeline_throughput
    from mmgl.apis import synthetic_annotations
    from mmgl.datasets.layouts import get_layout
    cfg = load_config(args.config)
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
    proc.join()
    if proc.exitcode != 0:
        sys.exit(f'{target.__name__} failed (exit {proc.exitcode})')
    return queue.get()


def main(argv=None):
    args = parse_args(argv)
    device = args.device
    if device == 'cuda':
        import torch
        device = f'cuda ({torch.cuda.get_device_name(0)})'
    results = dict(config=args.config, device=device, amp=args.amp,
                   lengths=[args.min_len, args.max_len])
    if args.compare_amp:
        results.update(run_child(compare_amp, args))
        print(f'{args.config}: {args.compare_amp} steps from one initialisation on the same '
              f'batches, {device}: mean loss of the last 10 steps fp32 '
              f'{results["last10_loss_fp32"]:.5f}, bf16 {results["last10_loss_bf16"]:.5f} '
              f'(relative difference {results["relative_difference"]:.2e})')
        print(json.dumps(results))
        return
    fast = run_child(time_step, args, False)
    rows = [('fast (default)', fast)]
    if args.reference_math:
        ref = run_child(time_step, args, True)
        rows.append(('reference math', ref))
    print(f'{args.config}: batch {fast["batch_size"]}, T={fast["frames"]}, valid lengths '
          f'U[{args.min_len}, {args.max_len}] ({fast["valid_frame_fraction"]:.0%} of frames), '
          f'{device}{", bf16" if args.amp else ""}, {fast["threads"]} threads')
    print(f'{"path":<16}{"ms/iter (median)":>18}{"samples/s":>12}{"peak GiB":>10}')
    for name, r in rows:
        print(f'{name:<16}{r["ms_per_iter_median"]:>18.1f}{r["samples_per_s"]:>12.2f}'
              f'{r["peak_mem_gib"]:>10.2f}')
    results.update(fast)
    if args.reference_math:
        results['reference_math'] = ref
        results['speedup_vs_reference_math'] = round(
            ref['ms_per_iter_median'] / fast['ms_per_iter_median'], 2)
        print(f'speed-up: {results["speedup_vs_reference_math"]:.2f}x')
    if args.data_samples:
        data = run_child(time_pipeline, args)
        print(f'data pipeline: {data["samples_per_s_per_worker"]} samples/s per worker')
        results.update(data)
    print(json.dumps(results))


if __name__ == '__main__':
    main()
