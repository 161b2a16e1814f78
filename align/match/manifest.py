"""The files `align match` writes: the manifest `align batch` reads, and the documents left unmatched."""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from pathlib import Path

from .result import MatchResult


def unmatched_path(manifest: str | os.PathLike) -> str:
    """Where the unmatched documents of ``manifest`` go: ``pairs.tsv`` -> ``pairs.unmatched.tsv``."""
    manifest = Path(manifest)
    return str(manifest.with_name(f"{manifest.stem}.unmatched{manifest.suffix or '.tsv'}"))


def manifest_files(result: MatchResult, manifest: str | os.PathLike) -> dict[str, str]:
    """Path -> content of the manifest (TSV: ``id``, ``ko``, ``en``, ``score``, ``evidence``, as
    :func:`align.batch.read_manifest` reads it, paths relative to its folder) and of its unmatched
    file (``path``, ``side``, ``reason``), for :func:`align.write.write_all` to write together."""
    base = Path(manifest).absolute().parent
    ids = _ids([m.ko for m in result.matches])
    pairs = [("id", "ko", "en", "score", "evidence")] + [
        (id_, _relative(m.ko, base), _relative(m.en, base), f"{m.score:.4f}", m.evidence)
        for id_, m in zip(ids, result.matches)]
    left = [("path", "side", "reason")] + [(_relative(u.path, base), u.side, u.reason) for u in result.unmatched]
    return {str(manifest): _tsv(pairs), unmatched_path(manifest): _tsv(left)}


def _ids(paths: list[str]) -> list[str]:
    """The Korean file's name without extension, unless another pair shares it (then the name, then a number)."""
    stems = Counter(Path(p).stem for p in paths)
    ids = [Path(p).stem if stems[Path(p).stem] == 1 else Path(p).name for p in paths]
    seen: Counter[str] = Counter()
    out = []
    for id_ in ids:
        seen[id_] += 1
        out.append(id_ if seen[id_] == 1 else f"{id_}-{seen[id_]}")
    return out


def _relative(path: str, base: Path) -> str:
    return os.path.relpath(Path(path).absolute(), base)


def _tsv(rows) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\n").writerows(rows)
    return out.getvalue()
