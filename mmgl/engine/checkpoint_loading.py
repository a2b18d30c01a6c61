"""Local checkpoint loading that names the file and says what is wrong with it.

mmengine loads a local ``.pth`` with a bare ``torch.load``: an empty file fails with
``EOFError``, a text file with ``UnpicklingError: invalid load key`` and a truncated one
with a zip ``RuntimeError``, none of which names the file; a ``torch.save`` of something
other than a dict fails later with a ``KeyError``. mmgl registers its own loader for local
paths (mmengine's ``CheckpointLoader`` scheme ``''``, used by ``load_from``, ``--resume``,
``Pretrained`` init and the test tools) that raises :class:`CheckpointError` naming the
file, its size and the problem; when the file lies in a work dir it also names the newest
intact checkpoint beside it (and says when ``last_checkpoint`` points at the bad file), so
a run whose latest checkpoint was corrupted can be resumed from the one before.
"""
import os
import os.path as osp
from typing import Optional

import torch
from mmengine.runner.checkpoint import CheckpointLoader

__all__ = ['CheckpointError', 'load_local_checkpoint', 'newest_intact_checkpoint']


class CheckpointError(RuntimeError):
    """A checkpoint file that cannot be used; the message names it."""


def _read(filename: str, map_location=None):
    return torch.load(filename, map_location=map_location)


def newest_intact_checkpoint(folder: str, exclude: Optional[str] = None) -> Optional[str]:
    """The most recently written ``*.pth`` in ``folder`` that loads as a dict (or None)."""
    try:
        names = [n for n in os.listdir(folder) if n.endswith('.pth')]
    except OSError:
        return None
    paths = [osp.join(folder, n) for n in names]
    paths = [p for p in paths if exclude is None or osp.abspath(p) != osp.abspath(exclude)]
    for path in sorted(paths, key=lambda p: (osp.getmtime(p), p), reverse=True):
        try:
            if isinstance(_read(path, 'cpu'), dict):
                return path
        except Exception:  # noqa: BLE001 - any failure means "not intact"
            continue
    return None


def _problem(filename: str, err: Optional[Exception], content=None) -> str:
    size = osp.getsize(filename)
    if size == 0:
        what = 'is empty (0 bytes)'
    elif err is not None:
        with open(filename, 'rb') as f:
            head = f.read(2)
        kind = 'a zip archive' if head == b'PK' else 'not a torch.save file'
        what = (f'is not a readable checkpoint ({size} bytes, {kind}; probably truncated or '
                f'overwritten: {type(err).__name__}: {str(err)[:200]})')
    else:
        what = f'holds a {type(content).__name__}, not a checkpoint dict'
    message = f'checkpoint {filename} {what}'
    folder = osp.dirname(osp.abspath(filename))
    last = osp.join(folder, 'last_checkpoint')
    try:
        with open(last) as f:
            if osp.abspath(f.read().strip()) == osp.abspath(filename):
                message += f'; {last} points at it'
    except OSError:
        pass
    intact = newest_intact_checkpoint(folder, exclude=filename)
    if intact is not None:
        message += (f'. The newest intact checkpoint there is {intact}: resume with '
                    f'--resume {intact} (or load it with load_from)')
    return message


@CheckpointLoader.register_scheme(prefixes='', force=True)
def load_local_checkpoint(filename: str, map_location=None):
    """mmengine's local loader, with :class:`CheckpointError` for unusable files.

    Raises:
        FileNotFoundError: no such file.
        CheckpointError: empty, truncated, not a ``torch.save`` file, or not a dict.
    """
    filename = osp.expanduser(filename)
    if not osp.isfile(filename):
        raise FileNotFoundError(f'{filename} can not be found.')
    try:
        checkpoint = _read(filename, map_location)
    except Exception as err:  # noqa: BLE001 - every load failure means the same to the user
        if isinstance(err, (MemoryError, KeyboardInterrupt)):
            raise
        raise CheckpointError(_problem(filename, err)) from err
    if not isinstance(checkpoint, dict):
        raise CheckpointError(_problem(filename, None, checkpoint))
    return checkpoint
