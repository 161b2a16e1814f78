"""The boilerplate of each source in a batch: lines that recur across its documents (see
:mod:`align.leftovers.boilerplate`), found before any pair is aligned."""

from __future__ import annotations

from pathlib import Path

from ..errors import AlignError
from ..leftovers.boilerplate import recurring_lines
from ..textio import read_text
from .manifest import Entry

Sides = tuple[frozenset[str], frozenset[str]]


def source_of(entry: Entry) -> str:
    """The source an entry's pages come from: its manifest ``source`` column, else the run as a whole."""
    return str(entry.meta.get("source", ""))


def find_boilerplate(entries: list[Entry], split: str = "auto") -> dict[str, Sides]:
    """Per source, the recurring Korean and English lines of its documents (unreadable files are skipped:
    their pairs fail on their own, with the reason)."""
    by_source: dict[str, list[Entry]] = {}
    for e in entries:
        by_source.setdefault(source_of(e), []).append(e)
    return {source: (recurring_lines(_texts(group, "ko"), split), recurring_lines(_texts(group, "en"), split))
            for source, group in by_source.items()}


def _texts(entries: list[Entry], side: str):
    for e in entries:
        path = getattr(e, side)
        if not Path(path).is_file():  # missing, a folder, a FIFO: its pair reports it
            continue
        try:
            yield read_text(path)
        except (AlignError, OSError):
            continue
