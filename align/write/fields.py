"""What every corpus row carries besides its text: the manifest columns chosen to ride along.

A batch's manifest may hold any columns (url, date, source...). They reach the rows as
strings, the same keys in every row of a run (an absent value is ""), so the files of a
run have one schema whatever the manifest held (a number in one row, a string in another).
"""

from __future__ import annotations

import json

from ..types import Alignment


def meta_value(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def meta_values(alignment: Alignment, carry: tuple[str, ...]) -> dict[str, str]:
    """The ``carry`` columns of the alignment's manifest row, in that order, as strings."""
    return {key: meta_value(alignment.meta.get(key)) for key in carry}
