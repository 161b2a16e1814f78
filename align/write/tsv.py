"""TSV: Korean text, English text, score, kind, and for a leftover its category."""

from __future__ import annotations

import regex

from ..types import Alignment

_BREAKS = regex.compile(r"[\t\r\n\u2028\u2029]+")


def cell(text: str) -> str:
    """A text fit for one TSV cell: tabs and line breaks become single spaces."""
    return _BREAKS.sub(" ", text)


def to_tsv(alignment: Alignment) -> str:
    lines = []
    for bead in alignment.beads:
        ko, en = alignment.texts(bead)
        lines.append("\t".join([cell(ko), cell(en), f"{bead.score:.4f}", bead.kind, bead.category or ""]))
    return "".join(line + "\n" for line in lines)
