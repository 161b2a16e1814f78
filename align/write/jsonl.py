"""JSONL: one object per bead, with indices, texts, character spans, score, kind, leftover details, flags
and whether a person verified it."""

from __future__ import annotations

import json

import regex

from ..types import Alignment, Bead
from .fields import meta_values

# valid in JSON, but str.splitlines() breaks lines there: escaped, so every reader sees one record a line
_LINE_BREAKERS = regex.compile("[\x1c\x1d\x1e\x85\u2028\u2029]")


def json_line(record: dict) -> str:
    """``record`` as one line of JSON (UTF-8 kept readable) that no line splitter breaks."""
    return _LINE_BREAKERS.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(record, ensure_ascii=False)) + "\n"


# The types of bead_record's fields (notation of align.write.corpus.HF_FIELDS).
BEAD_FIELDS = {"document": "string", "kind": "string", "ko": ["int64"], "en": ["int64"], "ko_text": "string",
               "en_text": "string", "ko_spans": [["int64"]], "en_spans": [["int64"]], "score": "float64",
               "side": "string", "category": "string", "reason": "string",
               "flags": [{"kind": "string", "message": "string"}], "verified": "bool"}


def bead_record(alignment: Alignment, bead: Bead, carry: tuple[str, ...] = ()) -> dict:
    """One bead; with ``carry``, the manifest columns under ``meta`` (never beside the tool's own fields)."""
    ko_text, en_text = alignment.texts(bead)
    record = {
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
        "verified": bool(bead.verified),
    }
    if carry:
        record["meta"] = meta_values(alignment, carry)
    return record


def to_jsonl(documents, carry: tuple[str, ...] = ()) -> str:
    return "".join(json_line(bead_record(alignment, b, carry)) for alignment, beads in documents for b in beads)
