"""TSV: Korean text, English text, score, kind, and a note: a leftover's category or a pair's flags."""

from __future__ import annotations

from .text import bead_lines, joined_lines, one_line


def to_tsv(documents) -> str:
    lines = []
    for alignment, beads in documents:
        for bead in beads:
            note = bead.category or "; ".join(f.message for f in bead.flags)
            lines.append("\t".join([*bead_lines(alignment, bead), f"{bead.score:.4f}", bead.kind, one_line(note)]))
    return joined_lines(lines)
