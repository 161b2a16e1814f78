"""Where a file is written: renderers per format, and the atomic write.

Every renderer takes *documents*: a list of ``(alignment, beads)``, the beads being
the part of each alignment to write (see :func:`align.select.select`).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..types import Alignment, Bead
from .atomic import write_atomic
from .corpus import to_hf, write_moses
from .html import to_html
from .jsonl import to_jsonl
from .report import format_report
from .tmx import to_tmx
from .tsv import to_tsv

RENDERERS = {"tsv": to_tsv, "jsonl": to_jsonl, "tmx": to_tmx, "hf": to_hf, "html": to_html}
FORMATS = (*RENDERERS, "moses")
# Formats with no place for a leftover: what is not a pair is set aside (never lost).
PAIRS_ONLY = frozenset({"tmx", "hf", "moses"})


def render(alignment: Alignment, fmt: str = "tsv", beads: list[Bead] | None = None, **options) -> str:
    """One alignment (or the chosen ``beads`` of it) as text in a single-file format."""
    return render_documents([(alignment, alignment.beads if beads is None else beads)], fmt, **options)


def render_documents(documents, fmt: str, **options) -> str:
    if fmt not in RENDERERS:
        raise ValueError(f"{fmt!r} is not a single-file format")
    return RENDERERS[fmt](documents, **options)


def write_documents(documents, path: str | os.PathLike, fmt: str, **options) -> list[str]:
    """Write ``documents`` to ``path`` (for Moses, a name prefix), each file whole or not at all."""
    if fmt == "moses":
        return write_moses(documents, path)
    write_atomic(path, render_documents(documents, fmt, **options))
    return [str(Path(path))]


def write(alignment: Alignment, path: str | os.PathLike, fmt: str = "tsv",
          beads: list[Bead] | None = None, **options) -> list[str]:
    """Write one alignment to ``path``, whole or not at all."""
    return write_documents([(alignment, alignment.beads if beads is None else beads)], path, fmt, **options)


__all__ = ["FORMATS", "PAIRS_ONLY", "format_report", "render", "render_documents", "write",
           "write_documents"]
