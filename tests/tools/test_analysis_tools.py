"""tools/analysis benchmarks: they run end to end and end with the promised JSON line."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.utils import load_tool

ROOT = Path(__file__).resolve().parents[2]
DEMO = 'configs/mpdp/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py'
MAMP = 'configs/mamp/mamp_mamp-transformer-small_1xb32-30e_nw-ucla-xview.py'


def run_tool(*args) -> dict:
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_step_benchmark_fast_and_reference_math_bf16():
    result = run_tool('tools/analysis/benchmark.py', DEMO, '--batch-size', '2', '--iters', '2',
                      '--warmup', '1', '--amp', '--reference-math', '--data-samples', '5',
                      '--min-len', '1', '--max-len', '64')
    for key in ('samples_per_s', 'ms_per_iter_median', 'peak_mem_gib', 'device',
                'speedup_vs_reference_math', 'samples_per_s_per_worker'):
        assert key in result, key
    assert result['device'] == 'cpu' and result['amp'] is True
    assert result['samples_per_s'] > 0 and result['reference_math']['samples_per_s'] > 0


def load_benchmark():
    return load_tool('analysis/benchmark.py')


@pytest.mark.parametrize('low,high,batch', [(40, 300, 4), (40, 300, 128), (1, 64, 3)])
def test_fair_lengths_have_the_expected_valid_fraction(low, high, batch):
    bench = load_benchmark()
    rng = np.random.default_rng(0)
    mean = bench.draw_lengths(rng, 'mean', batch, low, high)
    quantiles = bench.draw_lengths(rng, 'quantiles', batch, low, high)
    assert (mean == mean[0]).all() and abs(mean[0] - (low + high) / 2) <= 0.5
    # evenly spaced, inside the range, mean equal to the expectation of U[low, high]
    assert quantiles.min() >= low and quantiles.max() <= high
    assert np.all(np.diff(quantiles) > 0) or batch == 1
    assert abs(quantiles.mean() - (low + high) / 2) <= 0.5
    drawn = bench.draw_lengths(rng, 'random', 1000, low, high)
    assert drawn.min() >= low and drawn.max() <= high and len(set(drawn)) > 1


def test_mpdp_and_mamp_side_by_side():
    result = run_tool('tools/analysis/benchmark.py', DEMO, MAMP, '--batch-size', '2',
                      '--iters', '1', '--warmup', '0', '--reference-math', '--repeats', '2',
                      '--lengths', 'quantiles', '--min-len', '1', '--max-len', '32',
                      '--data-samples', '0')
    rows = {row['name']: row for row in result['rows']}
    assert set(rows) == {'MPDP default', 'MPDP reference math', 'MAMP default'}
    assert rows['MAMP default']['model'] == 'MAMP' and rows['MAMP default']['config'] == MAMP
    assert rows['MAMP default']['valid_frame_fraction'] == 1.0  # MAMP: every frame valid
    # the same fair draw on both MPDP paths (T = 32): the expectation of U[1, 32]
    fraction = rows['MPDP default']['valid_frame_fraction']
    assert fraction == rows['MPDP reference math']['valid_frame_fraction']
    assert abs(fraction - 16.5 / 32) < 0.02
    for row in rows.values():
        assert row['timed_steps'] == 2 and len(row['ms_per_iter_run_medians']) == 2
        assert row['samples_per_s'] > 0 and row['peak_mem_gib'] > 0
    assert result['lengths'] == 'quantiles' and 'speedup_vs_reference_math' in result


def test_compare_amp_same_start():
    result = run_tool('tools/analysis/benchmark.py', DEMO, '--compare-amp', '2', '--batch-size',
                      '2', '--max-len', '64')
    # same initialisation and data: the first losses differ by bf16 rounding only
    assert abs(result['first_loss_bf16'] - result['first_loss_fp32']) < 1e-2 * \
        result['first_loss_fp32']
    assert result['steps'] == 2 and result['relative_difference'] < 0.05


def test_dataloader_scale(tmp_path):
    ann = tmp_path / 'synthetic.pkl'
    result = run_tool('tools/analysis/dataloader_scale.py', DEMO, '--num-samples', '40',
                      '--workers', '1', '--batches', '2', '--batch-size', '4', '--ann', str(ann))
    assert result['num_samples'] == 40 and result['processes'] >= 1  # workers may outrun the poll
    assert result['peak_pss_gib'] > 0 and result['samples_per_s'] > 0
    assert ann.is_file()  # reused on the next run


def test_handcrafted_probe(tmp_path):
    from mmgl.datasets.demo import make_demo_annotations
    from mmgl.datasets.converters.common import write_annotation
    ann = tmp_path / 'gestures.pkl'
    write_annotation(make_demo_annotations(num_samples=80, seed=0, min_frames=24,
                                           max_frames=40, variant='gestures'), ann)
    result = run_tool('tools/analysis/handcrafted_probe.py', str(ann), '--max-frames', '64')
    # classes defined by which joint moves: the speed feature must beat the mean pose
    assert result['joint_speed/top1'] > result['mean_pose/top1']


def test_profile_prints_the_operators_of_each_path():
    proc = subprocess.run([sys.executable, 'tools/analysis/benchmark.py', DEMO, '--profile', '5',
                           '--reference-math', '--batch-size', '2', '--warmup', '0',
                           '--min-len', '8', '--max-len', '32'], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert '== default (' in out and '== reference math (' in out
    assert out.count('Self CPU time total') == 2  # one operator table per path
    assert 'aten::' in out


def test_heap_and_gemm_variants_side_by_side():
    bench = load_benchmark()
    args = bench.parse_args([DEMO, '--reference-math', '--heap', 'both'])
    names = [name for name, _ in bench.variants(args)]
    assert names == ['default, keep heap', 'default, system heap',
                     'reference math, keep heap', 'reference math, system heap']
    only = bench.parse_args([DEMO, '--reference-math'])  # the defaults, as in training
    assert [(v['heap'], v['cpu_gemm']) for _, v in bench.variants(only)] == [
        ('keep', 'onednn'), ('keep', 'torch')]  # the parity path: torch's products
    gemms = bench.parse_args([DEMO, '--cpu-gemm', 'both', '--reference-math'])
    assert [name for name, _ in bench.variants(gemms)] == [
        'default, onednn GEMM', 'default, torch GEMM', 'reference math']
    mamp = bench.parse_args([MAMP, '--cpu-gemm', 'both'])  # MAMP: torch's products only
    assert [(name, v['cpu_gemm']) for name, v in bench.variants(mamp)] == [('default', 'torch')]

