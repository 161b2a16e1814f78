"""Writing files whole or not at all, together or not at all."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..errors import OutputError


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``path`` whole or not at all."""
    write_all({path: data})


def write_all(files: dict[str | os.PathLike, str | bytes]) -> None:
    """Write every file whole, or leave none changed: each is first staged in a temporary file
    beside its target, and only when all are staged are they renamed into place.

    A symbolic link is kept and the file it points to replaced. A target that exists but is
    not a regular file (``/dev/stdout``, ``/dev/null``, a FIFO) is written through, never
    replaced by a file. Failures raise :class:`OutputError` naming the file.
    """
    staged: list[tuple[str | None, Path, bytes]] = []
    current = None
    try:
        for current, data in files.items():
            content = data.encode("utf-8") if isinstance(data, str) else data
            if _special(current):
                staged.append((None, Path(current), content))
            else:
                target = Path(os.path.realpath(current))
                staged.append((_stage(current, target, content), target, content))
        for tmp, current, _ in staged:
            if tmp is not None:
                os.replace(tmp, current)
        for tmp, current, content in staged:
            if tmp is None:
                with open(current, "wb") as fh:
                    fh.write(content)
    except OSError as err:
        raise OutputError(current, f"cannot be written ({err.strerror or err})") from None
    finally:
        for tmp, _, _ in staged:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


def _special(path) -> bool:
    """Whether ``path`` exists (links followed) and is not a regular file."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return False


def _stage(path, target: Path, content: bytes) -> str:
    if not target.parent.is_dir():
        raise OutputError(path, f"cannot be written (no folder {target.parent})")
    # the temporary name stays short: a legal 250-character target must not make an illegal one
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's private 0600 is not what a user expects of an output
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
