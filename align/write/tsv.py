"""TSV: Korean text, English text, score, kind, and a note: a leftover's category or a pair's flags.

Read in terminals and spreadsheets, so control characters are shown as symbols, not passed on
(an escape sequence in an article must not retitle or rewrite the reader's terminal)."""

from __future__ import annotations

from .text import bead_lines, joined_lines, one_line, visible


def to_tsv(documents) -> str:
    lines = []
    for alignment, beads in documents:
        for bead in beads:
            note = bead.category or "; ".join(f.message for f in bead.flags)
            lines.append("\t".join([*bead_lines(alignment, bead), f"{bead.score:.4f}", bead.kind, one_line(note)]))
    return visible(joined_lines(lines))
