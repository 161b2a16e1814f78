"""Recognising page debris (captions, credits, bylines, site strings...) from the text and its place.

The patterns are data, in ``models/debris.toml``; this module only loads and applies them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from ..segment.rules import DATELINE
from ..segment.splitter import strip_span
from ..types import Sentence

# A segment this close to the top or bottom of a page, on a line of its own, may be a bare byline.
TOP_EDGE, BOTTOM_EDGE = 3, 5
DATELINE_REASON = "dateline opening the story"


@dataclass(frozen=True)
class DebrisRule:
    category: str
    reason: str
    patterns: tuple[regex.Pattern, ...]
    edge_patterns: tuple[regex.Pattern, ...] = ()
    weak_patterns: tuple[regex.Pattern, ...] = ()


@dataclass(frozen=True)
class DebrisData:
    rules: tuple[DebrisRule, ...]
    glued_suffix: regex.Pattern
    glued_prefix: regex.Pattern


@lru_cache(maxsize=1)
def debris_data() -> DebrisData:
    """The categories and patterns of ``models/debris.toml``, in file order."""
    data = tomllib.loads(resources.files("align.models").joinpath("debris.toml").read_text("utf-8"))
    rules = tuple(
        DebrisRule(name, spec["reason"], tuple(regex.compile(p) for p in spec["patterns"]),
                   tuple(regex.compile(p) for p in spec.get("edge_patterns", ())),
                   tuple(regex.compile(p) for p in spec.get("weak_patterns", ())))
        for name, spec in data.items() if isinstance(spec, dict))
    suffix = regex.compile("(?:" + "|".join(data["glued_suffix"]) + r")\s*$")
    prefix = regex.compile("^(?:" + "|".join(data["glued_prefix"]) + ")")
    return DebrisData(rules, suffix, prefix)


def debris_rules() -> tuple[DebrisRule, ...]:
    return debris_data().rules


def debris_reasons() -> dict[str, str]:
    """Each debris category's reason, as a leftover's note says it."""
    return {**{rule.category: rule.reason for rule in debris_rules()}, "dateline": DATELINE_REASON}


def classify_debris(text: str, edge: bool = False, sure: bool = False) -> tuple[str, str] | None:
    """``(category, reason)`` when the segment is page debris, else ``None``.

    ``edge`` says the segment is a line of its own near the top or bottom of the
    page, where a bare name is a byline rather than a sentence. With ``sure``, only
    the patterns precise enough to name debris on their own are tried.
    """
    text = text.strip()
    for rule in debris_rules():
        if any(p.fullmatch(text) for p in rule.patterns):
            return rule.category, rule.reason
        if sure:
            continue
        if any(p.fullmatch(text) for p in rule.weak_patterns):
            return rule.category, rule.reason
        if edge and any(p.fullmatch(text) for p in rule.edge_patterns):
            return rule.category, f"{rule.reason} (a line of its own at the edge of the page)"
    if not sure and DATELINE.fullmatch(text):
        return "dateline", DATELINE_REASON
    return None


def classify_sentences(text: str, sentences: list[Sentence]) -> list[tuple[str, str] | None]:
    """Debris categories of a document's segments, using where each stands on the page."""
    n = len(sentences)
    return [classify_debris(s.text, edge=(i < TOP_EDGE or i >= n - BOTTOM_EDGE) and own_line(text, s))
            for i, s in enumerate(sentences)]


def own_line(text: str, s: Sentence) -> bool:
    """Whether the segment stands on a line of its own."""
    before = text[:s.start].rstrip(" \t\u3000")
    after = text[s.end:].lstrip(" \t\u3000")
    return (not before or before.endswith("\n")) and (not after or after.startswith(("\n", "\r")))


def detach_glued(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Split debris glued to a sentence ("… 있다 [사진=연합뉴스]") into a segment of its own."""
    data = debris_data()
    out = []
    for s in sentences:
        pieces = _split_glued(text, s.start, s.end, data)
        # a segment that is debris as a whole (a caption ending in its credit) stays whole
        if len(pieces) > 1 and classify_debris(s.text) is not None:
            pieces = [(s.start, s.end)]
        out.extend((a, b, s.paragraph) for a, b in pieces)
    return [Sentence(i, text[a:b], a, b, p) for i, (a, b, p) in enumerate(out)]


def _split_glued(text: str, start: int, end: int, data: DebrisData) -> list[tuple[int, int]]:
    pieces = []
    m = data.glued_prefix.match(text, start, end)
    if m and _has_words(text[m.end():end]):
        pieces.append(strip_span(text, start, m.end()))
        start = strip_span(text, m.end(), end)[0]
    m = data.glued_suffix.search(text, start, end)
    if m and m.start() > start and _has_words(text[start:m.start()]):
        pieces.append(strip_span(text, start, m.start()))
        start = strip_span(text, m.start(), end)[0]
    pieces.append((start, end))
    return pieces


def _has_words(fragment: str) -> bool:
    return len(regex.findall(r"\p{L}", fragment)) >= 4
