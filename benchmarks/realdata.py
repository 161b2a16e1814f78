"""Real pages for the benchmarks: the labelled debris bank and the real article pairs (not a test).

    python benchmarks/realdata.py check      # validate the bank, the real pairs, the traps and the passages

Both are taken from real scraped news pages, as scraped (menus, buttons, bylines and all),
and labelled by hand. Each record names its source, and its ``group`` (the outlet, or the
publishing platform several outlets share) decides which half it falls in: the half that
recognisers and knobs may be fitted on, and the held-out half that is only ever reported.

Debris bank (``data/debris_bank.{ko,en}.jsonl``), one page a line::

    {"outlet": "...", "group": "...", "kind": "...", "lang": "ko", "url": "...",
     "text": "<the page text, verbatim>",
     "lines": [[label, line], ...]}

``lines`` holds every non-blank line of ``text`` in order (stripped), each with its label;
a line that holds both article text and debris is ``["mixed", line, [[label, part], ...]]``,
its parts exact substrings of the line, in order, with only whitespace between them.

Real pairs (``data/real_pairs/NAME.{ko,en}.txt`` as scraped, and ``NAME.gold.json``)::

    {"source": {"ko_url": "...", "en_url": "...", "outlet": "...", "group": "..."},
     "ko": [[label, sentence], ...], "en": [[label, sentence], ...],
     "beads": [[[ko indices], [en indices]], ...]}

``ko``/``en`` are the gold sentences, exact substrings of the page in order, together
covering every non-whitespace character; ``beads`` are monotone and cover every sentence
once; a debris sentence is a bead of its own.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

DEBRIS_LABELS = ("ui", "related", "notice", "copyright", "marker", "timestamp", "caption", "credit",
                 "byline", "dateline")
LABELS = DEBRIS_LABELS + ("content", "cut")  # "cut": the last line, cut off by the scrape (not scored)


def half(group: str) -> str:
    """``"fit"`` or ``"held"``: the half a source falls in, fixed by its group's name before any fitting."""
    return "fit" if hashlib.sha256(group.encode("utf-8")).digest()[0] % 2 == 0 else "held"


@dataclass(frozen=True)
class Part:
    """A labelled stretch of a page: ``text[start:end]``."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Page:
    outlet: str
    group: str
    kind: str
    lang: str
    url: str
    text: str
    parts: tuple[Part, ...]

    @property
    def half(self) -> str:
        return half(self.group)


def label_of(parts: tuple[Part, ...], start: int, end: int) -> str | None:
    """The label of the gold part that shares most characters with ``[start, end)``."""
    best, label = 0, None
    for p in parts:
        overlap = min(p.end, end) - max(p.start, start)
        if overlap > best:
            best, label = overlap, p.label
    return label


def locate(text: str, pieces: list[str], start: int = 0, where: str = "") -> list[tuple[int, int]]:
    """Spans of ``pieces`` found in order in ``text``, with only whitespace between and around them."""
    spans = []
    for piece in pieces:
        piece = piece.strip()
        at = text.find(piece, start) if piece else -1
        if at < 0:
            raise ValueError(f"{where}: not found in order: {piece[:60]!r}")
        if text[start:at].strip():
            raise ValueError(f"{where}: text left unlabelled before {piece[:40]!r}: {text[start:at].strip()[:60]!r}")
        spans.append((at, at + len(piece)))
        start = at + len(piece)
    return spans


def _page(record: dict, where: str) -> Page:
    text = record["text"]
    lines = record["lines"]
    spans = locate(text, [line[1] for line in lines], where=where)
    if text[spans[-1][1]:].strip() if spans else text.strip():
        raise ValueError(f"{where}: text left unlabelled at the end: {text[spans[-1][1]:].strip()[:60]!r}")
    parts = []
    for line, (a, b) in zip(lines, spans):
        label = line[0]
        if label == "mixed":
            for (sub_label, _), (c, d) in zip(line[2], locate(text[:b], [p[1] for p in line[2]], a, where)):
                parts.append(Part(c, d, _checked(sub_label, where)))
            if text[parts[-1].end:b].strip():
                raise ValueError(f"{where}: mixed line not covered by its parts: {line[1][:60]!r}")
        else:
            parts.append(Part(a, b, _checked(label, where)))
    return Page(record["outlet"], record["group"], record.get("kind", ""), record["lang"], record.get("url", ""),
                text, tuple(parts))


def _checked(label: str, where: str) -> str:
    if label not in LABELS:
        raise ValueError(f"{where}: unknown label {label!r} (one of {', '.join(LABELS)}, or mixed)")
    return label


@lru_cache(maxsize=None)
def read_cases(path: Path) -> tuple[dict, ...]:
    """The records of a JSON-lines case file (traps, passages, hard cases), read once per process."""
    return tuple(json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip())


def load_bank(lang: str) -> list[Page]:
    """The labelled pages of one language's debris bank."""
    path = DATA / f"debris_bank.{lang}.jsonl"
    pages = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            pages.append(_page(json.loads(line), f"{path.name}:{n}"))
    return pages


def load_second_labels(lang: str) -> dict[int, tuple[Part, ...]]:
    """A second annotator's labels, made blind to the first, of the bank's first pages (by page number).

    ``data/debris_bank.LANG.second.jsonl``: ``{"page": N, "labels": [label or ["mixed", [[label, part], ...]]
    for each line]}``. For measuring agreement: the first labelling stays the gold.
    """
    path = DATA / f"debris_bank.{lang}.second.jsonl"
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []
    first = [json.loads(line) for line in (DATA / f"debris_bank.{lang}.jsonl").read_text("utf-8").splitlines()]
    out = {}
    for r in records:
        page = first[r["page"]]
        lines = [[label, line[1]] if not isinstance(label, list) else ["mixed", line[1], label[1]]
                 for label, line in zip(r["labels"], page["lines"])]
        out[r["page"]] = _page({**page, "lines": lines}, f"second labels {lang}:{r['page']}").parts
    return out


@dataclass(frozen=True)
class RealPair:
    name: str
    group: str
    ko_text: str
    en_text: str
    ko: tuple[Part, ...]   # gold sentences
    en: tuple[Part, ...]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]

    @property
    def half(self) -> str:
        return half(self.group)


def load_pairs() -> list[RealPair]:
    """The real article pairs with their gold alignment."""
    folder = DATA / "real_pairs"
    pairs = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        name = gold_path.name[:-len(".gold.json")]
        gold = json.loads(gold_path.read_text("utf-8"))
        texts, sides = {}, {}
        for side in ("ko", "en"):
            text = (folder / f"{name}.{side}.txt").read_text("utf-8")
            where = f"{name}.{side}"
            spans = locate(text, [s for _, s in gold[side]], where=where)
            tail = text[spans[-1][1]:] if spans else text
            if tail.strip():
                raise ValueError(f"{where}: text left out of the gold sentences at the end: {tail.strip()[:60]!r}")
            texts[side] = text
            sides[side] = tuple(Part(a, b, _checked(label, where)) for (label, _), (a, b) in zip(gold[side], spans))
        beads = [(tuple(x), tuple(y)) for x, y in gold["beads"]]
        _check_beads(name, beads, len(sides["ko"]), len(sides["en"]), sides)
        pairs.append(RealPair(name, gold["source"]["group"], texts["ko"], texts["en"], sides["ko"], sides["en"],
                              beads))
    return pairs


def _check_beads(name, beads, n, m, sides) -> None:
    ko = [i for x, _ in beads for i in x]
    en = [j for _, y in beads for j in y]
    if ko != list(range(n)) or en != list(range(m)):
        raise ValueError(f"{name}: beads must cover every sentence once, in order")
    for x, y in beads:
        if x and y and any(sides["ko"][i].label != "content" for i in x) | any(
                sides["en"][j].label != "content" for j in y):
            raise ValueError(f"{name}: a pair holds a sentence that is not content: {x}:{y}")


def main(argv: list[str]) -> int:
    if argv[1:] != ["check"]:
        print(__doc__)
        return 2
    for lang in ("ko", "en"):
        if (DATA / f"debris_bank.{lang}.jsonl").exists():
            pages = load_bank(lang)
            groups = {p.group for p in pages}
            labels = {}
            for p in pages:
                for part in p.parts:
                    labels[part.label] = labels.get(part.label, 0) + 1
            halves = {h: len({p.group for p in pages if p.half == h}) for h in ("fit", "held")}
            print(f"debris bank {lang}: {len(pages)} pages, {len({p.outlet for p in pages})} outlets, "
                  f"{len(groups)} groups ({halves['fit']} fit, {halves['held']} held out); "
                  f"{dict(sorted(labels.items()))}")
    if (DATA / "real_pairs").is_dir():
        pairs = load_pairs()
        print(f"real pairs: {len(pairs)}, {sum(len(p.gold) for p in pairs)} gold beads, "
              f"{sum(p.half == 'fit' for p in pairs)} in the fit half")
    for name, what in (("segmentation_real.jsonl", "real-page segmentation traps"),
                       ("segmentation_sample.jsonl", "real passages taken as they came")):
        path = DATA / name
        if path.exists():
            cases = read_cases(path)
            for case in cases:
                if "".join("".join(case["sentences"]).split()) != "".join(case["text"].split()):
                    raise ValueError(f"{name}: {case['id']}: the sentences do not give back the text")
            print(f"{what}: {len(cases)} from {len({c['outlet'] for c in cases})} outlets, "
                  f"{sum(half(c['outlet']) == 'fit' for c in cases)} in the fit half")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
