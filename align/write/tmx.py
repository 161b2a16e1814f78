"""TMX 1.4b, the translation-memory format CAT tools import (Trados, memoQ, OmegaT, Phrase).

Pairs only (leftovers have no translation). Every ``<tu>`` has a ``tuid`` and a
``creationdate``; what a translator should see (flags, a reviewer's verification, how a
sentence-level unit relates to its pair) is in its ``<note>``, which CAT tools show; score,
kind, flags and source document also ride along as ``<prop type="x-...">`` for programs.

``units="sentence"`` is for CAT tools that look up one source sentence at a time. OmegaT,
for one, cuts the source document into sentences with its SRX rules and fills (``tm/auto``)
or proposes (``tm/``) a translation only where a unit's source equals a segment: a 2-1
pair's Korean side, two sentences, never equals one. So each sentence of a merged side
also gets a unit of its own: the first carries the whole translation, the others an empty
one, as an OmegaT translator records two sentences translated as one (the target
document then holds the translation once, where the first sentence stood). Where debris
was split off a sentence on its line without a sentence break ("(서울=연합뉴스) 김민준 기자 =
경찰청이 …"), a CAT tool keeps the two together, so that text gets a unit as well. The
pair's own unit comes last: OmegaT's ``tm/auto`` keeps the last of units with equal
sources, so where the single side is the source (an English-to-Korean project) the whole
pair wins. Written with the standard library.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

import regex

from ..types import SIDE_NAMES, Alignment, Bead
from .fields import meta_values
from .text import indices_text, one_line

# Characters XML 1.0 forbids (C0 controls but tab and line breaks, surrogates, U+FFFE/U+FFFF).
_ILLEGAL = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Where an SRX sentence rule breaks: final punctuation, then closing quotes or brackets.
_SENTENCE_END = regex.compile(r"[.?!。？！…][\"'”’)\]」』]*$")

UNITS = ("pair", "sentence")


def xml_text(text: str) -> str:
    return escape(_ILLEGAL.sub("", text))


def tmx_date(moment: datetime) -> str:
    """A moment in TMX's date format, YYYYMMDDThhmmssZ (UTC)."""
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class Unit:
    """One translation unit: its id, the Korean and English text, props for programs, note lines for people."""

    tuid: str
    ko: str
    en: str
    props: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]


def translation_units(alignment: Alignment, beads: list[Bead], units: str = "pair", document: str = "") -> list[Unit]:
    """The units of ``beads`` (leftovers skipped), in document order; ``document`` prefixes the tuids.

    ``units="pair"``: one unit a pair. ``units="sentence"``: before a pair's unit, one unit for
    each sentence of a merged side, and one for each run of sentences a CAT tool keeps in one
    segment (see the module).
    """
    if units not in UNITS:
        raise ValueError(f"unknown TMX units {units!r} (one of {', '.join(UNITS)})")
    pairs = [b for b in beads if not b.is_leftover]
    runs = _runs(alignment, pairs, document) if units == "sentence" else {}
    out = []
    for n, bead in enumerate(pairs):
        pair = _pair_unit(alignment, bead, document)
        if units == "sentence":
            out += _sentence_units(alignment, bead, pair) + runs.get(n, [])
        out.append(pair)
    return out


def _pair_unit(alignment: Alignment, bead: Bead, document: str) -> Unit:
    props = (("x-score", f"{bead.score:.4f}"), ("x-kind", bead.kind),
             *((("x-document", alignment.name),) if alignment.name else ()),
             *(("x-flag", f.message) for f in bead.flags), *((("x-verified", "yes"),) if bead.verified else ()))
    return Unit(f"{document}{indices_text(bead.ko)}:{indices_text(bead.en)}", _span_text(alignment, "ko", bead.ko),
                _span_text(alignment, "en", bead.en), props,
                (*(f.message for f in bead.flags), *(("verified by a reviewer",) if bead.verified else ())))


def _span_text(alignment: Alignment, side: str, indices) -> str:
    """One side's sentences as the text has them (what stands between sentences in a row is kept,
    so "밝혔다.새로" stays without a space, as a CAT tool reads it), on one line."""
    if not indices:
        return ""
    sentences, text = getattr(alignment, side), getattr(alignment, f"{side}_text")
    if list(indices) != list(range(indices[0], indices[-1] + 1)):
        return one_line(" ".join(sentences[i].text for i in indices))
    chunk = text[sentences[indices[0]].start:sentences[indices[-1]].end]
    return one_line(" ".join(line.strip() for line in chunk.splitlines() if line.strip()))


def _sentence_units(alignment: Alignment, bead: Bead, pair: Unit) -> list[Unit]:
    """One unit for each sentence of a merged side: the first with the whole other side, the others empty."""
    out = []
    for side, other_side in (("ko", "en"), ("en", "ko")):
        indices = getattr(bead, side)
        if len(indices) < 2:
            continue
        for k, i in enumerate(indices):
            note = (f"{SIDE_NAMES[side]} sentence {k + 1} of {len(indices)} of a {bead.kind} pair: "
                    + (f"with the whole {SIDE_NAMES[other_side]}, which the sentences after it share" if k == 0 else
                       f"its {SIDE_NAMES[other_side]} is in the unit of sentence 1, so it is empty here"))
            out.append(_unit(side, f"{pair.tuid}:{side}{i}", _span_text(alignment, side, (i,)),
                             getattr(pair, other_side) if k == 0 else "",
                             (*pair.props, ("x-unit", "sentence")), (note, *pair.notes)))
    return out


def _runs(alignment: Alignment, pairs: list[Bead], document: str) -> dict[int, list[Unit]]:
    """Units for the runs of sentences that a CAT tool's segmenter keeps in one segment (debris glued
    to a sentence on its line, sentences run together without a space), by the number of the last
    pair each touches. A run's translation is that of the pairs whose first sentence it holds."""
    out: dict[int, list[Unit]] = {}
    for side, other_side in (("ko", "en"), ("en", "ko")):
        sentences, text = getattr(alignment, side), getattr(alignment, f"{side}_text")
        owner = {i: n for n, b in enumerate(pairs) for i in getattr(b, side)}
        left = {getattr(b, side)[0]: b for b in alignment.leftovers if b.side == side}
        start = 0
        for end in range(1, len(sentences) + 1):
            if end < len(sentences) and _joined(text, sentences[end - 1], sentences[end]):
                continue
            run, start = range(start, end), end
            touched = sorted({owner[i] for i in run if i in owner})
            if len(run) < 2 or not touched or any(i not in owner and i not in left for i in run):
                continue  # a single sentence, no pair, or a pair not written here
            if len(touched) == 1 and tuple(run) == getattr(pairs[touched[0]], side):
                continue  # the pair's own unit
            beads = [pairs[n] for n in touched]
            other = " ".join(_span_text(alignment, other_side, getattr(b, other_side))
                             for b in beads if getattr(b, side)[0] in run)
            extra = [f"the {left[i].category} '{one_line(sentences[i].text)}'" for i in run if i in left]
            note = (f"the {SIDE_NAMES[side]} as a CAT tool cuts it: sentences {run[0]}-{run[-1]} in one segment"
                    + (f", with {', '.join(extra)} that the {SIDE_NAMES[other_side]} leaves out" if extra else "")
                    + (f"; {len(beads)} pairs" if len(beads) > 1 else ""))
            flags = tuple(f for b in beads for f in b.flags)
            props = (("x-score", f"{min(b.score for b in beads):.4f}"), ("x-kind", "+".join(b.kind for b in beads)),
                     *((("x-document", alignment.name),) if alignment.name else ()),
                     *(("x-flag", f.message) for f in flags), ("x-unit", "segment"))
            out.setdefault(touched[-1], []).append(
                _unit(side, f"{document}{side}{run[0]}-{run[-1]}", _span_text(alignment, side, tuple(run)), other,
                      props, (note, *(f.message for f in flags))))
    return out


def _unit(side: str, tuid: str, text: str, other: str, props, notes) -> Unit:
    return Unit(tuid, *((text, other) if side == "ko" else (other, text)), props, notes)


def _joined(text: str, before, after) -> bool:
    """Whether an SRX segmenter keeps ``before`` and ``after`` in one segment: on one line, and no
    final punctuation followed by a space between them."""
    between = text[before.end:after.start]
    return "\n" not in between and (not between or not _SENTENCE_END.search(before.text.rstrip()))


def to_tmx(documents, ko_lang: str = "ko-KR", en_lang: str = "en-US", units: str = "pair",
           created: datetime | None = None, carry: tuple[str, ...] = ()) -> str:
    """``documents`` as one TMX file; ``units`` as in :func:`translation_units`; ``created`` (default: now)
    is every unit's ``creationdate``; ``carry``: the batch manifest's columns each unit carries as an
    ``x-meta-COLUMN`` prop."""
    from ..pipeline import __version__

    date = tmx_date(created or datetime.now(timezone.utc))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
           '<tmx version="1.4">',
           f'  <header creationtool="align" creationtoolversion={quoteattr(__version__)} segtype="sentence"'
           f' o-tmf="align" adminlang="en-US" srclang={quoteattr(ko_lang)} datatype="plaintext"'
           f' creationdate="{date}">']
    signatures = sorted({a.signature for a, _ in documents})
    out += [f'    <prop type="x-signature">{xml_text(s)}</prop>' for s in signatures]
    out += ["  </header>", "  <body>"]
    names = Counter(a.name for a, _ in documents)
    for n, (alignment, beads) in enumerate(documents):
        # the document's name keeps tuids unique in a corpus; its number too when names repeat
        document = alignment.name if names[alignment.name] == 1 else f"{alignment.name}#{n + 1}"
        meta = tuple((f"x-meta-{key}", value) for key, value in meta_values(alignment, carry).items())
        for unit in translation_units(alignment, beads, units, f"{document}:" if document else ""):
            out.append(f"    <tu tuid={quoteattr(_ILLEGAL.sub('', unit.tuid))} creationdate=\"{date}\">")
            if unit.notes:
                out.append(f"      <note>{xml_text(chr(10).join(unit.notes))}</note>")
            out += [f'      <prop type={quoteattr(_ILLEGAL.sub("", kind))}>{xml_text(value)}</prop>'
                    for kind, value in (*unit.props, *meta)]
            out.append(f'      <tuv xml:lang={quoteattr(ko_lang)}><seg>{xml_text(unit.ko)}</seg></tuv>')
            out.append(f'      <tuv xml:lang={quoteattr(en_lang)}><seg>{xml_text(unit.en)}</seg></tuv>')
            out.append("    </tu>")
    out += ["  </body>", "</tmx>"]
    return "\n".join(out) + "\n"
