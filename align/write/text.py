"""Text of a bead as one line: what every line-based format writes."""

from __future__ import annotations

import regex

from ..types import Alignment, Bead

# every character str.splitlines() breaks at (the file, group and record separators too), and tabs
_BREAKS = regex.compile(r"[\t\r\n\u2028\u2029\u0085\v\f\x1c\x1d\x1e]+")


# what a terminal would act on (ESC starts a control sequence, BEL rings, ...): C0 and C1 controls and DEL
_CONTROLS = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Control characters as visible symbols (ESC as ␛; C1 controls as �), for output a person reads."""
    return _CONTROLS.sub(lambda m: chr(0x2400 + ord(m[0])) if m[0] < "\x20" else "\u2421" if m[0] == "\x7f"
                         else "\ufffd", text)


def one_line(text: str) -> str:
    """Tabs and line breaks become single spaces, so a sentence never breaks a line-aligned file."""
    return _BREAKS.sub(" ", text)


def bead_lines(alignment: Alignment, bead: Bead) -> tuple[str, str]:
    """Korean and English text of a bead, multi-sentence beads joined with a space, one line each."""
    ko, en = alignment.texts(bead)
    return one_line(ko), one_line(en)


def indices_text(indices) -> str:
    """Sentence indices in one text field: ``3,4`` (empty for none)."""
    return ",".join(map(str, indices))


def flags_text(bead: Bead) -> str:
    """A bead's flag messages in one text field, "; " between them ("" for none)."""
    return "; ".join(f.message for f in bead.flags)


def bool_text(value: bool) -> str:
    """A bool in a text column, spelt as JSON spells it."""
    return "true" if value else "false"


def joined_lines(lines) -> str:
    """Lines, each ended by a newline."""
    return "".join(line + "\n" for line in lines)
