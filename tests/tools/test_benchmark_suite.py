"""tools/benchmarks/suite.py: the plans are consistent job graphs and the runner keeps its rules."""
import functools
import re
import sys
from pathlib import Path

import pytest
from mmengine.config import Config

from tests.test_benchmark_configs import DOWNSTREAM_ONLY
from tests.utils import load_tool

ROOT = Path(__file__).resolve().parents[2]
suite = load_tool('benchmarks/suite.py')


PLANS = dict(zoo=suite.plan(), ucla_cpu=suite.ucla_cpu_plan(), sbu_cpu=suite.sbu_cpu_plan(),
             mamp_cpu=suite.mamp_cpu_plan())


@functools.lru_cache(maxsize=None)
def config(path):
    return Config.fromfile(str(ROOT / path))


def encoder(path):
    backbone = config(path).model.backbone
    return {k: v for k, v in backbone.items() if k not in DOWNSTREAM_ONLY}


def split(path):
    return config(path).train_dataloader.dataset.split


@pytest.mark.parametrize('jobs', PLANS.values(), ids=PLANS.keys())
def test_plan_is_a_graph_of_existing_configs(jobs):
    names = [j['name'] for j in jobs]
    assert len(set(names)) == len(names)
    seen = set()
    for job in jobs:
        assert set(job['needs']) <= seen, job['name']  # needs come earlier: no cycles
        seen.add(job['name'])
        assert (ROOT / job['cmd'][2]).is_file(), job['cmd'][2]


@pytest.mark.parametrize('jobs', PLANS.values(), ids=PLANS.keys())
def test_jobs_run_their_configs_unchanged(jobs):
    """A job's only run-time option is the pretraining checkpoint under the work root: it is
    the last checkpoint of a pretraining job it needs, whose encoder and split the job's config
    builds."""
    by_name = {j['name']: j for j in jobs}
    for job in jobs:
        cmd = job['cmd']
        options = cmd[cmd.index('--cfg-options') + 1:] if '--cfg-options' in cmd else []
        assert all(o.startswith('model.backbone.init_cfg.checkpoint=') for o in options), cmd
        ckpts = [o.split('=', 1)[1] for o in options]
        if '--pretrained' in cmd:
            ckpts.append(cmd[cmd.index('--pretrained') + 1])
        for ckpt in ckpts:
            pre, epoch = re.fullmatch(r'\{root\}/(.+)/epoch_(\d+)\.pth', ckpt).groups()
            assert pre in job['needs'], (job['name'], ckpt)
            pretrain = by_name[pre]['cmd'][2]
            assert config(pretrain).train_cfg.max_epochs == int(epoch), (job['name'], ckpt)
            assert encoder(cmd[2]) == encoder(pretrain), (job['name'], pretrain)
            # evaluated on the split it was pretrained on (its labelled subset, for semi)
            assert split(cmd[2]).startswith(split(pretrain)), (job['name'], pretrain)
        if not ckpts and 'tools/train.py' in cmd:  # no checkpoint: pretraining or a floor
            init = config(cmd[2]).model.get('backbone', {}).get('init_cfg')
            assert not (init and init.get('checkpoint')), job['name']


def test_ablation_linear_builds_the_pretrained_encoder():
    """Each ablation is evaluated by a config with its encoder: nothing is patched at run time."""
    variants = suite.ablations()
    assert {'default', 'pos-sine', 'no-global-token'} <= set(variants)
    cmds = {j['name']: j['cmd'] for j in suite.plan()}
    for variant, (pretrain, linear) in variants.items():
        cmd = cmds[f'ablation/{variant}/linear']
        assert linear in cmd
        assert not any(arg.startswith('model.backbone.') and 'init_cfg' not in arg for arg in cmd)
        encoder = Config.fromfile(str(ROOT / linear)).model.backbone
        pretrained = Config.fromfile(str(ROOT / pretrain)).model.backbone
        for key in ('global_token', 'pos_embed', 'temporal_mask', 'embed_dims'):
            assert encoder.get(key) == pretrained.get(key), (variant, key)


def test_select_takes_what_a_job_needs():
    picked = suite.select(suite.sbu_cpu_plan(), ['sbu/fold2/linear_mpdp'])
    assert [j['name'] for j in picked] == ['sbu/fold2/pretrain', 'sbu/fold2/linear_mpdp']


def job(name, code, needs=()):
    return dict(name=name, cmd=[sys.executable, '-c', code], needs=list(needs))


def test_runner_order_failures_reruns_and_deadline(tmp_path):
    jobs = [job('a', 'print("a")'), job('bad', 'raise SystemExit(3)'),
            job('after_a', 'print(1)', ['a']), job('after_bad', 'print(1)', ['bad'])]
    state = suite.run_jobs(jobs, tmp_path, at_once=2, poll_s=0.05)
    assert {n: s['status'] for n, s in state.items()} == {
        'a': 'done', 'bad': 'failed', 'after_a': 'done', 'after_bad': 'skipped'}
    assert state['bad']['exit'] == 3
    assert suite.finished(tmp_path / 'a.log') and not suite.finished(tmp_path / 'bad.log')
    # a rerun skips what succeeded and retries what failed
    state = suite.run_jobs(jobs, tmp_path, at_once=2, poll_s=0.05)
    assert state['a']['status'] == 'done-before' and state['bad']['status'] == 'failed'
    # jobs still running at the deadline are stopped; what they gate never starts
    slow = [job('slow', 'import time; time.sleep(60)'), job('later', 'print(1)', ['slow'])]
    state = suite.run_jobs(slow, tmp_path, at_once=1, deadline_s=1, poll_s=0.05)
    assert state['slow']['status'] == 'stopped' and state['slow']['wall_s'] < 30
    assert state['later']['status'] == 'not started'
    assert not suite.finished(tmp_path / 'slow.log')
