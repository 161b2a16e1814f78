"""Errors the tool reports to its user as one line."""

from __future__ import annotations

import os


class AlignError(Exception):
    """A problem the user can act on; ``str(err)`` is one line."""


class FileError(AlignError):
    """A problem with one file; the message names the file (on one line) and the problem."""

    def __init__(self, path: str | os.PathLike, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{shown(self.path)}: {problem}")


class InputError(FileError):
    """Bad input."""


class OutputError(FileError):
    """An output that cannot be written."""


def shown(path: str) -> str:
    """A file name as one printable line: control characters (a newline in a name) escaped."""
    return "".join(repr(c)[1:-1] if not c.isprintable() else c for c in path)


class ModelError(AlignError):
    """An encoder or engine that cannot be loaded: not installed, not cached, not known."""
