"""Packaging: one version source, a licence and a changelog entry for the version."""
import re
import subprocess
import sys

import mmgl
from tests.utils import REPO_ROOT


def test_setup_reads_the_package_version_without_importing_it():
    out = subprocess.run([sys.executable, 'setup.py', '--version'], cwd=REPO_ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == mmgl.__version__


def test_license_and_changelog_cover_the_version():
    assert 'MIT License' in (REPO_ROOT / 'LICENSE').read_text()
    changelog = (REPO_ROOT / 'CHANGELOG.md').read_text()
    assert re.search(rf'^## \[?{re.escape(mmgl.__version__)}\]?\b', changelog, re.M), \
        f'CHANGELOG.md has no entry for {mmgl.__version__}'
