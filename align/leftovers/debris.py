"""Recognising page debris (captions, credits, bylines, site strings...) from the text itself.

The patterns are data, in ``models/debris.toml``; this module only loads and applies them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from ..segment.rules import DATELINE


@dataclass(frozen=True)
class DebrisRule:
    category: str
    reason: str
    patterns: tuple[regex.Pattern, ...]


@lru_cache(maxsize=1)
def debris_rules() -> tuple[DebrisRule, ...]:
    """The categories and patterns of ``models/debris.toml``, in file order."""
    data = tomllib.loads(resources.files("align.models").joinpath("debris.toml").read_text("utf-8"))
    return tuple(DebrisRule(name, spec["reason"], tuple(regex.compile(p) for p in spec["patterns"]))
                 for name, spec in data.items())


def classify_debris(text: str) -> tuple[str, str] | None:
    """``(category, reason)`` when the segment is page debris, else ``None``."""
    text = text.strip()
    for rule in debris_rules():
        if any(p.fullmatch(text) for p in rule.patterns):
            return rule.category, rule.reason
    if DATELINE.fullmatch(text):
        return "dateline", "dateline opening the story"
    return None
