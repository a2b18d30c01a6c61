"""What every converter shares: its command line, safe input and output paths, writing, the
progress bar and the summary."""
import argparse
import os
import pickle
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

from ..checks import keypoint_problems, normalize_label
from ..errors import DataError

__all__ = ['check_output', 'write_annotation', 'load_annotation', 'progress_bar',
           'format_summary', 'add_output_args', 'finish', 'cli_errors', 'Skipped',
           'converted_problem', 'NameGuard', 'register_layout_files', 'add_layout_file_arg',
           'parse_joint_order', 'record_layout', 'converter_parser',
           'check_folder_and_output',
           'input_files']

Skipped = List[Tuple[str, str]]  # (frame_dir or path, reason)


def converted_problem(keypoint, label=0) -> Optional[str]:
    """Why a converted sample must be skipped (None when it is usable).

    The converters' shared last check: NaN / inf or implausibly large coordinates, no valid
    frame (:func:`mmgl.datasets.checks.keypoint_problems`) and a label that is not an
    integer (an integral float such as ``2.0`` is fine; ``1.7`` is not).
    """
    try:
        normalize_label(label, integral_floats=True)
    except ValueError as err:
        return str(err)
    problems = keypoint_problems(keypoint)
    return '; '.join(problems) if problems else None


def record_layout(data: dict, layout) -> dict:
    """Store the layout's name in ``data['layout']`` (and, for a layout that is not built
    in, its description in ``data['layout_spec']``) so that the validator and the dataset
    check the file against it by default."""
    from ..layouts import BUILTIN_LAYOUTS, get_layout, layout_spec
    layout = get_layout(layout)
    data['layout'] = layout.name
    if layout.name not in BUILTIN_LAYOUTS:
        data['layout_spec'] = layout_spec(layout)
    return data


class NameGuard:
    """Reports a sample name that an earlier sample of the same conversion already used.

    Example:
        >>> guard = NameGuard()
        >>> guard.duplicate('vid', 'x/vid.json') is None
        True
        >>> guard.duplicate('vid', 'y/vid.json')
        'duplicate sample name: y/vid.json skipped, x/vid.json kept'
    """

    def __init__(self) -> None:
        self.seen = {}

    def duplicate(self, name: str, source) -> Optional[str]:
        """None the first time ``name`` is seen (and remember ``source``), else the reason."""
        if name in self.seen:
            return f'duplicate sample name: {source} skipped, {self.seen[name]} kept'
        self.seen[name] = source
        return None


def check_output(out: os.PathLike, inputs: Iterable[os.PathLike], force: bool = False) -> Path:
    """Refuse an output that is one of the inputs, lies inside an input folder, or exists.

    Raises:
        FileExistsError: ``out`` exists and ``force`` is False.
        ValueError: ``out`` would overwrite or sit inside an input.
    """
    out = Path(out).resolve()
    for src in inputs:
        src = Path(src).resolve()
        if out == src or (src.is_dir() and src in out.parents):
            raise ValueError(f'refusing to write {out}: it is (inside) the input {src}')
    if out.exists() and not force:
        raise FileExistsError(f'{out} exists; pass --force to overwrite it')
    return out


def write_annotation(data: dict, out: os.PathLike) -> None:
    """Write a pyskl annotation dict as a pickle (via a temporary file, so a crash leaves
    no half-written output)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + '.tmp')
    with open(tmp, 'wb') as f:
        pickle.dump(data, f, protocol=4)
    os.replace(tmp, out)


def load_annotation(path: os.PathLike):
    """Load an annotation pickle.

    Raises:
        DataError: the file is missing or not a readable pickle (names the file).
    """
    try:
        with open(path, 'rb') as f:
            return pickle.load(f)
    except FileNotFoundError:
        raise DataError(str(path), 'file not found') from None
    except Exception as err:  # any unpickling failure means the same to the user
        raise DataError(str(path), f'not a readable pickle ({type(err).__name__}: {err})'
                        ) from None


def progress_bar(enabled: bool = True) -> Optional[Callable[[Sequence], Iterable]]:
    """A wrapper that shows the conversion's progress with an ETA on stderr (None when
    disabled): a live bar on a terminal, a few plain lines otherwise
    (``mmgl.apis.progress.track``)."""
    if not enabled:
        return None
    from mmgl.apis.progress import track
    return lambda items: track(items, 'converting')


def format_summary(out: os.PathLike, data: Optional[dict], skipped: Skipped) -> str:
    """The closing summary: samples and splits written, every skipped sample with its reason."""
    lines = []
    if data is not None:
        split = data.get('split', {})
        sizes = ', '.join(f'{k} {len(v)}' for k, v in split.items())
        lines.append(f'wrote {len(data["annotations"])} samples to {out}'
                     + (f' (splits: {sizes})' if sizes else ''))
    lines.append(f'skipped {len(skipped)} samples' + (':' if skipped else ''))
    lines += [f'  {where}: {reason}' for where, reason in skipped]
    return '\n'.join(lines)


def register_layout_files(argv: Optional[Sequence[str]] = None) -> None:
    """Register the layouts of every ``--layout-file`` in ``argv`` (before the real parser
    is built, so that ``--layout`` offers them)."""
    import argparse
    import sys

    from ..layouts import load_layout_file
    pre = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    pre.add_argument('--layout-file', action='append', default=[])
    known, _ = pre.parse_known_args(sys.argv[1:] if argv is None else argv)
    for path in known.layout_file:
        load_layout_file(path)


def add_layout_file_arg(parser) -> None:
    """``--layout-file``: a YAML/JSON/Python file of own layouts (docs/data.md)."""
    parser.add_argument('--layout-file', action='append', default=[],
                        help='register joint layouts from a YAML/JSON/Python file (name, '
                        'joints in order, center, shoulders, edges); may be repeated')


def parse_joint_order(text: Optional[str], num_joints: int) -> Optional[List[int]]:
    """``--joint-order 3,2,0,...``: output joint i is stored joint ``order[i]``.

    Raises:
        ValueError: not ``num_joints`` comma-separated indices of distinct stored joints.
    """
    if text is None:
        return None
    try:
        order = [int(v) for v in text.replace(' ', '').split(',') if v != '']
    except ValueError:
        raise ValueError(f'--joint-order {text!r}: expected comma-separated joint indices'
                         ) from None
    if len(order) != num_joints:
        raise ValueError(f'--joint-order has {len(order)} entries, layout has {num_joints} '
                         'joints (one stored-joint index per layout joint)')
    if len(set(order)) != len(order) or min(order) < 0:
        raise ValueError(f'--joint-order {text!r}: indices must be distinct and >= 0')
    return order


def converter_parser(doc: str, folder: str, folder_help: str) -> argparse.ArgumentParser:
    """A folder converter's parser: the first paragraph of the tool's docstring ``doc`` as
    description, the input folder ``folder`` and the output arguments
    (:func:`add_output_args`); the caller adds its own options after them."""
    parser = argparse.ArgumentParser(description=doc.split('\n\n')[0])
    parser.add_argument(folder, help=folder_help)
    add_output_args(parser)
    return parser


def check_folder_and_output(folder: os.PathLike, out: os.PathLike, force: bool = False,
                            other_inputs: Iterable[os.PathLike] = ()) -> Tuple[Path, Path]:
    """A folder converter's paths: the input folder (as given, not resolved) and the output
    (:func:`check_output` against the folder and ``other_inputs``).

    Raises:
        FileNotFoundError: ``folder`` is not a folder.
        FileExistsError, ValueError: See :func:`check_output`.
    """
    root = Path(folder)
    if not root.is_dir():
        raise FileNotFoundError(f'{root} is not a folder')
    return root, check_output(out, [root, *other_inputs], force)


def input_files(root: Path, suffix: str) -> List[Path]:
    """The files ``root/*<suffix>`` (e.g. ``'.json'``), sorted by name.

    Raises:
        FileNotFoundError: There is none.
    """
    files = sorted(root.glob(f'*{suffix}'))
    if not files:
        raise FileNotFoundError(f'no {suffix} files in {root}')
    return files


def add_output_args(parser) -> None:
    """The output arguments every converter CLI shares."""
    parser.add_argument('out', help='output annotation pickle (.pkl)')
    parser.add_argument('--force', action='store_true', help='overwrite an existing output')
    parser.add_argument('--no-progress', action='store_true', help='no progress bar')


def finish(data: dict, skipped: Skipped, out: os.PathLike) -> int:
    """Write ``data`` to ``out`` (unless empty), print the summary; the CLI exit code.

    Returns 0 when samples were written (skipped ones are listed, not fatal), 1 when none.
    Unit and axis mistakes (:func:`mmgl.datasets.checks.unit_warnings`) are warned about on
    stderr, naming the output file.
    """
    if not data['annotations']:
        print(format_summary(out, None, skipped))
        print('nothing written: no usable sample')
        return 1
    write_annotation(data, out)
    print(format_summary(out, data, skipped))
    import sys

    from ..checks import unit_warnings
    for warning in unit_warnings(data['annotations']):
        print(f'{out}: warning: {warning}', file=sys.stderr)
    return 0


def cli_errors(main: Callable[..., int]) -> Callable[..., int]:
    """Turn the expected user errors into one line on stderr and exit code 2."""
    import functools
    import sys

    @functools.wraps(main)
    def wrapped(*args, **kwargs) -> int:
        try:
            return main(*args, **kwargs)
        except (FileExistsError, FileNotFoundError, ValueError, KeyError) as err:
            message = err.args[0] if isinstance(err, KeyError) and err.args else err
            print(f'error: {message}', file=sys.stderr)
            return 2

    return wrapped
