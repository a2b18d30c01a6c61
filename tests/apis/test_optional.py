"""Tools that need the [analysis] extra say so before they start work."""
import subprocess
import sys

import pytest

from mmgl.apis.optional import require_extra
from tests.utils import REPO_ROOT

# Runs a tool with scikit-learn made unimportable (as on a plain `pip install -e .`).
_BLOCK_SKLEARN = ("import runpy, sys; sys.modules['sklearn'] = None; "
                  "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')")


def test_require_extra_passes_when_installed():
    require_extra(['json'], 'anything')


def test_require_extra_names_the_install_command():
    with pytest.raises(SystemExit) as e:
        require_extra(['json', 'mmgl_no_such_module'], 'some_tool.py')
    message = str(e.value.code)
    assert 'some_tool.py' in message and 'mmgl_no_such_module' in message
    assert 'pip install -e .[analysis]' in message and 'json' not in message.split(':')[0]


@pytest.mark.parametrize('argv', [
    ['tools/analysis/knn_eval.py', 'no_such_config.py', '--random-init', '--logreg'],
    ['tools/analysis/tsne_embedding.py', 'no_such_config.py', 'no_such.pth'],
    ['tools/analysis/handcrafted_probe.py', 'no_such_ann.pkl'],
])
def test_tool_stops_before_work_without_sklearn(argv):
    # the config / checkpoint / annotation do not exist: reaching them would fail differently
    proc = subprocess.run([sys.executable, '-c', _BLOCK_SKLEARN] + argv, cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert 'Traceback' not in proc.stderr
    assert 'scikit-learn' in lines[-1] and 'pip install -e .[analysis]' in lines[-1]
