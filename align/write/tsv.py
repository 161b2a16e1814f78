"""TSV: Korean text, English text, score, kind, a note (a leftover's category or a pair's flags),
then where the bead comes from: its document and its Korean and English sentence indices
(comma-separated), then ``verified`` (``true`` if a person made, corrected or accepted the
bead in ``align review``, else ``false``), then any carried manifest columns (named ``meta.COLUMN`` in the header,
so that a manifest's ``score`` or ``note`` never passes for the tool's own).

No quoting and no escaping: a field never holds a tab or a line break (they become spaces),
so a double quote is an ordinary character. Read it as such, e.g. with pandas
``read_csv(path, sep="\\t", quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False)``.
Read in terminals and spreadsheets, so control characters are shown as symbols, not passed on
(an escape sequence in an article must not retitle or rewrite the reader's terminal)."""

from __future__ import annotations

from .fields import meta_values
from .text import bead_lines, bool_text, flags_text, indices_text, joined_lines, one_line, visible

COLUMNS = ("ko", "en", "score", "kind", "note", "document", "ko_ids", "en_ids", "verified")


def header_names(carry: tuple[str, ...] = ()) -> list[str]:
    return [*COLUMNS, *(f"meta.{key}" for key in carry)]


def to_tsv(documents, header: bool = False, carry: tuple[str, ...] = ()) -> str:
    """``header``: a first line naming the columns (the carried ones by their manifest names)."""
    lines = ["\t".join(one_line(c) for c in header_names(carry))] if header else []
    for alignment, beads in documents:
        meta = [one_line(v) for v in meta_values(alignment, carry).values()]
        for bead in beads:
            note = bead.category or flags_text(bead)
            lines.append("\t".join([*bead_lines(alignment, bead), f"{bead.score:.4f}", bead.kind, one_line(note),
                                    one_line(alignment.name), indices_text(bead.ko), indices_text(bead.en),
                                    bool_text(bead.verified), *meta]))
    return visible(joined_lines(lines))
