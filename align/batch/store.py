"""Results committed one pair at a time, so a killed run resumes where it stopped.

Each pair's result is one JSON file under ``parts/``, written whole (temporary file,
then rename) the moment the pair is done. A pair with a valid file is done; a pair
without one, or whose file is truncated, malformed, made for another id or made with
other settings (another model, split, knobs or version: the store's ``signature``), is
(re)done, so a corpus never mixes settings.
Parts are data, never code: a file planted in a shared ``parts/`` folder can at worst
be text, and is checked like any input. The corpus is assembled from the parts at the
end, in manifest order, so an interrupted and resumed run ends with the same corpus as
an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from ..types import Alignment, Bead, Flag, Sentence
from ..write.atomic import write_atomic
from .manifest import Entry

FORMAT = "align-part/1"


class PartStore:
    """The parts in ``directory`` made with the settings named by ``signature``."""

    def __init__(self, directory: str | os.PathLike, signature: str = ""):
        self.dir = Path(directory)
        self.signature = signature
        self.dir.mkdir(parents=True, exist_ok=True)

    def path(self, entry_id: str) -> Path:
        # a readable prefix, and a digest of the whole id so that two ids never share a file
        safe = re.sub(r"[^\w.-]+", "_", entry_id)[:60]
        return self.dir / f"{safe}-{hashlib.sha256(entry_id.encode('utf-8')).hexdigest()[:32]}.json"

    def done(self, entry_id: str) -> bool:
        return self.load(entry_id) is not None

    def load(self, entry_id: str):
        """The committed result of ``entry_id``, or ``None`` if there is none, it is not a valid part,
        or it was made with other settings."""
        try:
            data = json.loads(self.path(entry_id).read_bytes())
            if data.get("settings") != self.signature:
                return None
            result = _result_from(data)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None
        return result if result.entry.id == entry_id else None

    def commit(self, result) -> None:
        write_atomic(self.path(result.entry.id), json.dumps({**_result_to(result), "settings": self.signature},
                                                            ensure_ascii=False))


def _result_to(result) -> dict:
    e, a = result.entry, result.alignment
    out = {"format": FORMAT, "entry": {"id": e.id, "ko": e.ko, "en": e.en, "meta": e.meta}, "error": result.error}
    if a is not None:
        out["alignment"] = {
            "ko_text": a.ko_text, "en_text": a.en_text, "name": a.name,
            "ko": [[s.start, s.end, s.paragraph] for s in a.ko], "en": [[s.start, s.end, s.paragraph] for s in a.en],
            "beads": [[list(b.ko), list(b.en), b.score, b.kind, b.side, b.category, b.reason,
                       [[f.kind, f.message] for f in b.flags]] for b in a.beads],
            "doc_score": a.doc_score, "signature": a.signature, "settings": a.settings}
    return out


def _result_from(data: dict):
    from .worker import PairResult
    if _dict(data).get("format") != FORMAT:
        raise ValueError("not a part of this format")
    e = data["entry"]
    entry = Entry(_str(e["id"]), _str(e["ko"]), _str(e["en"]), _dict(e["meta"]))
    if data.get("alignment") is None:
        return PairResult(entry, error=_str(data["error"]))
    a = data["alignment"]
    ko_text, en_text = _str(a["ko_text"]), _str(a["en_text"])
    ko, en = _sentences(a["ko"], ko_text), _sentences(a["en"], en_text)
    beads = [_bead(b, len(ko), len(en)) for b in a["beads"]]
    settings = {k: tuple(v) if isinstance(v, list) else v for k, v in _dict(a["settings"]).items()}
    return PairResult(entry, Alignment(ko_text, en_text, ko, en, beads, float(a["doc_score"]), _str(a["signature"]),
                                       settings, _str(a["name"])))


def _sentences(rows: list, text: str) -> list[Sentence]:
    out = []
    for i, (start, end, paragraph) in enumerate(rows):
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            raise ValueError("sentence span outside its text")
        out.append(Sentence(i, text[start:end], start, end, int(paragraph)))
    return out


def _bead(row: list, n_ko: int, n_en: int) -> Bead:
    ko, en, score, kind, side, category, reason, flags = row
    if not all(isinstance(i, int) and 0 <= i < n for side_, n in ((ko, n_ko), (en, n_en)) for i in side_):
        raise ValueError("bead index outside its document")
    return Bead(tuple(ko), tuple(en), float(score), _str(kind), _opt(side), _opt(category), _opt(reason),
                tuple(Flag(_str(k), _str(m)) for k, m in flags))


def _str(value) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def _dict(value) -> dict:
    if not isinstance(value, dict):
        raise ValueError("expected an object")
    return value


def _opt(value) -> str | None:
    return None if value is None else _str(value)
