"""The lock that keeps a review project to one editor at a time: ``KO.review.lock``, next to the project.

Two servers on one project would both number their next edit the same and the project
would keep only one of them, so the second opening is refused. The lock is an ``flock``
the kernel drops when its process dies (a SIGKILLed server leaves no lock that blocks the
restart, only the file, with the dead process's pid); a clean release removes the file.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from align.errors import InputError, OutputError


def lock_path_for(project: str | os.PathLike) -> Path:
    return Path(str(project).removesuffix(".jsonl") + ".lock")


class ProjectLock:
    """The exclusive, non-blocking lock of the project at ``project``, held from :meth:`acquire`
    until :meth:`release` (or until the lock is garbage-collected or the process ends)."""

    def __init__(self, project: str | os.PathLike):
        self.project, self.path = Path(project), lock_path_for(project)
        self._file = None

    def acquire(self) -> ProjectLock:
        while self._file is None:
            try:
                fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open: it is the lock
            except OSError as err:
                raise OutputError(self.path, f"cannot be created ({err.strerror or err})") from None
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                pid = fh.read(20).strip() or "unknown"
                fh.close()
                raise InputError(self.project, f"is open in another align review (pid {pid})") from None
            if _same_file(fh, self.path):
                fh.truncate(0)
                fh.write(str(os.getpid()))
                fh.flush()
                self._file = fh
            else:  # its holder released it (removed the file) while we waited: lock the file there now
                fh.close()
        return self

    def release(self) -> None:
        if self._file is not None:
            self.path.unlink(missing_ok=True)  # while still locked, so no one locks a file about to go
            self._file.close()
            self._file = None


def _same_file(fh, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fh.fileno())
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)
