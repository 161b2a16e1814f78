"""Exports of a reviewed alignment, in the formats of ``align pair``, written whole or not at all.

Formats with no place for a leftover (TMX, HF, Parquet, Moses) set the leftovers aside in
``OUTPUT.leftovers.jsonl``, as ``align pair`` does: nothing is lost. Every format says
which beads a person verified (:attr:`align.types.Bead.verified`).
"""

from __future__ import annotations

import os
from pathlib import Path

from align import write
from align.errors import OutputError
from align.select import select

from .project import Project

EXPORT_FORMATS = ("tmx", "tsv", "jsonl", "moses", "hf", "parquet")
# the name an export from the page gets, after the project's name without ".review.jsonl"
SUFFIXES = {"tmx": ".reviewed.tmx", "tsv": ".reviewed.tsv", "jsonl": ".reviewed.jsonl", "moses": ".reviewed",
            "hf": ".reviewed.hf.jsonl", "parquet": ".reviewed.parquet"}


def export(project: Project, fmt: str, output: str | os.PathLike | None = None, **options) -> list[str]:
    """Write the reviewed alignment of ``project`` in ``fmt`` to ``output`` (for Moses, a name prefix;
    default: next to the project, see :data:`SUFFIXES`) and return the files written."""
    if fmt not in EXPORT_FORMATS:
        raise OutputError(output or project.path,
                          f"{fmt!r} is not an export format (one of {', '.join(EXPORT_FORMATS)})")
    output = str(output or default_output(project, fmt))
    alignment = project.alignment()
    kept, aside = select(alignment, pairs_only=fmt in write.PAIRS_ONLY)
    files = write.alignment_files(alignment, kept, aside, output, fmt, **options)
    _refuse_overwriting(project, files)
    write.write_all(files)
    return list(files)


def default_output(project: Project, fmt: str) -> Path:
    return Path(str(project.path).removesuffix(".jsonl").removesuffix(".review") + SUFFIXES[fmt])


def _refuse_overwriting(project: Project, files: dict) -> None:
    """An export never replaces the project, its log or the inputs it was made from."""
    inputs = [project.path.parent / i["path"] for i in project.header["inputs"].values()]
    kept = {os.path.realpath(p) for p in (project.path, project.log_path, *inputs)}
    for path in files:
        if os.path.realpath(path) in kept:
            raise OutputError(path, "is the review project, its log or one of its inputs: give another file")
