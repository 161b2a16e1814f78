"""Where a file is written: renderers per format, and the atomic write."""

from __future__ import annotations

import os

from .atomic import write_atomic
from ..types import Alignment
from .jsonl import to_jsonl
from .tsv import to_tsv

RENDERERS = {"tsv": to_tsv, "jsonl": to_jsonl}
FORMATS = tuple(RENDERERS)


def render(alignment: Alignment, fmt: str = "tsv") -> str:
    """The alignment as text in ``fmt`` (one of :data:`FORMATS`)."""
    return RENDERERS[fmt](alignment)


def write(alignment: Alignment, path: str | os.PathLike, fmt: str = "tsv") -> None:
    """Write the alignment to ``path`` whole or not at all."""
    write_atomic(path, render(alignment, fmt))


__all__ = ["FORMATS", "render", "write"]
