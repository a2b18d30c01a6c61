"""Every relative link in README.md, docs/*.md, docs/results/README.md and the model-zoo
READMEs points at a file or folder of the repository."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([ROOT / 'README.md', *(ROOT / 'docs').glob('*.md'),
                ROOT / 'docs' / 'results' / 'README.md', *ROOT.glob('configs/*/README.md')])
# [text](target) and ![alt](target); the target ends at whitespace or ')'
LINK = re.compile(r'!?\[[^\]]*\]\(([^)\s]+)\)')


def relative_links(text: str) -> list:
    text = re.sub(r'```.*?```', '', text, flags=re.S)  # links in code blocks are examples
    return [t for t in LINK.findall(text)
            if not re.match(r'[a-z]+:', t) and not t.startswith('#')]


@pytest.mark.parametrize('page', [p for p in PAGES if p.is_file()],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page):
    missing = []
    for target in relative_links(page.read_text()):
        path = target.split('#', 1)[0]
        if not (page.parent / path).exists():
            missing.append(target)
    assert not missing, f'{page.relative_to(ROOT)}: {missing}'


def test_link_pattern_finds_links():
    text = 'a [x](docs/a.md) ![i](img.png) [w](https://e.org) [s](#sec) `[c](code.md)`'
    assert relative_links(text) == ['docs/a.md', 'img.png', 'code.md']
