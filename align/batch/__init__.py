"""Corpus mode: thousands of article pairs in one run, resumable, on local processes or Ray.

>>> from align.batch import run_batch, read_manifest
>>> summary = run_batch(read_manifest("pairs.tsv"), "out/", workers=2)
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import asdict, replace
from pathlib import Path

from ..embed.base import available_cores
from ..errors import OutputError
from ..select import select
from ..write import write_all, write_documents
from ..write.atomic import write_atomic
from ..write.jsonl import json_line
from .boilerplate import find_boilerplate
from .card import corpus_card
from .engine import run_local, run_ray
from .filters import QualityFilters, apply_filters
from .manifest import Entry, pair_directories, read_manifest, shard
from .outdir import check_output_folder, input_overlap
from .store import PartStore
from .worker import settings_signature

__all__ = ["CORPUS_NAMES", "Entry", "QualityFilters", "check_output_folder", "input_overlap", "manifest_columns",
           "pair_directories", "read_manifest", "run_batch", "shard"]

CORPUS_NAMES = {"jsonl": "corpus.jsonl", "tsv": "corpus.tsv", "tmx": "corpus.tmx", "hf": "corpus.hf.jsonl",
                "moses": "corpus", "html": "corpus.html", "parquet": "corpus.parquet"}


def manifest_columns(entries: list[Entry]) -> tuple[str, ...]:
    """The manifest's own columns besides id, ko and en, in the order first seen."""
    return tuple(dict.fromkeys(k for e in entries for k in e.meta))


def run_batch(entries: list[Entry], out_dir: str | Path, fmt: str = "jsonl", model: str | None = None,
              split: str = "auto", workers: int | None = None, engine: str = "local",
              address: str | None = None, filters: QualityFilters = QualityFilters(),
              limit: int | None = None, progress: bool | None = None, threads: int | None = None,
              boilerplate: bool = True, ko_lang: str = "ko-KR", en_lang: str = "en-US",
              carry: tuple[str, ...] | None = None, header: bool = False) -> dict:
    """Align every entry not yet done in ``out_dir``, then write the corpus and its side files.

    Writes ``corpus.*`` (pairs that pass the filters), ``leftovers.jsonl`` (everything
    else, so nothing is lost), ``errors.jsonl`` (pairs that failed, with the reason)
    and ``summary.json``; returns the summary. Run it again with the same arguments
    after a crash and it redoes only what was not committed. ``threads``: BLAS threads
    per local worker (default: the available cores shared out among the workers).
    With ``boilerplate``, lines that recur across the documents of a source (the
    manifest's ``source`` column, else the whole run) are page debris; they are listed in
    ``boilerplate.json``. ``ko_lang``/``en_lang`` are the language tags a TMX corpus carries.
    ``carry``: the manifest columns every row and leftover carries (default: all; strings,
    "" where a row has none); ``header``: a TSV corpus starts with the column names.
    Every part records the run's settings signature: parts made with other settings
    (another model, split, version...) are redone, so the corpus never mixes settings.
    ``README.md`` is the corpus card: counts, filters, settings and how to load it.
    ``out_dir`` must be new, empty or a previous run's, and hold no input file
    (:mod:`align.batch.outdir`); else an :class:`~align.errors.OutputError`, before any work.
    """
    out = check_output_folder(out_dir)
    overlap = input_overlap(out, files=[path for e in entries for path in (e.ko, e.en)])
    if overlap:
        raise OutputError(out_dir, f"{overlap}: give another folder, so that nothing is lost")
    signature = settings_signature(model, split, boilerplate)
    store = PartStore(out / "parts", signature)
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
    run = (run_ray(todo, model, split, str(store.dir), workers, address, recurring, signature) if engine == "ray"
           else run_local(todo, model, split, str(store.dir), workers, threads, recurring, signature))
    failed = 0
    bar = _progress(len(todo), progress)
    for report in run:
        failed += sum(bad for _id, bad in report)
        bar.update(len(report))
    bar.close()
    seconds = time.perf_counter() - t0
    carry = manifest_columns(entries) if carry is None else tuple(carry)
    options = ({"ko_lang": ko_lang, "en_lang": en_lang, "carry": carry} if fmt == "tmx"
               else {"carry": carry, "header": header} if fmt == "tsv" else {"carry": carry})
    summary = assemble(entries, store, out, fmt, filters, options, carry)
    summary["run"] = {"pairs_this_run": len(todo), "aligned": len(todo) - failed, "failed": failed,
                      "skipped_already_done": len(entries) - len(todo), "seconds": round(seconds, 2),
                      "pairs_per_second": round(len(todo) / seconds, 2) if seconds and todo else None,
                      "workers": workers, "engine": engine}
    write_all({out / "summary.json": json.dumps(summary, ensure_ascii=False, indent=2) + "\n",
               out / "README.md": corpus_card(summary, out.name, carry, header)})
    return summary


def assemble(entries: list[Entry], store: PartStore, out: Path, fmt: str, filters: QualityFilters,
             options: dict | None = None, carry: tuple[str, ...] = ()) -> dict:
    """Build the outputs from the committed parts (those made with the store's settings), in manifest order.

    Rows are named by the manifest id and carry its metadata (``carry``: which columns)."""
    documents, leftovers, errors = [], [], []
    counts, categories, kinds, seen = Counter(), Counter(), Counter(), set()
    histogram = [0] * 10
    sentences = {"ko": 0, "en": 0, "ko_aligned": 0, "en_aligned": 0}
    for e in entries:
        result = store.load(e.id)
        if result is None:
            continue
        if result.error:
            # the manifest's own columns never shadow the tool's fields
            errors.append({**e.meta, "id": e.id, "ko": e.ko, "en": e.en, "error": result.error})
            continue
        a = replace(result.alignment, name=e.id, meta=e.meta)
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
    write_documents(leftovers, out / "leftovers.jsonl", "jsonl", carry=carry)
    write_atomic(out / "errors.jsonl", "".join(json_line(x) for x in errors))
    return {"pairs": len(entries), "done": len(documents), "failed": len(errors),
            "not_done": len(entries) - len(documents) - len(errors),
            "corpus": {"file": CORPUS_NAMES[fmt], "format": fmt, "pairs": sum(kinds.values()),
                       "kinds": dict(kinds), "sentences": sentences},
            "leftovers": dict(categories), "filtered": dict(counts), "filters": asdict(filters),
            "score_histogram": {f"{i / 10:.1f}-{(i + 1) / 10:.1f}": n for i, n in enumerate(histogram)},
            "carried": list(carry), "signature": store.signature,
            # the store reads only parts made with its settings: a corpus holds one signature, or none
            "signatures": [store.signature] if documents else []}


def _progress(total: int, enabled: bool | None):
    from tqdm import tqdm
    return tqdm(total=total, unit="pair", disable=not (sys.stderr.isatty() if enabled is None else enabled),
                smoothing=0.1)

