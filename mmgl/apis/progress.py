"""Progress with an ETA for the tools: a live bar on a terminal, a few plain lines otherwise."""
import math
import sys
import time
from typing import Iterable, Iterator, Optional, TextIO, TypeVar

__all__ = ['track', 'format_seconds']

T = TypeVar('T')


def format_seconds(seconds: float) -> str:
    """``'42s'``, ``'3m05s'``, ``'1h02m'``."""
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f'{seconds}s'
    if seconds < 3600:
        return f'{seconds // 60}m{seconds % 60:02d}s'
    return f'{seconds // 3600}h{seconds % 3600 // 60:02d}m'


def track(items: Iterable[T], description: str, total: Optional[int] = None,
          stream: Optional[TextIO] = None, lines: int = 4) -> Iterator[T]:
    """Yield ``items`` while showing how far along they are and the time left.

    On a terminal, rich's progress bar redraws in place (count, elapsed, ETA). When
    ``stream`` is not a terminal (a log file, a pipe, CI), it never redraws: it writes at most
    ``lines`` plain lines, one each time another ``1/lines`` of the items is done, the last
    one at the end; without a known total, a single line at the end.

    Args:
        items (Iterable): What to iterate over.
        description (str): What is being done, e.g. ``'train features'``.
        total (int, optional): Number of items. Defaults to ``len(items)`` when it has one.
        stream (TextIO, optional): Where progress goes. Defaults to ``sys.stderr`` (so that
            the tools' results on stdout stay clean).
        lines (int): Most plain lines off a terminal. Defaults to 4.
    """
    stream = sys.stderr if stream is None else stream
    if total is None and hasattr(items, '__len__'):
        total = len(items)
    isatty = getattr(stream, 'isatty', None)
    if isatty is not None and isatty():
        yield from _rich_track(items, description, total, stream)
    else:
        yield from _plain_track(items, description, total, stream, lines)


def _rich_track(items, description, total, stream):
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    columns = [TextColumn('{task.description}'), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn('ETA'), TimeRemainingColumn()]
    with Progress(*columns, console=Console(file=stream)) as progress:
        yield from progress.track(items, total=total, description=description)


def _plain_track(items, description, total, stream, lines):
    start = time.monotonic()
    marks = set() if not total else {math.ceil(total * k / lines) for k in range(1, lines + 1)}
    done = 0
    for item in items:
        yield item
        done += 1
        if done in marks:
            elapsed = time.monotonic() - start
            eta = elapsed / done * (total - done)
            tail = f', ETA {format_seconds(eta)}' if done < total else ''
            stream.write(f'{description}: {done}/{total} ({100 * done // total}%), '
                         f'{format_seconds(elapsed)} elapsed{tail}\n')
            stream.flush()
    if not total:
        stream.write(f'{description}: {done} done in '
                     f'{format_seconds(time.monotonic() - start)}\n')
        stream.flush()
