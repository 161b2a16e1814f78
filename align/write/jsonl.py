"""JSONL: one object per bead, with indices, texts, character spans, score, kind, leftover details and flags."""

from __future__ import annotations

import json

import regex

from ..types import Alignment, Bead

# valid in JSON, but str.splitlines() breaks lines there: escaped, so every reader sees one record a line
_LINE_BREAKERS = regex.compile("[\x1c\x1d\x1e\x85\u2028\u2029]")


def json_line(record: dict) -> str:
    """``record`` as one line of JSON (UTF-8 kept readable) that no line splitter breaks."""
    return _LINE_BREAKERS.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(record, ensure_ascii=False)) + "\n"


def bead_record(alignment: Alignment, bead: Bead) -> dict:
    ko_text, en_text = alignment.texts(bead)
    return {
        "document": alignment.name,
        "kind": bead.kind,
        "ko": list(bead.ko),
        "en": list(bead.en),
        "ko_text": ko_text,
        "en_text": en_text,
        "ko_spans": [[alignment.ko[i].start, alignment.ko[i].end] for i in bead.ko],
        "en_spans": [[alignment.en[j].start, alignment.en[j].end] for j in bead.en],
        "score": bead.score,
        "side": bead.side,
        "category": bead.category,
        "reason": bead.reason,
        "flags": [{"kind": f.kind, "message": f.message} for f in bead.flags],
    }


def to_jsonl(documents) -> str:
    return "".join(json_line(bead_record(alignment, b)) for alignment, beads in documents for b in beads)
