"""The model zoo: every metafile row's config and logs exist and every number is its log's.

configs/mpdp/metafile.yml, configs/mamp/metafile.yml (every metafile the root
model-index.yml imports) in mmaction's
format, with mmgl's extra fields: ``Metadata.Commands``, ``Metadata.Pretrained`` and
``Metric Logs`` (the log, or the logs whose mean it is, of each metric not in
``Training Log``).
"""
import json
import re
from pathlib import Path
from typing import List, Union

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MPDP_META = ROOT / 'configs' / 'mpdp' / 'metafile.yml'


def imported_metafiles() -> List[Path]:
    index = yaml.safe_load((ROOT / 'model-index.yml').read_text())
    return [ROOT / path for path in index['Import']]


def final_accuracy(text: str) -> float:
    """The last validation top-1 (%) of an mmengine log: the run's final epoch."""
    found = re.findall(r'acc/top1: ([0-9.]+)', text)
    assert found, 'no acc/top1 in the log'
    return 100 * float(found[-1])


def final_loss(text: str) -> float:
    """The last logged training loss of an mmengine log."""
    found = re.findall(r'\sloss: ([0-9.]+)', text)
    assert found, 'no loss in the log'
    return float(found[-1])


def json_metric(text: str, key: str, random_init: bool) -> float:
    """``key`` from knn_eval.py's JSON line for the random-init or the pretrained encoder."""
    lines = [json.loads(line) for line in text.splitlines() if line.startswith('{')]
    lines = [line for line in lines
             if key in line and (line.get('weights') == 'random-init') == random_init]
    assert lines, f'no {key} line for {"random" if random_init else "pretrained"} weights'
    return float(lines[-1][key])


def metric_from_log(metric: str, log: Path) -> float:
    text = log.read_text()
    random_init = metric.startswith('Random-init') and 'Floor' not in metric
    if 'Loss' in metric:
        return final_loss(text)
    for label, key in (('kNN k=1 ', 'knn/top1_k1'), ('kNN k=20 ', 'knn/top1_k20'),
                       ('Logistic Regression', 'logreg/top1')):
        if label in metric:
            return json_metric(text, key, random_init)
    return final_accuracy(text)


def logs_of(spec: Union[str, List[str]]) -> List[Path]:
    return [ROOT / p for p in ([spec] if isinstance(spec, str) else spec)]


def models(meta_path: Path) -> list:
    return yaml.safe_load(meta_path.read_text())['Models']


def test_model_index_imports_every_metafile():
    index = imported_metafiles()
    assert MPDP_META in index
    for path in index:
        assert path.is_file(), path
    on_disk = set(ROOT.glob('configs/*/metafile.yml'))
    assert on_disk <= set(index), sorted(map(str, on_disk - set(index)))


@pytest.mark.parametrize('meta_path', imported_metafiles(), ids=lambda p: p.parent.name)
def test_metafile_points_at_real_configs_and_logs(meta_path):
    meta = yaml.safe_load(meta_path.read_text())
    names = {m['Name'] for m in meta['Models']}
    assert len(names) == len(meta['Models'])
    for model in meta['Models']:
        name = model['Name']
        assert (ROOT / model['Config']).is_file(), model['Config']
        stem = Path(model['Config']).stem
        commands = model['Metadata']['Commands']
        assert commands and all(c.startswith('python tools/') for c in commands), name
        # every result has a config of its own: no --cfg-options; a Name other than the
        # config's marks a run on another machine (suffix _h200) or a tools/demo.py variant;
        # foldK names the config of each SBU fold of the row (its mean over the folds)
        if name == stem + '_h200':
            assert 'H200' in model['Metadata']['Training Resources'], name
        elif name != stem:
            assert all(c.startswith('python tools/demo.py --variant') for c in commands), name
        # the folds of a row: those its logs are named after (..._foldK.log)
        logs = [str(p) for spec in [model['Training Log'], *model.get('Metric Logs', {}).values()]
                for p in logs_of(spec)]
        ks = sorted({int(k) for log in logs for k in re.findall(r'_fold(\d)(?:_|\.)', log)})
        for command in commands:
            assert '--cfg-options' not in command, (name, command)
            for config in (t for t in command.split() if t.startswith('configs/')):
                assert 'foldK' not in config or ks, (name, config)
                for k in ks if 'foldK' in config else (None, ):
                    path = config.replace('foldK', f'fold{k}')
                    assert (ROOT / path).is_file(), (name, path)
        assert model['In Collection'] in {c['Name'] for c in meta['Collections']}
        pretrained = model['Metadata'].get('Pretrained')
        assert pretrained is None or pretrained in names, (name, pretrained)
        # docs/results/<dataset>/<Name>/, every log named after the model
        for log in logs_of(model['Training Log']):
            assert log.is_file(), log
            assert log.parent.name == name and log.name.startswith(name), log
        for spec in model.get('Metric Logs', {}).values():
            for log in logs_of(spec):
                assert log.is_file(), log
                assert log.parent.parent.parent == ROOT / 'docs' / 'results', log


ALL_MODELS = [m for path in imported_metafiles() if path.is_file() for m in models(path)]


@pytest.mark.parametrize('model', ALL_MODELS, ids=lambda m: m['Name'])
def test_every_metric_is_its_log(model):
    metric_logs = model.get('Metric Logs', {})
    for result in model.get('Results', []):
        for metric, value in result['Metrics'].items():
            logs = logs_of(metric_logs.get(metric, model['Training Log']))
            found = [metric_from_log(metric, log) for log in logs]
            mean = sum(found) / len(found)
            # logs hold 4 digits (0.7845 may be 364/464 = 78.448%), the metafile one decimal
            # (losses two): within half a unit of the last digit
            tol = 0.005 if 'Loss' in metric else 0.05
            assert abs(mean - value) <= tol + 1e-6, (metric, [round(f, 3) for f in found])
    for metric in metric_logs:
        assert any(metric in r['Metrics'] for r in model.get('Results', [])), metric
