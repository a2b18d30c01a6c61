"""tools/analysis/mpdp_floor_loss.py: the input-blind predictors' losses are MPDPHead's."""
from pathlib import Path

import pytest
import torch

from mmgl.models.heads import MPDPHead
from tests.utils import load_tool

ROOT = Path(__file__).resolve().parents[2]
floor = load_tool('analysis/mpdp_floor_loss.py')

R, N, T = 2, 5, 12


def make_head(weighting='reference'):
    return MPDPHead(in_channels=4, num_tokens=N, intervals=R, num_dir_classes=27,
                    num_mag_classes=16, global_tokens=(3, ), global_weighting=weighting)


def random_targets(seed, samples=20):
    g = torch.Generator().manual_seed(seed)
    out = []
    for _ in range(samples):
        length = int(torch.randint(3, T + 1, (1, ), generator=g))
        # skewed classes so that the marginal is far from uniform
        direction = (torch.rand(length, R * N, generator=g) ** 3 * 27).long()
        magnitude = (torch.rand(length, R * N, generator=g) ** 2 * 16).long()
        out.append((direction, magnitude))
    return out


@pytest.mark.parametrize('weighting', ['reference', 'all_intervals'])
def test_marginal_equals_head_loss_of_constant_logits(weighting):
    head = make_head(weighting)
    targets = random_targets(0)
    counts = floor.count_targets(targets, R * N, 27, 16, T)
    result = floor.floor_losses(counts, head)
    # The same predictor through MPDPHead.loss: zero weights, biases = log class frequencies.
    with torch.no_grad():
        for preds, name in ((head.dir_preds, 'dir'), (head.mag_preds, 'mag')):
            freq = counts[name].sum(0)  # (R*N, C)
            logp = (freq / freq.sum(-1, keepdim=True)).clamp_min(1e-30).log().view(R, -1)
            for r, linear in enumerate(preds):
                linear.weight.zero_()
                linear.bias.copy_(logp[r])
    direction = torch.cat([d for d, _ in targets])
    magnitude = torch.cat([m for _, m in targets])
    with torch.no_grad():
        losses = head.loss(torch.zeros(len(direction), 4), direction, magnitude)
    expected = sum(v for k, v in losses.items() if k.startswith('loss_'))
    assert result['marginal'] == pytest.approx(float(expected), rel=1e-5)
    assert 0 < result['position'] <= result['marginal']


def test_position_predictor_is_exact_when_class_follows_frame_index():
    head = make_head()
    targets = []
    for length in (4, 7, 12, 12):
        frame = torch.arange(length)[:, None].expand(length, R * N)
        targets.append((frame % 27, frame % 16))
    result = floor.floor_losses(floor.count_targets(targets, R * N, 27, 16, T), head)
    assert result['position'] == pytest.approx(0, abs=1e-9)
    assert result['marginal'] > 1


def test_tool_on_demo_data(tmp_path):
    from mmgl.datasets.converters.common import write_annotation
    from mmgl.datasets.demo import make_demo_annotations
    ann = tmp_path / 'demo.pkl'
    data = make_demo_annotations(num_samples=48, seed=0, min_frames=24, max_frames=40)
    write_annotation(data, ann)
    import json
    import subprocess
    import sys
    proc = subprocess.run(
        [sys.executable, 'tools/analysis/mpdp_floor_loss.py',
         'configs/mpdp/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py', '--repeats', '2',
         '--cfg-options', f'train_dataloader.dataset.ann_file={ann}'],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    progress = [ln for ln in proc.stderr.splitlines() if ln.startswith('targets: ')]
    assert '\r' not in proc.stderr and len(progress) == 4  # piped: plain lines, no redraws
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result['samples'] == len(data['split']['train']) < 48 and result['repeats'] == 2
    assert 0 < result['position'] < result['marginal']
