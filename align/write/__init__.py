"""Where a file is written: renderers per format, and the atomic write."""

from __future__ import annotations

import os

from ..types import Alignment, Bead
from .atomic import write_atomic
from .jsonl import to_jsonl
from .report import format_report
from .tsv import to_tsv

RENDERERS = {"tsv": to_tsv, "jsonl": to_jsonl}
FORMATS = tuple(RENDERERS)


def render(alignment: Alignment, fmt: str = "tsv", beads: list[Bead] | None = None) -> str:
    """The alignment (or the chosen ``beads`` of it) as text in ``fmt``, one of :data:`FORMATS`."""
    return RENDERERS[fmt](alignment, alignment.beads if beads is None else beads)


def write(alignment: Alignment, path: str | os.PathLike, fmt: str = "tsv",
          beads: list[Bead] | None = None) -> None:
    """Write the alignment to ``path`` whole or not at all."""
    write_atomic(path, render(alignment, fmt, beads))


__all__ = ["FORMATS", "format_report", "render", "write"]
