"""Progress: a live bar on a terminal, a few plain lines (no redraws) anywhere else."""
import io
import logging
import re

import pytest
import torch
from mmengine.logging import MMLogger
from mmengine.model import BaseModule

from mmgl.apis.progress import format_seconds, track
from mmgl.apis.quiet import init_weights_quietly
from mmgl.datasets.converters.common import progress_bar


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_plain_lines_off_a_terminal():
    out = io.StringIO()
    assert list(track(range(103), 'features', stream=out)) == list(range(103))
    text = out.getvalue()
    assert '\r' not in text and '\x1b' not in text
    lines = text.splitlines()
    assert len(lines) == 4
    assert [int(re.search(r': (\d+)/103', ln).group(1)) for ln in lines] == [26, 52, 78, 103]
    assert all('ETA' in ln for ln in lines[:-1]) and lines[-1].startswith('features: 103/103 (100%)')


def test_plain_without_a_total_is_one_line():
    out = io.StringIO()
    assert list(track((i for i in range(7)), 'targets', stream=out)) == list(range(7))
    assert out.getvalue().splitlines() == [out.getvalue().strip()]
    assert out.getvalue().startswith('targets: 7 done in ')


def test_fewer_items_than_lines_and_early_stop():
    out = io.StringIO()
    list(track([1, 2], 'x', stream=out))
    assert len(out.getvalue().splitlines()) == 2
    out = io.StringIO()
    for i in track(range(100), 'x', stream=out):
        if i == 10:
            break
    assert len(out.getvalue().splitlines()) == 0  # stopped before the first quarter


def test_terminal_gets_rich_live_bar_with_eta():
    out = _Terminal()
    assert list(track(range(5), 'features', stream=out)) == list(range(5))
    text = out.getvalue()
    assert '\x1b[' in text  # redrawn in place with control sequences
    assert 'features' in text and '5/5' in text and 'ETA' in text


def test_converter_progress_bar_is_plain_when_piped(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr('sys.stderr', err)
    assert progress_bar(False) is None
    assert list(progress_bar(True)(list(range(40)))) == list(range(40))
    assert '\r' not in err.getvalue() and len(err.getvalue().splitlines()) == 4


def test_format_seconds():
    assert [format_seconds(s) for s in (0.4, 42, 185, 3720)] == ['0s', '42s', '3m05s', '1h02m']


class _Net(BaseModule):
    def __init__(self):
        super().__init__(init_cfg=dict(type='Constant', layer='Linear', val=0.5))
        self.fc = torch.nn.Linear(2, 2)


class _Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.mark.parametrize('quiet', [False, True])
def test_init_weights_quietly_drops_the_parameter_dump(quiet):
    logger = MMLogger.get_current_instance()  # where mmengine logs the dump
    level = logger.level
    handler = _Records()
    logger.addHandler(handler)
    try:
        net = _Net()
        init_weights_quietly(net) if quiet else net.init_weights()
    finally:
        logger.removeHandler(handler)
    assert torch.all(net.fc.weight == 0.5)  # initialised either way
    dumped = [r for r in handler.records if 'fc.weight' in r.getMessage()]
    assert bool(dumped) != quiet
    assert logger.level == level
