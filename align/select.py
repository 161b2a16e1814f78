"""Choosing what goes into an output: drop leftover categories, keep chosen kinds, a score threshold.

Whatever is not kept is set aside, never lost: writers put it in a leftovers file.
"""

from __future__ import annotations

from collections.abc import Iterable

from .aligner.dp import SHAPES
from .summary import DEBRIS
from .types import Alignment, Bead

# Names ``--drop`` accepts besides single categories.
GROUPS = {"debris": DEBRIS, "none": ()}
CATEGORIES = ("omission", "addition", *DEBRIS)
# Bead kinds ``--kinds`` accepts: every pair shape the aligner makes, and leftovers.
KINDS = (*(f"{a}-{b}" for a, b in SHAPES), "leftover")


def parse_categories(spec: str | Iterable[str] | None) -> frozenset[str]:
    """``"debris,omission"`` -> the categories named, with ``debris`` standing for all page debris.

    An unknown name is a :class:`ValueError` saying which names there are.
    """
    if spec is None:
        return frozenset()
    out = set()
    for name in _names(spec):
        if name not in GROUPS and name not in CATEGORIES:
            raise ValueError(f"unknown leftover category {name!r} (one of {', '.join((*GROUPS, *CATEGORIES))})")
        out.update(GROUPS.get(name, (name,)))
    return frozenset(out)


def parse_kinds(spec: str | Iterable[str] | None) -> frozenset[str] | None:
    """``"1-1,2-1"`` -> those bead kinds (``None``: all); an unknown kind is a :class:`ValueError`."""
    if spec is None:
        return None
    kinds = frozenset(_names(spec))
    unknown = sorted(kinds - set(KINDS))
    if unknown:
        raise ValueError(f"unknown bead kind {unknown[0]!r} (one of {', '.join(KINDS)})")
    return kinds


def _names(spec: str | Iterable[str]) -> list[str]:
    names = spec.split(",") if isinstance(spec, str) else list(spec)
    return [n.strip() for n in names if n.strip()]


def select(alignment: Alignment, drop: Iterable[str] = (), min_score: float | None = None,
           kinds: Iterable[str] | None = None, pairs_only: bool = False) -> tuple[list[Bead], list[Bead]]:
    """Split the beads into (kept, set aside), each in document order.

    ``drop``: leftover categories to set aside; ``min_score``: pairs scoring lower
    are set aside; ``kinds``: keep only these bead kinds (``1-1``, ``2-1``, ``leftover``...);
    ``pairs_only``: every leftover is set aside (for formats that have no place for one).
    """
    drop, kinds = frozenset(drop), (frozenset(kinds) if kinds else None)
    kept, aside = [], []
    for bead in alignment.beads:
        out = ((bead.is_leftover and (pairs_only or bead.category in drop))
               or (not bead.is_leftover and min_score is not None and bead.score < min_score)
               or (kinds is not None and bead.kind not in kinds))
        (aside if out else kept).append(bead)
    return kept, aside
