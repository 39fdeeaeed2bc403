"""Writes that leave either the old file or the complete new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from .._errors import WriteError

__all__ = ["atomic_path", "current_umask", "write_atomic"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` on success.

    For writers that want a file name (openpyxl, networkx). On any error the
    temporary file is removed and ``path`` is left as it was. The temporary
    file is in the target's folder (so the rename is atomic and a killed write
    leaves at most a hidden ``.NAME.*.tmp`` there); after the rename the folder
    is fsynced, so the new name survives a power cut. A file-system failure is
    raised as `WriteError` (an `OSError`) naming ``path``; a missing folder is
    reported, not created.
    """
    target = Path(path)
    if target.is_dir():
        raise WriteError("is a folder; give a file name", file=str(target))
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise WriteError(f"no such folder: {str(target.parent)!r}", file=str(target)) from None
    except OSError as error:
        raise WriteError(f"cannot write here: {error.strerror or error}", file=str(target)) from None
    os.close(handle)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would have,
        # or keep the mode of the file it replaces.
        os.chmod(temporary, _mode_for(target))
        yield Path(temporary)
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        _fsync_folder(target.parent)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, WriteError):
            raise WriteError(f"cannot write: {error.strerror or error}", file=str(target)) from error
        raise


def _fsync_folder(folder: Path) -> None:
    # POSIX makes a rename durable only once the folder itself is synced; Windows cannot open folders.
    if os.name != "posix":  # pragma: no cover
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(descriptor)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~current_umask()


_umask_lock = threading.Lock()


def current_umask() -> int:
    """The process umask, read without changing it where the system allows.

    Linux shows it in ``/proc/self/status``; elsewhere it is read by setting and
    restoring it under a lock, so that two writers in this process never race.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):  # pragma: no cover - not Linux
        pass
    with _umask_lock:  # pragma: no cover - not Linux
        umask = os.umask(0o077)
        os.umask(umask)
        return umask


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path) as temporary:
        temporary.write_bytes(payload)
