"""Where a file is written: renderers per format, and the atomic write.

Every renderer takes *documents*: a list of ``(alignment, beads)``, the beads being
the part of each alignment to write (see :func:`align.select.select`).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..types import Alignment, Bead
from .atomic import OutputError, write_all
from .corpus import moses_files, to_hf
from .html import to_html
from .jsonl import to_jsonl
from .parquet import to_parquet
from .report import format_report
from .tmx import to_tmx
from .tsv import to_tsv

RENDERERS = {"tsv": to_tsv, "jsonl": to_jsonl, "tmx": to_tmx, "hf": to_hf, "html": to_html, "parquet": to_parquet}
FORMATS = (*RENDERERS, "moses")
# Formats with no place for a leftover: what is not a pair is set aside (never lost).
PAIRS_ONLY = frozenset({"tmx", "hf", "moses", "parquet"})
# Formats that are not text: written to a file (-o), never to a terminal.
BINARY = frozenset({"parquet"})


def render(alignment: Alignment, fmt: str = "tsv", beads: list[Bead] | None = None, **options) -> str | bytes:
    """One alignment (or the chosen ``beads`` of it) as text (bytes for Parquet) in a single-file format."""
    return render_documents([(alignment, alignment.beads if beads is None else beads)], fmt, **options)


def render_documents(documents, fmt: str, **options) -> str | bytes:
    if fmt not in RENDERERS:
        raise ValueError(f"{fmt!r} is not a single-file format")
    return RENDERERS[fmt](documents, **options)


def files_of(documents, path: str | os.PathLike, fmt: str, **options) -> dict[str, str | bytes]:
    """Path -> content of the files ``documents`` make in ``fmt`` at ``path`` (for Moses, a name prefix)."""
    if fmt == "moses":
        return {f"{path}{suffix}": content for suffix, content in moses_files(documents, **options).items()}
    return {str(Path(path)): render_documents(documents, fmt, **options)}


def alignment_files(alignment: Alignment, kept: list[Bead], aside: list[Bead], output: str | os.PathLike | None,
                    fmt: str, leftovers: str | os.PathLike | None = None, html: str | os.PathLike | None = None,
                    **options) -> dict[str, str | bytes]:
    """Path -> content of every file one alignment makes, for :func:`write_all` to write together: ``kept`` in
    ``fmt`` at ``output`` (none when ``None``: standard output carries it), what was set ``aside`` as JSONL at
    ``leftovers`` (default ``OUTPUT.leftovers.jsonl``), and the whole alignment's review page at ``html``."""
    files = {}
    if aside:
        if not (leftovers or output):
            raise ValueError("beads set aside need a file: give leftovers or output")
        files.update(files_of([(alignment, aside)], leftovers or f"{output}.leftovers.jsonl", "jsonl"))
    if html:
        files.update(files_of([(alignment, alignment.beads)], html, "html"))
    if output:
        files.update(files_of([(alignment, kept)], output, fmt, **options))
    return files


def write_documents(documents, path: str | os.PathLike, fmt: str, **options) -> list[str]:
    """Write ``documents`` to ``path`` (for Moses, a name prefix), all files whole or none."""
    files = files_of(documents, path, fmt, **options)
    write_all(files)
    return list(files)


def write(alignment: Alignment, path: str | os.PathLike, fmt: str = "tsv",
          beads: list[Bead] | None = None, **options) -> list[str]:
    """Write one alignment to ``path``, whole or not at all."""
    return write_documents([(alignment, alignment.beads if beads is None else beads)], path, fmt, **options)


__all__ = ["BINARY", "FORMATS", "PAIRS_ONLY", "OutputError", "alignment_files", "files_of", "format_report", "render", "render_documents",
           "write", "write_all", "write_documents"]
