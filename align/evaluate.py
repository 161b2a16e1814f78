"""Scoring an alignment against a gold one: Vecalign's strict and lax precision/recall/F1,
precision and recall of unaligned sentences, and the share of pairs a reviewer changed.

An alignment here is a list of beads as index tuples, ``(ko indices, en indices)``; a bead
with one side empty is a sentence left alone (a leftover). :func:`read_beads` reads them
from ``align pair -f jsonl`` output (or an editor's project file of the same records) and
from Vecalign's format (``[0,1]:[0]`` a line, as ``samples/*.gold``).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import asdict, dataclass

import numpy as np
import regex

from .errors import InputError
from .textio import read_text
from .types import SIDE_NAMES

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def _counts(gold: Beads, test: Beads) -> tuple[int, int, int, int]:
    """(strict tp, strict fp, lax tp, lax fp) of ``test`` against ``gold``, as Vecalign's score.py counts.

    A test bead is a strict hit when the gold holds it exactly, a lax hit when some gold
    bead shares a sentence with it on both sides.
    """
    gold_set = {(tuple(x), tuple(y)) for x, y in gold if x or y}
    test_set = {(tuple(x), tuple(y)) for x, y in test if x or y}
    gold_targets = defaultdict(set)
    for x, y in gold_set:
        for i in x:
            gold_targets[i].update(y)
    tps = fps = tpl = fpl = 0
    for x, y in test_set:
        if (x, y) in gold_set:
            tps += 1
            tpl += 1
            continue
        fps += 1
        overlap = set(y) & set().union(*(gold_targets[i] for i in x)) if x else set()
        if overlap:
            tpl += 1
        else:
            fpl += 1
    return tps, fps, tpl, fpl


UNALIGNED_TP, UNALIGNED_FP, UNALIGNED_FN = 8, 9, 10  # where doc_counts puts them
CHANGED, PREDICTED_PAIRS = 11, 12


def doc_counts(gold: Beads, test: Beads) -> np.ndarray:
    """One document's counts, which add up over documents: strict and lax tp/fp for precision,
    the same for recall (roles swapped, null beads left out), unaligned tp, fp, fn, and the
    test's pairs that the gold does not hold, of all its pairs."""
    gold_pairs, test_pairs = _pairs(gold), _pairs(test)
    recall = _counts(test_pairs, gold_pairs)
    g, t = _left_alone(gold), _left_alone(test)
    return np.array([*_counts(gold, test), *recall, len(g & t), len(t - g), len(g - t),
                     len(test_pairs - gold_pairs), len(test_pairs)], dtype=np.int64)


def _pairs(beads: Beads) -> set:
    return {(tuple(x), tuple(y)) for x, y in beads if x and y}


def _left_alone(beads: Beads) -> set[tuple[str, int]]:
    """The sentences in 1-0 / 0-1 beads, as (side, index)."""
    return {(side, i) for x, y in beads for side, idx in (("ko", x), ("en", y)) if not (x and y) for i in idx}


@dataclass(frozen=True)
class Scores:
    """What :func:`from_counts` makes of counts: strict and lax P/R/F1 (Vecalign's definitions),
    unaligned P/R (of the sentences each side leaves alone; 1.0 when there is nothing to find),
    and ``changed``: the share of the predicted pairs that the gold does not hold exactly
    (``changed_pairs`` of ``predicted_pairs``), i.e. what a reviewer had to change."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    unaligned_precision: float
    unaligned_recall: float
    changed: float
    changed_pairs: int
    predicted_pairs: int

    def as_dict(self) -> dict:
        return asdict(self)


def from_counts(c) -> Scores:
    """The scores of :func:`doc_counts` (summed over documents)."""
    def ratio(a, b):
        return a / (a + b) if a + b else 0.0

    def f1(x, y):
        return 2 * x * y / (x + y) if x + y else 0.0

    ps, pl, rs, rl = ratio(c[0], c[1]), ratio(c[2], c[3]), ratio(c[4], c[5]), ratio(c[6], c[7])
    tp, fp, fn = c[UNALIGNED_TP], c[UNALIGNED_FP], c[UNALIGNED_FN]
    changed, predicted = int(c[CHANGED]), int(c[PREDICTED_PAIRS])
    return Scores(ps, rs, f1(ps, rs), pl, rl, f1(pl, rl),
                  tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0,
                  changed / predicted if predicted else 0.0, changed, predicted)


def score(pred: Beads, gold: Beads) -> Scores:
    """The scores of the alignment ``pred`` against the gold alignment ``gold`` (one document)."""
    return from_counts(doc_counts(gold, pred))


@dataclass(frozen=True)
class Evaluation:
    """The scores of one file against another, naming both."""

    pred: str
    gold: str
    scores: Scores

    def as_dict(self) -> dict:
        return {"pred": self.pred, "gold": self.gold, **self.scores.as_dict()}


def evaluate_files(pred: str | os.PathLike, gold: str | os.PathLike) -> Evaluation:
    """Score the alignment in the file ``pred`` against the gold alignment in the file ``gold``.

    Either file may be ``align pair -f jsonl`` output (or a review project file) or
    Vecalign's format; see :func:`read_beads`. Bad files raise :class:`InputError`.
    """
    pred_beads, gold_beads = read_beads(pred), read_beads(gold)
    _check_same_texts(pred_beads, gold_beads, pred, gold)
    return Evaluation(str(pred), str(gold), score(pred_beads, gold_beads))


def _check_same_texts(pred: Beads, gold: Beads, pred_path, gold_path) -> None:
    """Refuse two alignments that cannot be of the same texts: a sentence beyond the gold's, or
    both complete (every sentence 0..n-1 in a bead) with other sentence counts. A prediction
    whose filters set some beads aside is incomplete, and may be scored on what it kept."""
    for side, name in enumerate(SIDE_NAMES.values()):
        found = [{i for bead in beads for i in bead[side]} for beads in (pred, gold)]
        counts = [max(indices, default=-1) + 1 for indices in found]
        complete = all(len(indices) == count for indices, count in zip(found, counts))
        if counts[0] > counts[1] or (complete and counts[0] != counts[1]):
            raise InputError(pred_path, f"does not align the texts {gold_path} aligns: {counts[0]} {name} "
                                        f"sentences, the gold has {counts[1]}")


_VECALIGN_LINE = regex.compile(r"\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*")


def read_beads(path: str | os.PathLike) -> Beads:
    """The beads of one document from ``path``, as (ko indices, en indices) in file order.

    JSONL (the first non-blank line starts with ``{``): one JSON object a line; objects
    with ``ko`` and ``en`` lists are beads, others (a project file's header) are skipped.
    Otherwise Vecalign's format, ``[3,4]:[3]`` a line. A malformed line, a sentence in two
    beads, several documents in one file or no bead at all raise :class:`InputError`
    naming the file and the line.
    """
    lines = read_text(path).splitlines()
    first = next((line for line in lines if line.strip()), "")
    read_line = _json_bead if first.lstrip().startswith("{") else _vecalign_bead
    beads, seen, documents = [], {}, set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            bead = read_line(line, documents)
        except ValueError as err:
            raise InputError(path, f"line {number}: {err}") from None
        if bead is None:
            continue
        for side, indices in zip(SIDE_NAMES.values(), bead):
            for i in indices:
                if (side, i) in seen:
                    raise InputError(path, f"line {number}: {side} sentence {i} is already in the bead of line "
                                           f"{seen[side, i]}")
                seen[side, i] = number
        if bead[0] or bead[1]:
            beads.append(bead)
    if len(documents) > 1:
        raise InputError(path, f"holds {len(documents)} documents ({', '.join(sorted(documents)[:3])}, ...): "
                               "give one document's beads")
    if not beads:
        raise InputError(path, "holds no bead (want JSONL records with ko and en, or lines such as [0,1]:[0])")
    return beads


def _vecalign_bead(line: str, documents: set) -> tuple[tuple[int, ...], tuple[int, ...]]:
    m = _VECALIGN_LINE.fullmatch(line)
    if not m:
        raise ValueError(f"{line.strip()[:60]!r} is not a bead such as [0,1]:[0]")
    sides = [side.split(",") if side.strip() else [] for side in m.groups()]
    if any(not x.strip() for side in sides for x in side):
        raise ValueError(f"{line.strip()[:60]!r} has an empty index between commas")
    return tuple(int(x) for x in sides[0]), tuple(int(x) for x in sides[1])


def _json_bead(line: str, documents: set) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"not JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(record, dict) or "ko" not in record or "en" not in record:
        return None  # a header or another kind of record: not a bead
    sides = (record["ko"], record["en"])
    if not all(isinstance(s, list) and all(type(i) is int and i >= 0 for i in s) for s in sides):
        raise ValueError("ko and en must be lists of sentence indices (whole numbers from 0)")
    if record.get("document") is not None:
        documents.add(str(record["document"]))
    return tuple(sides[0]), tuple(sides[1])


def format_evaluation(evaluation: Evaluation) -> str:
    """The scores as a few lines a person reads."""
    s = evaluation.scores
    return (f"{evaluation.pred} against {evaluation.gold}\n"
            f"strict     precision {s.precision_strict:.3f}  recall {s.recall_strict:.3f}  F1 {s.f1_strict:.3f}\n"
            f"lax        precision {s.precision_lax:.3f}  recall {s.recall_lax:.3f}  F1 {s.f1_lax:.3f}\n"
            f"unaligned  precision {s.unaligned_precision:.3f}  recall {s.unaligned_recall:.3f}\n"
            f"changed    {s.changed_pairs} of {s.predicted_pairs} pairs ({s.changed:.1%})\n")
