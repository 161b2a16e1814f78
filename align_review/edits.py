"""The reviewer's edits, as pure functions from a :class:`Review` to a :class:`Change`.

A change replaces a run of beads (``removed`` at position ``at``) with new ones
(``added``), and may replace sentence texts; its inverse undoes it. :func:`apply`
refuses (:class:`EditError`) a change that does not fit the state it is applied to or
that would break the invariant: every sentence of both texts in exactly one bead, in
document order, each bead a pair (both sides) or a leftover (one sentence of one side).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, replace

from align.checks import check_pair
from align.errors import AlignError
from align.summary import DEBRIS
from align.types import SIDE_NAMES, Bead, Sentence


class EditError(AlignError):
    """An edit that does not apply, or would break the alignment's invariant."""


class ArgumentError(EditError):
    """An edit asked for by a name or with arguments no edit takes (a malformed request)."""


@dataclass(frozen=True)
class TextEdit:
    """Sentence ``index`` of ``side`` (``"ko"``/``"en"``) now reads ``after`` instead of ``before``."""

    side: str
    index: int
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """``beads[at:at + len(removed)]`` becomes ``added``; ``texts`` are the sentence texts it changes."""

    op: str
    at: int
    removed: tuple[Bead, ...]
    added: tuple[Bead, ...]
    texts: tuple[TextEdit, ...] = ()

    def inverse(self) -> Change:
        return Change(f"undo {self.op}", self.at, self.added, self.removed,
                      tuple(TextEdit(t.side, t.index, t.after, t.before) for t in self.texts))


@dataclass(frozen=True)
class Review:
    """The state under review: the original sentences (text and spans, never changed), the current
    sentence texts (what exports use), and the beads."""

    ko: tuple[Sentence, ...]
    en: tuple[Sentence, ...]
    ko_now: tuple[str, ...]
    en_now: tuple[str, ...]
    beads: tuple[Bead, ...]
    en_document: str = ""  # the whole English text, for the name check of a pair's flags

    def now(self, side: str) -> tuple[str, ...]:
        return self.ko_now if side == "ko" else self.en_now


def categories(side: str) -> tuple[str, ...]:
    """The categories a leftover of ``side`` can have: content with no counterpart, then page debris."""
    return ("omission" if side == "ko" else "addition", *DEBRIS)


# --- the edits -------------------------------------------------------------------------------------

def merge(review: Review, i: int) -> Change:
    """Bead ``i`` and the next one become one pair."""
    first, second = _bead(review, i), _bead(review, i + 1, "there is no next bead to merge with")
    ko, en = first.ko + second.ko, first.en + second.en
    if not ko or not en:
        raise EditError(f"beads {i} and {i + 1} are both {_side_name(first.side)} leftovers: merged, "
                        "they would have no counterpart (link a leftover of the other side instead)")
    return Change("merge", i, (first, second), (_pair(review, ko, en),))


def split(review: Review, i: int, ko_cut: int | None = None, en_cut: int | None = None) -> Change:
    """Pair ``i`` becomes two beads: its first ``ko_cut`` Korean and ``en_cut`` English sentences
    (default 1 and 1), and the rest. A part with one side empty becomes leftovers."""
    bead = _bead(review, i)
    if bead.is_leftover or len(bead.ko) + len(bead.en) <= 2:
        raise EditError(f"bead {i} is not a merged pair: there is nothing to split")
    ko_cut = min(1, len(bead.ko)) if ko_cut is None else ko_cut
    en_cut = min(1, len(bead.en)) if en_cut is None else en_cut
    if not (0 <= ko_cut <= len(bead.ko) and 0 <= en_cut <= len(bead.en)) or \
            (ko_cut, en_cut) in ((0, 0), (len(bead.ko), len(bead.en))):
        raise EditError(f"bead {i} cannot be cut after {ko_cut} Korean and {en_cut} English sentences")
    parts = (_beads(review, bead.ko[:ko_cut], bead.en[:en_cut], "split off by the reviewer")
             + _beads(review, bead.ko[ko_cut:], bead.en[en_cut:], "split off by the reviewer"))
    return Change("split", i, (bead,), parts)


def unlink(review: Review, i: int) -> Change:
    """Pair ``i`` becomes leftovers, its Korean sentences first."""
    bead = _bead(review, i)
    if bead.is_leftover:
        raise EditError(f"bead {i} is a leftover: there is no pair to unlink")
    return Change("unlink", i, (bead,), _leftovers(bead.ko, "ko", "unlinked by the reviewer")
                  + _leftovers(bead.en, "en", "unlinked by the reviewer"))


def link(review: Review, i: int, step: int = 1) -> Change:
    """Leftover ``i`` joins its neighbour (the next bead for ``step`` 1, the previous for -1)."""
    bead = _bead(review, i)
    if not bead.is_leftover:
        raise EditError(f"bead {i} is a pair, not a leftover (merge pairs instead)")
    if step not in (1, -1):
        raise EditError(f"a leftover links to the bead just before or after it, not {step} away")
    other = _bead(review, i + step, f"leftover {i} has no {'next' if step == 1 else 'previous'} bead to link to")
    if other.is_leftover and other.side == bead.side:
        raise EditError(f"beads {i} and {i + step} are both {_side_name(bead.side)} leftovers: "
                        "a link needs a sentence of the other side")
    change = merge(review, min(i, i + step))
    return replace(change, op="link")


def move(review: Review, i: int, side: str, step: int) -> Change:
    """Move a boundary sentence of ``side``: bead ``i``'s last one down into the next bead
    (``step`` 1), or its first one up into the previous bead (``step`` -1)."""
    bead = _bead(review, i)
    if side not in ("ko", "en") or step not in (1, -1):
        raise EditError(f"a move takes a side (ko or en) and a direction (1 or -1), not {side!r}, {step!r}")
    mine = getattr(bead, side)
    if not mine:
        raise EditError(f"bead {i} has no {_side_name(side)} sentence to move")
    j = i + step
    other = _bead(review, j, f"bead {i} has no {'next' if step == 1 else 'previous'} bead to move into")
    theirs = getattr(other, side)
    moved = mine[-1] if step == 1 else mine[0]
    kept = mine[:-1] if step == 1 else mine[1:]
    joined = (moved,) + theirs if step == 1 else theirs + (moved,)
    reason = "moved by the reviewer"
    rest = {side: kept, _other(side): getattr(bead, _other(side))}
    mine_new = _beads(review, rest["ko"], rest["en"], reason)
    if other.is_leftover and other.side == side:  # no pair to join: the sentence is left alone beside it
        if bead.is_leftover:
            raise EditError(f"beads {i} and {j} are both {_side_name(side)} leftovers: moving makes no pair")
        alone = _leftovers((moved,), side, reason)
        theirs_new = alone + (other,) if step == 1 else (other,) + alone
    else:
        grown = {side: joined, _other(side): getattr(other, _other(side))}
        theirs_new = _beads(review, grown["ko"], grown["en"], reason)
    added = mine_new + theirs_new if step == 1 else theirs_new + mine_new
    return Change("move", min(i, j), (bead, other) if step == 1 else (other, bead), added)


def set_category(review: Review, i: int, category: str) -> Change:
    """Leftover ``i`` is named ``category`` (see :func:`categories`)."""
    bead = _bead(review, i)
    if not bead.is_leftover:
        raise EditError(f"bead {i} is a pair: only a leftover has a category")
    if category not in categories(bead.side):
        raise EditError(f"{category!r} is not a category of a {_side_name(bead.side)} leftover "
                        f"(one of {', '.join(categories(bead.side))})")
    if category == bead.category:
        raise EditError(f"leftover {i} is already {category}")
    reason = f"named by the reviewer (was {bead.category}: {bead.reason})"
    return Change("category", i, (bead,), (replace(bead, category=category, reason=reason, verified=True),))


def cycle_category(review: Review, i: int, step: int = 1) -> Change:
    """Leftover ``i`` gets the next (or, ``step`` -1, the previous) category of :func:`categories`."""
    bead = _bead(review, i)
    if not bead.is_leftover:
        raise EditError(f"bead {i} is a pair: only a leftover has a category")
    names = categories(bead.side)
    at = names.index(bead.category) if bead.category in names else -1
    return set_category(review, i, names[(at + step) % len(names)])


def accept(review: Review, i: int) -> Change:
    """Bead ``i`` is confirmed by the reviewer as it is."""
    bead = _bead(review, i)
    if bead.verified:
        raise EditError(f"bead {i} is already verified")
    return Change("accept", i, (bead,), (replace(bead, verified=True),))


def edit_text(review: Review, side: str, index: int, text: str) -> Change:
    """Sentence ``index`` of ``side`` now reads ``text`` (its original text and span are kept);
    the bead holding it is verified, a pair's flags checked again."""
    if side not in ("ko", "en") or not 0 <= index < len(review.now(side)):
        raise EditError(f"there is no {side} sentence {index}")
    if not text.strip():
        raise EditError(f"{_side_name(side)} sentence {index} cannot be empty (unlink it or name it debris instead)")
    before = review.now(side)[index]
    if text == before:
        raise EditError(f"{_side_name(side)} sentence {index} already reads so")
    at = next(n for n, b in enumerate(review.beads) if index in getattr(b, side))
    bead = review.beads[at]
    edit = TextEdit(side, index, before, text)
    edited = apply(review, Change("text", at, (bead,), (bead,), (edit,)))  # the texts the flags are checked on
    new = replace(bead, verified=True)
    if not bead.is_leftover:
        new = replace(new, flags=_flags(edited, bead.ko, bead.en))
    return Change("text", at, (bead,), (new,), (edit,))


OPERATIONS = {"merge": merge, "split": split, "unlink": unlink, "link": link, "move": move,
              "category": set_category, "cycle_category": cycle_category, "accept": accept, "text": edit_text}


def check_arguments(op: str, args: dict) -> None:
    """Refuse (:class:`ArgumentError`) an unknown ``op``, or ``args`` its function does not take as they
    are: each a parameter it has, every parameter without a default given, an ``int`` parameter a
    whole number (JSON's ``true`` is not bead 1), a ``str`` one a string."""
    if op not in OPERATIONS:
        raise ArgumentError(f"unknown edit {op!r} (one of {', '.join(OPERATIONS)})")
    params = list(inspect.signature(OPERATIONS[op]).parameters.values())[1:]  # after the review
    names = {p.name for p in params}
    for name in args:
        if name not in names:
            raise ArgumentError(f"the {op} takes no argument {name!r} (it takes {', '.join(sorted(names))})")
    for p in params:
        if p.name not in args:
            if p.default is inspect.Parameter.empty:
                raise ArgumentError(f"the {op} needs the argument {p.name!r}")
            continue
        value, kind = args[p.name], "str" if p.annotation == "str" else "int"  # the annotations name one of them
        if value is None and "None" in p.annotation:
            continue
        if kind == "str" and not isinstance(value, str) or kind == "int" and type(value) is not int:
            raise ArgumentError(f"the {op}'s {p.name} must be {'a string' if kind == 'str' else 'a whole number'}, "
                                f"not {value!r}")


# --- applying a change, and the invariant ----------------------------------------------------------

def apply(review: Review, change: Change) -> Review:
    """``review`` with ``change`` made, or :class:`EditError` if it does not fit or breaks the invariant."""
    end = change.at + len(change.removed)
    if change.at < 0 or end > len(review.beads) or review.beads[change.at:end] != change.removed:
        raise EditError(f"the {change.op} was made on another state of the alignment (reload the page)")
    texts = {"ko": list(review.ko_now), "en": list(review.en_now)}
    for t in change.texts:
        if not 0 <= t.index < len(texts.get(t.side, ())) or texts[t.side][t.index] != t.before:
            raise EditError(f"the {change.op} was made on another text of {t.side} sentence {t.index}")
        texts[t.side][t.index] = t.after
    new = replace(review, beads=review.beads[:change.at] + change.added + review.beads[end:],
                  ko_now=tuple(texts["ko"]), en_now=tuple(texts["en"]))
    problem = invariant_problem(new)
    if problem:
        raise EditError(f"the {change.op} is refused: {problem}")
    return new


def invariant_problem(review: Review) -> str | None:
    """What breaks the invariant in ``review``, or ``None``."""
    for n, b in enumerate(review.beads):
        if b.is_leftover:
            if b.side not in ("ko", "en") or len(getattr(b, b.side)) != 1 or getattr(b, _other(b.side)):
                return f"leftover {n} must hold exactly one sentence of its side"
            if b.category not in categories(b.side):
                return f"leftover {n} has no valid category ({b.category!r})"
        elif not b.ko or not b.en or b.kind != f"{len(b.ko)}-{len(b.en)}" or b.side is not None:
            return f"pair {n} must hold sentences of both sides and be named by their counts"
    for side, sentences in (("ko", review.ko), ("en", review.en)):
        order = [i for b in review.beads for i in getattr(b, side)]
        if order != list(range(len(sentences))):
            return f"the {_side_name(side)} sentences would not each be in exactly one bead, in order"
    if len(review.ko_now) != len(review.ko) or len(review.en_now) != len(review.en):
        return "every sentence must keep a text"
    return None


# --- helpers ---------------------------------------------------------------------------------------

def _bead(review: Review, i: int, missing: str | None = None) -> Bead:
    if not isinstance(i, int) or not 0 <= i < len(review.beads):
        raise EditError(missing or f"there is no bead {i}")
    return review.beads[i]


def _pair(review: Review, ko: tuple[int, ...], en: tuple[int, ...]) -> Bead:
    """A pair the reviewer made: certain (score 1) and verified, its flags checked on the current texts."""
    return Bead(ko, en, 1.0, f"{len(ko)}-{len(en)}", flags=_flags(review, ko, en), verified=True)


def _beads(review: Review, ko: tuple[int, ...], en: tuple[int, ...], reason: str) -> tuple[Bead, ...]:
    """Sentences that belong together after an edit: one pair, or (one side empty) leftovers, or nothing."""
    if ko and en:
        return (_pair(review, ko, en),)
    return _leftovers(ko, "ko", reason) + _leftovers(en, "en", reason)


def _leftovers(indices: tuple[int, ...], side: str, reason: str) -> tuple[Bead, ...]:
    category = categories(side)[0]  # sentences that were paired are content, not debris
    return tuple(Bead((i,) if side == "ko" else (), () if side == "ko" else (i,), 0.0, "leftover",
                      side=side, category=category, reason=reason, verified=True) for i in indices)


def _flags(review: Review, ko: tuple[int, ...], en: tuple[int, ...]):
    return check_pair(" ".join(review.ko_now[i] for i in ko), " ".join(review.en_now[j] for j in en),
                      review.en_document or None)


def _other(side: str) -> str:
    return "en" if side == "ko" else "ko"


def _side_name(side: str | None) -> str:
    return SIDE_NAMES.get(side or "", "")
