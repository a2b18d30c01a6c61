"""Run the measured protocols as a job graph: several runs at once on one GPU, in priority order.

    python tools/benchmarks/suite.py WORK_ROOT [--plan zoo|ucla-cpu|sbu-cpu|mamp-cpu] [--jobs 6]
        [--deadline-min 8.5] [--only PREFIX ...] [--smoke] [--dry-run]

Plan ``zoo`` (``plan()``, for a GPU) is the README's model zoo: NW-UCLA cross-view (MPDP
pretraining of the reference-sized encoder, then linear evaluation, kNN, fine-tuning,
semi-supervised 1% / 10%; the random-init floor; GL-Transformer, GL-Transformer + GCNHead and
STGCN from scratch), the NW-UCLA ablations (shortened D=32 schedule, each variant followed by
its linear evaluation) and SBU's five folds. Plans ``ucla-cpu`` and ``sbu-cpu`` are NW-UCLA
and SBU's five folds with the CPU-sized configs (run with ``--jobs 1`` on 2 cores);
``mamp-cpu`` is MAMP (motion-aware and random masking) on both at the same budget
(``mamp_cpu_plan()``).

Every job runs its own config (SBU's folds, the random-init floors and the learning-rate
variants have configs of their own); its one run-time option is where its pretraining
checkpoint lies under WORK_ROOT (``model.backbone.init_cfg.checkpoint``: the file the config
names under ``work_dirs/``). A job starts when the jobs it needs have finished successfully;
among ready jobs the earliest in the plan goes first. Each job writes ``WORK_ROOT/NAME.log``
(its output) and ``WORK_ROOT/NAME/`` (mmengine's work dir); a job whose log ends in success
is skipped on a rerun. ``suite.json`` records each job's command, exit status and wall time.
Jobs still running at the deadline are stopped and marked so; their dependants never start.
``--smoke`` shrinks every training job to two epochs of 48 samples (to check a plan end to
end on CPU in minutes); its numbers mean nothing. ``tools/benchmarks/summarize.py`` turns a
finished root into numbers.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
C = 'configs/mpdp'
B = f'{C}/benchmarks'
OK = '== suite: job succeeded'


def train(name, config, ckpt=None, needs=()):
    """A training job. ``ckpt``: the pretraining checkpoint the config's
    ``model.backbone.init_cfg`` loads, at its place under the work root (the one run-time
    option: the same file the config names under ``work_dirs/``)."""
    cmd = [sys.executable, 'tools/train.py', config, '--work-dir', '{root}/' + name]
    if ckpt:
        cmd += ['--cfg-options', f'model.backbone.init_cfg.checkpoint={ckpt}']
    return dict(name=name, cmd=cmd, needs=list(needs))


def knn(name, config, ckpt=None, needs=()):
    """kNN and logistic regression on the frozen features of ``ckpt`` (random init without)."""
    weights = ['--pretrained', ckpt] if ckpt else ['--random-init']
    cmd = [sys.executable, 'tools/analysis/knn_eval.py', config, *weights, '--logreg']
    return dict(name=name, cmd=cmd, needs=list(needs))


def random_init(config: str) -> str:
    """The ``_random-init`` config of an evaluation config: the floor of its protocol."""
    return config[:-len('.py')] + '_random-init.py'


def fold(config: str, k: int) -> str:
    """The fold-``k`` config of an SBU fold-1 config (``sbu-fold1`` -> ``sbu-foldK``)."""
    return config.replace('sbu-fold1', f'sbu-fold{k}')


def ablations() -> dict:
    """``{variant: (pretraining config, linear-evaluation config)}`` of the NW-UCLA ablations."""
    name = 'gl-transformer-d32_1xb32-30e_nw-ucla-xview'
    linear = f'{B}/linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py'
    out = {'default': (f'{C}/mpdp_{name}.py', linear)}
    for path in sorted((ROOT / C / 'ablations').glob(f'mpdp_{name}_*.py')):
        variant = path.stem.rsplit('_', 1)[-1]
        linear = (f'{B}/linear_gl-transformer-d32-sine_1xb64-15e_nw-ucla-xview.py'
                  if variant == 'pos-sine' else
                  f'{C}/ablations/linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview_{variant}.py')
        out[variant] = (str(path.relative_to(ROOT)), linear)
    return out


def plan():
    """The jobs, in priority order. ``{root}`` is replaced by the work root."""
    jobs = []
    # NW-UCLA cross-view, reference-sized encoder (D=48), 120 pretraining epochs at lr 5e-4
    pre = 'ucla/pretrain'
    ckpt = '{root}/' + pre + '/epoch_120.pth'
    lin = f'{B}/linear_gl-transformer_1xb1024-120e_nw-ucla-xview.py'
    jobs += [
        train(pre, f'{C}/mpdp_gl-transformer_1xb32-120e_nw-ucla-xview_lr5e-4.py'),
        train('ucla/linear_random', random_init(lin)),
        knn('ucla/knn_random', lin),
        train('ucla/scratch_gl', f'{B}/scratch_gl-transformer_1xb64-100e_nw-ucla-xview.py'),
        train('ucla/scratch_stgcn', f'{B}/scratch_stgcn_1xb64-100e_nw-ucla-xview.py'),
        train('ucla/scratch_gl_gcnhead',
              f'{B}/scratch_gl-transformer-gcnhead_1xb64-100e_nw-ucla-xview.py'),
        train('ucla/linear_mpdp', lin, ckpt, needs=[pre]),
        knn('ucla/knn_mpdp', lin, ckpt, needs=[pre]),
        train('ucla/finetune', f'{B}/finetune_gl-transformer_1xb64-100e_nw-ucla-xview.py', ckpt,
              needs=[pre]),
        train('ucla/semi10pct', f'{B}/semi10pct_gl-transformer_1xb64-100e_nw-ucla-xview.py',
              ckpt, needs=[pre]),
        train('ucla/semi1pct', f'{B}/semi1pct_gl-transformer_1xb64-100e_nw-ucla-xview.py',
              ckpt, needs=[pre]),
    ]
    # NW-UCLA ablations: the D=32 / 30-epoch CPU default and one change each, every variant
    # evaluated by its own linear config (same encoder as its pretraining config)
    for variant, (config, linear) in ablations().items():
        pre32 = f'ablation/{variant}/pretrain'
        jobs += [train(pre32, config),
                 train(f'ablation/{variant}/linear', linear, '{root}/' + pre32 + '/epoch_30.pth',
                       needs=[pre32])]
    # SBU, five folds: reference-sized encoder, 120 pretraining epochs at lr 5e-4
    jobs += sbu_jobs(dict(
        pretrain=f'{C}/mpdp_gl-transformer_1xb32-120e_sbu-fold1_lr5e-4.py',
        linear=f'{B}/linear_gl-transformer_1xb1024-120e_sbu-fold1.py',
        finetune=f'{B}/finetune_gl-transformer_1xb64-100e_sbu-fold1.py',
        scratch_gl=f'{B}/scratch_gl-transformer_1xb64-100e_sbu-fold1.py',
        scratch_stgcn=f'{B}/scratch_stgcn_1xb64-100e_sbu-fold1.py'), 120)
    return jobs


def sbu_jobs(configs: dict, epochs: int) -> list:
    """SBU's 5-fold protocol: per fold, MPDP pretraining, then linear evaluation, kNN and
    fine-tuning of the pretrained encoder; linear and kNN of a random-init encoder (the floor);
    GL-Transformer and STGCN from scratch. ``configs`` are fold-1 configs, each fold runs its
    own (``fold``); ``epochs`` is the pretraining length (its last checkpoint is evaluated)."""
    jobs = []
    for k in range(1, 6):
        pre = f'sbu/fold{k}/pretrain'
        ckpt = '{root}/' + pre + f'/epoch_{epochs}.pth'
        lin = fold(configs['linear'], k)
        jobs += [
            train(pre, fold(configs['pretrain'], k)),
            train(f'sbu/fold{k}/linear_mpdp', lin, ckpt, needs=[pre]),
            knn(f'sbu/fold{k}/knn_mpdp', lin, ckpt, needs=[pre]),
            train(f'sbu/fold{k}/finetune', fold(configs['finetune'], k), ckpt, needs=[pre]),
            train(f'sbu/fold{k}/linear_random', random_init(lin)),
            knn(f'sbu/fold{k}/knn_random', lin),
            train(f'sbu/fold{k}/scratch_gl', fold(configs['scratch_gl'], k)),
            train(f'sbu/fold{k}/scratch_stgcn', fold(configs['scratch_stgcn'], k)),
        ]
    return jobs


def ucla_cpu_plan() -> list:
    """NW-UCLA cross-view with the CPU-sized configs (D=32, 30 pretraining epochs): linear
    evaluation and kNN of the MPDP and random-init encoders, fine-tuning, semi-supervised
    1% / 10%, GL-Transformer and STGCN-c32 from scratch (the README's 2-CPU-core rows)."""
    ckpt = '{root}/pretrain/epoch_30.pth'
    lin = f'{B}/linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py'
    return [
        train('pretrain', f'{C}/mpdp_gl-transformer-d32_1xb32-30e_nw-ucla-xview.py'),
        train('linear_mpdp', lin, ckpt, needs=['pretrain']),
        knn('knn_mpdp', lin, ckpt, needs=['pretrain']),
        train('linear_random', random_init(lin)),
        knn('knn_random', lin),
        train('finetune', f'{B}/finetune_gl-transformer-d32_1xb32-15e_nw-ucla-xview.py', ckpt,
              needs=['pretrain']),
        train('semi1pct', f'{B}/semi1pct_gl-transformer-d32_1xb32-100e_nw-ucla-xview.py', ckpt,
              needs=['pretrain']),
        train('semi10pct', f'{B}/semi10pct_gl-transformer-d32_1xb32-100e_nw-ucla-xview.py', ckpt,
              needs=['pretrain']),
        train('scratch_gl', f'{B}/scratch_gl-transformer-d32_1xb32-15e_nw-ucla-xview.py'),
        train('scratch_stgcn', f'{B}/scratch_stgcn-c32_1xb32-15e_nw-ucla-xview.py'),
    ]


def sbu_cpu_plan() -> list:
    """SBU's 5-fold protocol with the CPU-sized configs (D=16, sine position table)."""
    return sbu_jobs(dict(
        pretrain=f'{C}/mpdp_gl-transformer-d16-sine_1xb32-30e_sbu-fold1.py',
        linear=f'{B}/linear_gl-transformer-d16-sine_1xb64-15e_sbu-fold1.py',
        finetune=f'{B}/finetune_gl-transformer-d16-sine_1xb32-15e_sbu-fold1.py',
        scratch_gl=f'{B}/scratch_gl-transformer-d16-sine_1xb32-15e_sbu-fold1.py',
        scratch_stgcn=f'{B}/scratch_stgcn-c32_1xb32-15e_sbu-fold1.py'), 30)


def method_jobs(prefix: str, configs: dict, epochs: int, floors: bool = True) -> list:
    """One pretraining method on one split: pretraining, then linear evaluation, kNN,
    fine-tuning (and semi-supervised 1% when ``configs`` has ``semi1pct``) of its encoder;
    with ``floors`` the same evaluations of the random-init encoder (fine-tuning from random
    init is training from scratch), by the ``_random-init`` configs."""
    pre = f'{prefix}/pretrain'
    ckpt = '{root}/' + pre + f'/epoch_{epochs}.pth'
    jobs = [train(pre, configs['pretrain']),
            train(f'{prefix}/linear', configs['linear'], ckpt, needs=[pre]),
            knn(f'{prefix}/knn', configs['linear'], ckpt, needs=[pre]),
            train(f'{prefix}/finetune', configs['finetune'], ckpt, needs=[pre])]
    if 'semi1pct' in configs:
        jobs.append(train(f'{prefix}/semi1pct', configs['semi1pct'], ckpt, needs=[pre]))
    if floors:
        base = prefix.rsplit('/', 1)[0] + '/random'
        jobs += [train(f'{base}/linear', random_init(configs['linear'])),
                 knn(f'{base}/knn', configs['linear']),
                 train(f'{base}/scratch', random_init(configs['finetune']))]
        if 'semi1pct' in configs:
            jobs.append(train(f'{base}/semi1pct_scratch', random_init(configs['semi1pct'])))
    return jobs


def mamp_cpu_plan() -> list:
    """MAMP (motion-aware and random masking) with the CPU-sized configs at the budget of the
    CPU-sized MPDP runs (same epochs and batch): NW-UCLA cross-view (linear, kNN, fine-tuning,
    semi-supervised 1%, random-init floors) and SBU's five folds (linear, kNN, fine-tuning,
    floors). Random masking is evaluated by the ``_random-masking`` evaluation configs."""
    M, MB = 'configs/mamp', 'configs/mamp/benchmarks'
    jobs = []
    for data, folds in (('nw-ucla-xview', [None]), ('sbu-fold1', [1, 2, 3, 4, 5])):
        for k in folds:
            root = 'ucla' if k is None else f'sbu/fold{k}'
            for variant, suffix, floors in (('', '', True), ('-random', '_random-masking', False)):
                configs = dict(
                    pretrain=f'{M}/mamp_mamp-transformer-small{variant}_1xb32-30e_{data}.py',
                    linear=f'{MB}/linear_mamp-transformer-small_1xb64-15e_{data}{suffix}.py',
                    finetune=f'{MB}/finetune_mamp-transformer-small_1xb32-15e_{data}{suffix}.py')
                if k is None:
                    configs['semi1pct'] = (f'{MB}/semi1pct_mamp-transformer-small_1xb32-100e_'
                                           f'{data}{suffix}.py')
                else:
                    configs = {key: fold(c, k) for key, c in configs.items()}
                jobs += method_jobs(f'{root}/mamp{variant}', configs, 30, floors=floors)
    return jobs


SMOKE_DATA = [f'{loader}.dataset.indices=48'
              for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader')]
SMOKE_TRAIN = ['train_cfg.max_epochs=2', 'train_cfg.val_begin=1', 'train_cfg.val_interval=1',
               'default_hooks.checkpoint.interval=1']


def smoke(job):
    """Two epochs of 48 samples for training jobs (checkpoints renamed to epoch_2)."""
    cmd = [re.sub(r'epoch_\d+\.pth', 'epoch_2.pth', c)
           for c in job['cmd'] if not c.startswith('default_hooks.checkpoint.interval')]
    if 'tools/train.py' in cmd:  # kNN keeps all samples (the first 48 are one class)
        if '--cfg-options' not in cmd:
            cmd.append('--cfg-options')
        cmd += SMOKE_DATA[:1 if job['name'].endswith('pretrain') else 3] + SMOKE_TRAIN
    return dict(job, cmd=cmd)


def finished(log: Path) -> bool:
    return log.is_file() and log.read_text(errors='replace').rstrip().endswith(OK)


def select(jobs: list, prefixes: list) -> list:
    """The jobs whose names start with one of ``prefixes``, and the jobs they need."""
    by_name = {j['name']: j for j in jobs}
    wanted, stack = set(), [j['name'] for j in jobs if any(j['name'].startswith(p) for p in prefixes)]
    while stack:
        name = stack.pop()
        if name not in wanted:
            wanted.add(name)
            stack += by_name[name]['needs']
    return [j for j in jobs if j['name'] in wanted]


def run_jobs(jobs: list, root: Path, at_once: int, deadline_s: float = float('inf'),
             poll_s: float = 1.) -> dict:
    """Run ``jobs`` (dicts with ``name``, ``cmd``, ``needs``) as described in the module
    docstring. Returns ``{name: dict(status, exit, wall_s, ...)}``; status is one of done,
    done-before, failed, stopped, skipped, not started."""
    start = time.time()
    state = {}  # name -> dict(status, ...)
    running = {}  # name -> (Popen, log file, start time)
    for job in jobs:
        if finished(root / f"{job['name']}.log"):
            state[job['name']] = dict(status='done-before')
    by_name = {j['name']: j for j in jobs}
    env = dict(os.environ, PYTHONUNBUFFERED='1')

    def report(name, status, t0, code=None):
        state[name] = dict(status=status, exit=code, wall_s=round(time.time() - t0, 1),
                           started_s=round(t0 - start, 1), cmd=' '.join(by_name[name]['cmd']))
        print(f'[{time.time() - start:7.1f}s] {status:8s} {name} ({state[name]["wall_s"]} s)',
              flush=True)

    while True:
        for name, (proc, log, t0) in list(running.items()):
            if proc.poll() is not None:
                log.write(f'\n{OK}\n' if proc.returncode == 0 else
                          f'\n== suite: job failed with exit {proc.returncode}\n')
                log.close()
                report(name, 'done' if proc.returncode == 0 else 'failed', t0, proc.returncode)
                del running[name]
        if time.time() - start > deadline_s:
            for name, (proc, log, t0) in running.items():
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                log.write('\n== suite: stopped at the deadline\n')
                log.close()
                report(name, 'stopped', t0)
            running.clear()
            break
        ok = {n for n, s in state.items() if s['status'] in ('done', 'done-before')}
        pending = [j for j in jobs if j['name'] not in state and j['name'] not in running]
        for job in pending:
            if any(n in state and n not in ok for n in job['needs']):
                state[job['name']] = dict(status='skipped', why='a job it needs did not succeed')
        pending = [j for j in pending if j['name'] not in state]
        if not pending and not running:
            break
        for job in pending:
            if len(running) >= at_once:
                break
            if all(n in ok for n in job['needs']):
                log_path = root / f"{job['name']}.log"
                log_path.parent.mkdir(parents=True, exist_ok=True)
                log = open(log_path, 'w')
                proc = subprocess.Popen(job['cmd'], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                        env=env, start_new_session=True)
                running[job['name']] = (proc, log, time.time())
                print(f'[{time.time() - start:7.1f}s] start    {job["name"]}', flush=True)
        time.sleep(poll_s)
    for job in jobs:
        state.setdefault(job['name'], dict(status='not started'))
    return state


# --plan NAME -> its jobs, from the parsed arguments
PLANS = {'zoo': lambda args: plan(), 'ucla-cpu': lambda args: ucla_cpu_plan(),
         'sbu-cpu': lambda args: sbu_cpu_plan(), 'mamp-cpu': lambda args: mamp_cpu_plan()}


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('work_root')
    parser.add_argument('--jobs', type=int, default=6, help='runs at once')
    parser.add_argument('--deadline-min', type=float, default=None,
                        help='stop running jobs after this many minutes')
    parser.add_argument('--only', nargs='+', default=None,
                        help='job-name prefixes to run (with what they need)')
    parser.add_argument('--plan', choices=list(PLANS), default='zoo',
                        help="'zoo': the GPU-sized model zoo; 'ucla-cpu' / 'sbu-cpu': NW-UCLA / "
                        "SBU sized for 2 CPU cores; 'mamp-cpu': MAMP on both, same budget")
    parser.add_argument('--smoke', action='store_true')
    parser.add_argument('--dry-run', action='store_true')
    args = parser.parse_args()

    root = Path(args.work_root)
    jobs = PLANS[args.plan](args)
    if args.smoke:
        jobs = [smoke(j) for j in jobs]
    if args.only:
        jobs = select(jobs, args.only)
    for job in jobs:
        job['cmd'] = [c.replace('{root}', str(root)) for c in job['cmd']]
    if args.dry_run:
        for job in jobs:
            print(job['name'], '<-', job['needs'], '\n   ', ' '.join(job['cmd']))
        return
    start = time.time()
    deadline_s = 60 * args.deadline_min if args.deadline_min else float('inf')
    state = run_jobs(jobs, root, args.jobs, deadline_s)
    summary = dict(total_s=round(time.time() - start, 1), jobs=args.jobs, jobs_state=state)
    (root / 'suite.json').write_text(json.dumps(summary, indent=1))
    counts = {}
    for s in state.values():
        counts[s['status']] = counts.get(s['status'], 0) + 1
    print('suite:', counts, f'in {summary["total_s"]} s')


if __name__ == '__main__':
    main()
