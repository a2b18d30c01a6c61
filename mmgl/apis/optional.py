"""Checks for the optional packages some tools need, before they start work."""
import importlib
from typing import Dict, Sequence

__all__ = ['require_extra', 'EXTRA_PACKAGES']

#: import name -> distribution name of what ``pip install -e .[analysis]`` installs.
EXTRA_PACKAGES: Dict[str, str] = {'sklearn': 'scikit-learn', 'matplotlib': 'matplotlib'}


def require_extra(modules: Sequence[str], what: str, extra: str = 'analysis') -> None:
    """Stop with one line naming the install command when a module is missing.

    Called at the top of a tool's ``main`` so that a missing package is reported before
    features are extracted, not after.

    Args:
        modules (Sequence[str]): Import names, e.g. ``['sklearn']``.
        what (str): What needs them (shown in the message), e.g. ``'knn_eval.py --logreg'``.
        extra (str): The setup.py extra that installs them. Defaults to ``'analysis'``.

    Raises:
        SystemExit: With the message (exit status 1) when any module cannot be imported.
    """
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(EXTRA_PACKAGES.get(name, name))
    if missing:
        raise SystemExit(f'{what} needs {", ".join(missing)}, which is not installed: '
                         f'pip install -e .[{extra}]  (or: pip install {" ".join(missing)})')
