"""What a batch run works through: a manifest (TSV or JSONL) or two directories paired by file name."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..textio import decode_bytes


@dataclass(frozen=True)
class Entry:
    """One article pair: an id unique in the run, the two paths, and any metadata (URLs...)."""

    id: str
    ko: str
    en: str
    meta: dict = field(default_factory=dict)


def read_manifest(path: str | Path) -> list[Entry]:
    """Entries of a JSONL manifest (``{"id", "ko", "en", ...}`` per line) or a TSV one
    (columns ``id``, ``ko``, ``en`` and any others, with that header line). Relative
    paths are taken from the manifest's folder."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such manifest file")
    base = path.parent
    # spreadsheets write a byte-order mark, or CP949 on Korean Windows: decoded as any input is
    text = decode_bytes(path.read_bytes(), path)
    if path.suffix in (".jsonl", ".json"):
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line, object_pairs_hook=_once))
                except json.JSONDecodeError as err:
                    raise InputError(path, f"line {n} is not JSON ({err.msg})") from None
                except KeyError as err:
                    raise InputError(path, f"line {n} names the key {err.args[0]!r} twice") from None
                if not isinstance(rows[-1], dict):
                    raise InputError(path, f"line {n} is not a JSON object (one {{\"id\", \"ko\", \"en\", ...}} a line)")
    else:
        rows = _tsv_rows(text, path)
    entries = []
    for n, row in enumerate(rows, 1):
        missing = [k for k in ("id", "ko", "en") if not row.get(k)]
        if missing:
            raise InputError(path, f"entry {n} lacks {', '.join(missing)} (columns: id, ko, en, ...)")
        if not (isinstance(row["ko"], str) and isinstance(row["en"], str)):
            raise InputError(path, f"entry {n}: ko and en must be file paths (strings)")
        meta = {k: v for k, v in row.items() if k not in ("id", "ko", "en")}
        entries.append(Entry(str(row["id"]), str(base / row["ko"]), str(base / row["en"]), meta))
    _check_unique(entries, path)
    return entries


def _once(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different (``json`` silently keeps the last of a repeated one)."""
    keys = Counter(k for k, _ in pairs)
    twice = [k for k, n in keys.items() if n > 1]
    if twice:
        raise KeyError(twice[0])
    return dict(pairs)


def _tsv_rows(text: str, path: Path) -> list[dict]:
    """The rows of a TSV manifest as dicts; a header naming a column twice, or a row of another
    width than the header, is an error (else a cell would be lost or land under no name)."""
    reader = csv.reader(text.splitlines(), delimiter="\t")
    header = next(reader, [])
    twice = [name for name, n in Counter(header).items() if n > 1]
    if twice:
        raise InputError(path, f"line 1: the header names the column {twice[0]!r} twice")
    rows = []
    for cells in reader:
        if not cells:  # a blank line
            continue
        if len(cells) != len(header):
            raise InputError(path, f"line {reader.line_num}: {len(cells)} cells, the header has {len(header)}")
        rows.append(dict(zip(header, cells)))
    return rows


def pair_directories(ko_dir: str | Path, en_dir: str | Path) -> list[Entry]:
    """Files of the same name in both directories; a file on one side only is an error entry."""
    ko_dir, en_dir = Path(ko_dir), Path(en_dir)
    for d in (ko_dir, en_dir):
        if not d.is_dir():
            raise InputError(d, "no such directory")
    ko = {p.name: p for p in ko_dir.iterdir() if p.is_file() and not p.name.startswith(".")}
    en = {p.name: p for p in en_dir.iterdir() if p.is_file() and not p.name.startswith(".")}
    names = sorted(ko.keys() | en.keys())
    stems = Counter(Path(name).stem for name in names)
    # the id is the name without its extension, unless another file shares it (s.txt and s.md)
    return [Entry(Path(name).stem if stems[Path(name).stem] == 1 else name, str(ko.get(name, ko_dir / name)),
                  str(en.get(name, en_dir / name))) for name in names]


def shard(entries: list[Entry], spec: str | None) -> list[Entry]:
    """The entries of shard ``i/N`` (every N-th, from the i-th), for schedulers that split a run."""
    if not spec:
        return entries
    try:
        i, n = (int(x) for x in spec.split("/"))
    except ValueError:
        i, n = -1, 0
    if not 0 <= i < n:
        raise ValueError(f"{spec!r}: want I/N with 0 <= I < N, e.g. 0/4")
    return entries[i::n]


def _check_unique(entries: list[Entry], path: Path) -> None:
    seen = set()
    for e in entries:
        if e.id in seen:
            raise InputError(path, f"id {e.id!r} appears twice")
        seen.add(e.id)
