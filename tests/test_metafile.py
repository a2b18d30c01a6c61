"""configs/mpdp/metafile.yml: every config and log exists and every Top-1 is its log's."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_metafile_points_at_real_configs_and_logs():
    meta = yaml.safe_load((ROOT / 'configs' / 'mpdp' / 'metafile.yml').read_text())
    names = {m['Name'] for m in meta['Models']}
    assert len(names) == len(meta['Models'])
    for model in meta['Models']:
        assert (ROOT / model['Config']).is_file(), model['Config']
        assert Path(model['Config']).stem == model['Name']
        assert model['In Collection'] in {c['Name'] for c in meta['Collections']}
        log = ROOT / model['Training Log']
        assert log.is_file(), model['Training Log']
        pretrained = model['Metadata'].get('Pretrained')
        assert pretrained is None or pretrained in names
        for result in model.get('Results', []):
            top1 = result['Metrics']['Top 1 Accuracy']
            # the last validation of the run (its final epoch) in mmengine's log
            final = re.findall(r'acc/top1: ([0-9.]+)', log.read_text())[-1]
            # the log holds 4 digits (0.7845 may be 364/464 = 78.448%): within half a unit
            assert abs(100 * float(final) - top1) <= 0.05 + 1e-9, (model['Name'], final)
