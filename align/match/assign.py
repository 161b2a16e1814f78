"""One-to-one assignment: competitive linking over the scored candidates, with a threshold and a margin.

Pairs are taken best first; a pair is taken when both documents are still free, its score
reaches the threshold, and it beats by at least the margin every other candidate of either
document whose partner is still free (else the two are too alike to tell apart, and neither is
taken). Every document left over is given the reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

Doc = tuple[str, int]  # ("ko" or "en", index on that side)


@dataclass(frozen=True)
class Link:
    """A pair taken: Korean document ``ko`` (an index) with English ``en``, and its score."""

    ko: int
    en: int
    score: float


def link(i: np.ndarray, j: np.ndarray, scores: np.ndarray, threshold: float, margin: float,
         names: dict[str, list[str]]) -> tuple[list[Link], dict[Doc, str]]:
    """The pairs taken among the candidates ``(i[n], j[n])``, and the reason each other document with a
    candidate was left alone (naming documents by ``names[side][index]``)."""
    options: dict[Doc, list[tuple[float, Doc]]] = defaultdict(list)
    for a, b, s in zip(i.tolist(), j.tolist(), scores.tolist()):
        options[("ko", a)].append((s, ("en", b)))
        options[("en", b)].append((s, ("ko", a)))
    for choices in options.values():
        choices.sort(key=lambda o: -o[0])

    def name(doc: Doc) -> str:
        return names[doc[0]][doc[1]]

    partner: dict[Doc, tuple[Doc, float]] = {}
    ambiguous: dict[Doc, str] = {}
    links = []
    for t in np.argsort(-scores, kind="stable"):
        s = float(scores[t])
        if s < threshold:
            break
        ko, en = ("ko", int(i[t])), ("en", int(j[t]))
        if ko in partner or en in partner:
            continue
        # the best other candidate of either document whose partner is still free: (score, document, its partner)
        rival = max(((r, doc, d) for doc, other in ((ko, en), (en, ko)) for r, d in options[doc]
                     if d != other and d not in partner), default=None, key=lambda o: o[0])
        if rival is not None and s - rival[0] < margin:
            r, owner, alternative = rival
            for doc, other in ((ko, en), (en, ko)):
                ambiguous.setdefault(doc, f"ambiguous: {name(other)} ({s:.2f}) and {name(alternative)} ({r:.2f}) "
                                          f"are within the margin {margin:g}" if doc == owner else
                                          f"ambiguous: its best partner {name(other)} ({s:.2f}) fits "
                                          f"{name(alternative)} nearly as well ({r:.2f}, margin {margin:g})")
            continue
        partner[ko], partner[en] = (en, s), (ko, s)
        links.append(Link(ko[1], en[1], s))
    reasons = {}
    for doc, choices in options.items():
        if doc in partner:
            continue
        best_score, best = choices[0]
        if doc in ambiguous:
            reasons[doc] = ambiguous[doc]
        elif best_score < threshold:
            reasons[doc] = f"below threshold {threshold:g} (best: {name(best)} {best_score:.2f})"
        else:
            rival, rival_score = partner[best]
            reasons[doc] = (f"its best partner {name(best)} ({best_score:.2f}) matched {name(rival)} "
                            f"better ({rival_score:.2f})")
    return links, reasons
