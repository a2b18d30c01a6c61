import os.path as osp
import re

from setuptools import find_packages, setup


def read_version(path='mmgl/version.py'):
    """The version from ``mmgl/version.py``, parsed (importing mmgl needs its dependencies)."""
    with open(osp.join(osp.dirname(osp.abspath(__file__)), path)) as f:
        match = re.search(r"^__version__ = ['\"]([^'\"]+)['\"]", f.read(), re.M)
    if match is None:
        raise RuntimeError(f'no __version__ line in {path}')
    return match.group(1)


def read_requirements(path):
    with open(path) as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


setup(
    name='mmgl',
    version=read_version(),
    description='GL-Transformer and MPDP self-supervised skeleton action learning for MMAction2',
    long_description=open('README.md').read() if __import__('os').path.exists('README.md') else '',
    long_description_content_type='text/markdown',
    packages=find_packages(include=['mmgl', 'mmgl.*']),
    python_requires='>=3.9',
    # torch and mmaction2 are installed by the Makefile (pinned CPU wheel / --no-deps).
    install_requires=read_requirements('requirements/runtime.txt'),
    extras_require={
        # scikit-learn for knn_eval.py --logreg, tsne_embedding.py, handcrafted_probe.py
        'analysis': read_requirements('requirements/analysis.txt'),
        'tests': (read_requirements('requirements/tests.txt')
                  + read_requirements('requirements/analysis.txt')),
    },
    license='MIT',
)
