"""JSONL: one object per bead, with indices, texts, character spans, score, kind, leftover details and flags."""

from __future__ import annotations

import json

from ..types import Alignment, Bead


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
    return "".join(json.dumps(bead_record(alignment, b), ensure_ascii=False) + "\n"
                   for alignment, beads in documents for b in beads)
