"""``tools/dist_train.sh`` / ``dist_test.sh`` with 2 CPU processes (torchrun, gloo) against
the single-process run, for MPDP pretraining and for linear evaluation.

What must match, and why: 2 processes x batch 2 see, step for step, the same 4 samples as
1 process x batch 4 (``DefaultSampler`` shuffles with the same seed on every rank and
deals the permutation out round-robin), and DDP averages the two ranks' gradients. With
equal-length samples, no augmentation and no dropout, the per-rank mean losses average to
the global-batch loss, so the weights after N steps agree up to float summation order.
Stated tolerance: max |weight difference| <= 1e-5 after 8 AdamW steps (observed 1.5e-6),
except the key part of each ``qkv.bias``: its gradient is zero in exact arithmetic (softmax
is invariant to a shift of the keys), so Adam normalises float noise into +-lr steps there
(observed 3e-5) without changing what the network computes. Linear evaluation: the same
bound on the classifier, the frozen encoder bit-equal, predictions within 1e-5.

Gathering: 7 validation samples on 2 ranks; ``DefaultSampler`` pads rank 1 with a repeat
and mmengine's ``collect_results`` truncates to the dataset size: every sample is counted
exactly once (dumped predictions: 7, in dataset order; the reported top-1 is theirs and
equals the single-process validation's).
"""
import pickle
import socket

import numpy as np
import pytest
import torch

from ._runs import (check, linear_config, load, losses, pretrain_config, run, run_dist,
                    write_ann)

pytestmark = pytest.mark.slow
TOL = 1e-5


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@pytest.fixture(scope='module')
def ann(tmp_path_factory):
    # 14 train / 7 val, every sample 20 frames (equal per-rank token counts)
    return write_ann(tmp_path_factory.mktemp('data') / 'ann.pkl', num_samples=21,
                     fixed_len=20)


def _drop_key_bias(name, value):
    """The key third of a ``qkv.bias`` has a zero gradient in exact arithmetic (softmax is
    shift-invariant), so Adam turns float noise into +-lr steps there: left out."""
    if name.endswith('qkv.bias'):
        q, _, v = value.view(3, -1)
        return torch.cat([q, v])
    return value


def max_diff(a, b):
    assert a.keys() == b.keys()
    return max(float((_drop_key_bias(k, a[k]).double() - _drop_key_bias(k, b[k]).double())
                     .abs().max()) for k in a if a[k].is_floating_point())


@pytest.fixture(scope='module')
def pretrained(tmp_path_factory, ann):
    root = tmp_path_factory.mktemp('pretrain')
    kw = dict(epochs=2, augment=False, dropout=0.0)
    single = pretrain_config(root / 'single.py', ann, batch_size=4, **kw)
    dist = pretrain_config(root / 'dist.py', ann, batch_size=2, **kw)
    check(run('train', single, '--work-dir', root / 'single'))
    proc = check(run_dist('dist_train', dist, 2, '--work-dir', root / 'dist',
                          port=free_port()))
    return root, proc


def test_dist_pretraining_matches_single_process(pretrained):
    root, proc = pretrained
    single, dist = load(root / 'single/epoch_2.pth'), load(root / 'dist/epoch_2.pth')
    assert single['meta']['iter'] == dist['meta']['iter'] == 8
    diff = max_diff(single['state_dict'], dist['state_dict'])
    assert diff <= TOL, diff
    # and training did move the weights (the comparison is not vacuous)
    first = load(root / 'single/epoch_1.pth')['state_dict']
    assert max_diff(first, single['state_dict']) > 100 * TOL


def test_dist_pretraining_matches_single_process_on_variable_lengths(tmp_path):
    """Samples of 10-24 valid frames: the ranks hold different numbers of valid tokens, so a
    per-rank token mean would weigh the shorter rank's tokens more. The MPDP loss is
    normalised by the global token count, so 2 x batch 2 equals 1 x batch 4, and the
    logged loss is the global one (not rank 0's)."""
    ann = write_ann(tmp_path / 'ann.pkl', num_samples=21)  # 10..40 frames, cropped to 24
    kw = dict(epochs=2, augment=False, dropout=0.0)
    single = pretrain_config(tmp_path / 'single.py', ann, batch_size=4, **kw)
    dist = pretrain_config(tmp_path / 'dist.py', ann, batch_size=2, **kw)
    check(run('train', single, '--work-dir', tmp_path / 'single'))
    check(run_dist('dist_train', dist, 2, '--work-dir', tmp_path / 'dist', port=free_port()))
    a, b = load(tmp_path / 'single/epoch_2.pth'), load(tmp_path / 'dist/epoch_2.pth')
    assert max_diff(a['state_dict'], b['state_dict']) <= TOL
    got, expected = losses(tmp_path / 'dist'), losses(tmp_path / 'single')
    assert sorted(got) == sorted(expected) == list(range(1, 9))
    for step in expected:
        assert got[step] == pytest.approx(expected[step], rel=1e-5), (step, got, expected)


def test_dist_linear_eval_and_gathered_metrics(pretrained, tmp_path, ann):
    root, _ = pretrained
    ckpt = root / 'dist/epoch_2.pth'
    single_cfg = linear_config(tmp_path / 'single.py', ann, pretrained=ckpt, batch_size=4)
    dist_cfg = linear_config(tmp_path / 'dist.py', ann, pretrained=ckpt, batch_size=2)
    single = check(run('train', single_cfg, '--work-dir', tmp_path / 'single'))
    dist = check(run_dist('dist_train', dist_cfg, 2, '--work-dir', tmp_path / 'dist',
                          port=free_port()))
    a, b = load(tmp_path / 'single/epoch_2.pth'), load(tmp_path / 'dist/epoch_2.pth')
    assert max_diff(a['state_dict'], b['state_dict']) <= TOL
    # the frozen encoder is exactly the pretrained one in both
    enc = {k: v for k, v in load(ckpt)['state_dict'].items() if k.startswith('backbone.')}
    assert max_diff(enc, {k: b['state_dict'][k] for k in enc}) == 0

    # validation at the end of both runs: 7 samples, on 1 and on 2 ranks
    acc_single = _logged_acc(single)
    assert _logged_acc(dist) == acc_single

    # tools/dist_test.sh --dump on 2 ranks: 7 predictions (not 8), in dataset order,
    # and the metric it reports is the one over those 7
    proc = check(run_dist('dist_test', single_cfg, tmp_path / 'single/epoch_2.pth', 2,
                          '--work-dir', tmp_path / 'test2', '--dump', tmp_path / 'dist.pkl',
                          port=free_port()))
    dumped = pickle.loads((tmp_path / 'dist.pkl').read_bytes())
    assert len(dumped) == 7
    val = [a for a in pickle.loads(ann.read_bytes())['annotations']
           if a['frame_dir'] in pickle.loads(ann.read_bytes())['split']['val']]
    assert [int(x['gt_label']) for x in dumped] == [a['label'] for a in val]
    labels = np.array([a['label'] for a in val])
    acc = float((np.array([int(x['pred_score'].argmax()) for x in dumped]) == labels).mean())
    assert _logged_acc(proc) == pytest.approx(acc, abs=1e-4) == acc_single


def _logged_acc(proc):
    import re
    found = re.findall(r'acc/top1: ([0-9.]+)', proc.stdout + proc.stderr)
    assert found, proc.stdout[-2000:]
    return float(found[-1])
