"""Corpus mode: thousands of article pairs in one run, resumable, on local processes or Ray.

>>> from align.batch import run_batch, read_manifest
>>> summary = run_batch(read_manifest("pairs.tsv"), "out/", workers=2)
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from ..embed.base import available_cores
from ..select import select
from ..write import write_documents
from ..write.atomic import write_atomic
from ..write.jsonl import json_line
from .boilerplate import find_boilerplate
from .engine import run_local, run_ray
from .filters import QualityFilters, apply_filters
from .manifest import Entry, pair_directories, read_manifest, shard
from .store import PartStore

__all__ = ["CORPUS_NAMES", "Entry", "QualityFilters", "pair_directories", "read_manifest", "run_batch", "shard"]

CORPUS_NAMES = {"jsonl": "corpus.jsonl", "tsv": "corpus.tsv", "tmx": "corpus.tmx", "hf": "corpus.hf.jsonl",
                "moses": "corpus", "html": "corpus.html"}


def run_batch(entries: list[Entry], out_dir: str | Path, fmt: str = "jsonl", model: str | None = None,
              split: str = "auto", workers: int | None = None, engine: str = "local",
              address: str | None = None, filters: QualityFilters = QualityFilters(),
              limit: int | None = None, progress: bool | None = None, threads: int | None = None,
              boilerplate: bool = True, ko_lang: str = "ko-KR", en_lang: str = "en-US") -> dict:
    """Align every entry not yet done in ``out_dir``, then write the corpus and its side files.

    Writes ``corpus.*`` (pairs that pass the filters), ``leftovers.jsonl`` (everything
    else, so nothing is lost), ``errors.jsonl`` (pairs that failed, with the reason)
    and ``summary.json``; returns the summary. Run it again with the same arguments
    after a crash and it redoes only what was not committed. ``threads``: BLAS threads
    per local worker (default: the available cores shared out among the workers).
    With ``boilerplate``, lines that recur across the documents of a source (the
    manifest's ``source`` column, else the whole run) are page debris; they are listed in
    ``boilerplate.json``. ``ko_lang``/``en_lang`` are the language tags a TMX corpus carries.
    """
    out = Path(out_dir)
    store = PartStore(out / "parts")
    entries = entries[:limit] if limit else entries
    todo = [e for e in entries if not store.done(e.id)]
    workers = workers or available_cores()
    t0 = time.perf_counter()
    # found over every entry, done or not, so a resumed run sees what the first one saw
    recurring = find_boilerplate(entries, split) if boilerplate else {}
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / "boilerplate.json", json.dumps(
        {source: {"ko": sorted(ko), "en": sorted(en)} for source, (ko, en) in recurring.items()},
        ensure_ascii=False, indent=1) + "\n")
    run = (run_ray(todo, model, split, str(store.dir), workers, address, recurring) if engine == "ray"
           else run_local(todo, model, split, str(store.dir), workers, threads, recurring))
    failed = 0
    bar = _progress(len(todo), progress)
    for report in run:
        failed += sum(bad for _id, bad in report)
        bar.update(len(report))
    bar.close()
    seconds = time.perf_counter() - t0
    tags = {"ko_lang": ko_lang, "en_lang": en_lang} if fmt == "tmx" else {}
    summary = assemble(entries, store, out, fmt, filters, tags)
    summary["run"] = {"pairs_this_run": len(todo), "aligned": len(todo) - failed, "failed": failed,
                      "skipped_already_done": len(entries) - len(todo), "seconds": round(seconds, 2),
                      "pairs_per_second": round(len(todo) / seconds, 2) if seconds and todo else None,
                      "workers": workers, "engine": engine}
    write_atomic(out / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    return summary


def assemble(entries: list[Entry], store: PartStore, out: Path, fmt: str, filters: QualityFilters,
             options: dict | None = None) -> dict:
    """Build the outputs from the committed parts, in manifest order."""
    documents, leftovers, errors = [], [], []
    counts, categories, kinds, seen = Counter(), Counter(), Counter(), set()
    histogram = [0] * 10
    sentences = {"ko": 0, "en": 0, "ko_aligned": 0, "en_aligned": 0}
    signature = None
    for e in entries:
        result = store.load(e.id)
        if result is None:
            continue
        if result.error:
            # the manifest's own columns never shadow the tool's fields
            errors.append({**e.meta, "id": e.id, "ko": e.ko, "en": e.en, "error": result.error})
            continue
        a = result.alignment
        signature = signature or a.signature
        kept, aside = select(a, pairs_only=True)
        kept, removed = apply_filters(a, kept, filters, seen, counts)
        documents.append((a, kept))
        position = {id(b): i for i, b in enumerate(a.beads)}
        leftovers.append((a, sorted(aside + removed, key=lambda b: position[id(b)])))
        categories.update(b.category for b in aside if b.is_leftover)
        kinds.update(b.kind for b in kept)
        for b in kept:
            histogram[min(int(b.score * 10), 9)] += 1
        sentences["ko"] += len(a.ko)
        sentences["en"] += len(a.en)
        sentences["ko_aligned"] += sum(len(b.ko) for b in kept)
        sentences["en_aligned"] += sum(len(b.en) for b in kept)
    write_documents(documents, out / CORPUS_NAMES[fmt], fmt, **(options or {}))
    write_documents(leftovers, out / "leftovers.jsonl", "jsonl")
    write_atomic(out / "errors.jsonl", "".join(json_line(x) for x in errors))
    return {"pairs": len(entries), "done": len(documents), "failed": len(errors),
            "not_done": len(entries) - len(documents) - len(errors),
            "corpus": {"file": CORPUS_NAMES[fmt], "format": fmt, "pairs": sum(kinds.values()),
                       "kinds": dict(kinds), "sentences": sentences},
            "leftovers": dict(categories), "filtered": dict(counts), "filters": asdict(filters),
            "score_histogram": {f"{i / 10:.1f}-{(i + 1) / 10:.1f}": n for i, n in enumerate(histogram)},
            "signature": signature}


def _progress(total: int, enabled: bool | None):
    from tqdm import tqdm
    return tqdm(total=total, unit="pair", disable=not (sys.stderr.isatty() if enabled is None else enabled),
                smoothing=0.1)

