"""Text of a bead as one line: what every line-based format writes."""

from __future__ import annotations

import regex

from ..types import Alignment, Bead

# every character str.splitlines() breaks at (the file, group and record separators too), and tabs
_BREAKS = regex.compile(r"[\t\r\n\u2028\u2029\u0085\v\f\x1c\x1d\x1e]+")


def one_line(text: str) -> str:
    """Tabs and line breaks become single spaces, so a sentence never breaks a line-aligned file."""
    return _BREAKS.sub(" ", text)


def bead_lines(alignment: Alignment, bead: Bead) -> tuple[str, str]:
    """Korean and English text of a bead, multi-sentence beads joined with a space, one line each."""
    ko, en = alignment.texts(bead)
    return one_line(ko), one_line(en)


def joined_lines(lines) -> str:
    """Lines, each ended by a newline."""
    return "".join(line + "\n" for line in lines)
