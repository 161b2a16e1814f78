"""Boilerplate: lines that recur across many documents of one source are page furniture.

This is how corpus builders clean crawls: a site's menus, share rows, notices and
copyright lines repeat on every page it serves, while the stories do not. A segment
standing on a line of its own whose text recurs in at least ``min_count`` documents and
``min_share`` of a source's documents is boilerplate, whatever it looks like.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from .debris import own_line

MIN_COUNT = 5
MIN_SHARE = 0.05


def normalised(text: str) -> str:
    """A segment's text as boilerplate is compared: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


def recurring_lines(documents: Iterable[str], split: str = "auto", min_count: int = MIN_COUNT,
                    min_share: float = MIN_SHARE) -> frozenset[str]:
    """The normalised texts of the lines that recur across ``documents`` (one source, one language)."""
    from ..pipeline import sentences_of  # the segments the aligner will see (the pipeline imports this package)
    return recurring({normalised(s.text) for s in sentences_of(text, split) if own_line(text, s)}
                     for text in documents)


def recurring(documents: Iterable[set[str]], min_count: int = MIN_COUNT, min_share: float = MIN_SHARE) -> frozenset[str]:
    """The texts found in at least ``min_count`` of ``documents`` (each the set of its normalised
    texts) and ``min_share`` of them."""
    counts: Counter[str] = Counter()
    total = 0
    for texts in documents:
        total += 1
        counts.update(texts)
    needed = max(min_count, math.ceil(min_share * total))
    return frozenset(text for text, n in counts.items() if n >= needed)
