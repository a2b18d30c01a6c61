"""What every converter shares: safe output paths, writing, the progress bar and the summary."""
import os
import pickle
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

from ..errors import DataError

__all__ = ['check_output', 'write_annotation', 'load_annotation', 'progress_bar',
           'format_summary', 'add_output_args', 'finish', 'cli_errors', 'Skipped']

Skipped = List[Tuple[str, str]]  # (frame_dir or path, reason)


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


def add_output_args(parser) -> None:
    """The output arguments every converter CLI shares."""
    parser.add_argument('out', help='output annotation pickle (.pkl)')
    parser.add_argument('--force', action='store_true', help='overwrite an existing output')
    parser.add_argument('--no-progress', action='store_true', help='no progress bar')


def finish(data: dict, skipped: Skipped, out: os.PathLike) -> int:
    """Write ``data`` to ``out`` (unless empty), print the summary; the CLI exit code.

    Returns 0 when samples were written (skipped ones are listed, not fatal), 1 when none.
    """
    if not data['annotations']:
        print(format_summary(out, None, skipped))
        print('nothing written: no usable sample')
        return 1
    write_annotation(data, out)
    print(format_summary(out, data, skipped))
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
