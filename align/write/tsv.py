"""TSV: Korean text, English text, score, kind, and a note: a leftover's category or a pair's flags."""

from __future__ import annotations

import regex

from ..types import Alignment, Bead

_BREAKS = regex.compile(r"[\t\r\n\u2028\u2029]+")


def cell(text: str) -> str:
    """A text fit for one TSV cell: tabs and line breaks become single spaces."""
    return _BREAKS.sub(" ", text)


def to_tsv(alignment: Alignment, beads: list[Bead]) -> str:
    lines = []
    for bead in beads:
        ko, en = alignment.texts(bead)
        note = bead.category or "; ".join(f.message for f in bead.flags)
        lines.append("\t".join([cell(ko), cell(en), f"{bead.score:.4f}", bead.kind, cell(note)]))
    return "".join(line + "\n" for line in lines)
