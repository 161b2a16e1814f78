"""Corpus-mode throughput (not a test): pairs per second with 1 and 2 workers and on local Ray.

    python benchmarks/bench_batch.py [--pairs 1000] [--sentences 30]

Makes article pairs of about 30 sentences from ../shared/data/ko-en (windows of
consecutive Park news pairs, plus JHE pairs, at seeded offsets, with page debris
from the held-out half of the bank of real pages),
writes them as files with a manifest, and times `align batch` on them with the
embedded model: 1 worker on 1 core (the baseline), 1 worker on 2 cores, 2 workers,
and --engine ray with 2 workers. Each run
starts from an empty output folder; the model load is part of the time, as a user
pays it.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parent))


def make_pairs(folder: Path, n: int, size: int, seed: int = 5) -> Path:
    from docs import debris_pool, load_pairs
    pool = load_pairs("park-news-dev") + load_pairs("jhe-dev")
    ko_debris = [text for text, _ in debris_pool("ko", "held")]
    en_debris = [text for text, _ in debris_pool("en", "held")]
    rng = random.Random(seed)
    lines = ["id\tko\ten"]
    for i in range(n):
        start = rng.randrange(0, len(pool) - size)
        chunk = pool[start:start + size]
        ko = [rng.choice(ko_debris)] + [k for k, _ in chunk] + [rng.choice(ko_debris)]
        en = [rng.choice(en_debris)] + [e for _, e in chunk] + [rng.choice(en_debris)]
        (folder / f"{i:04d}.ko.txt").write_text("\n".join(ko) + "\n", encoding="utf-8")
        (folder / f"{i:04d}.en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
        lines.append(f"a{i:04d}\t{i:04d}.ko.txt\t{i:04d}.en.txt")
    manifest = folder / "manifest.tsv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def timed_run(manifest: Path, out: Path, **kw) -> tuple[float, dict]:
    from align.batch import read_manifest, run_batch
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    summary = run_batch(read_manifest(manifest), out, split="lines", progress=False, **kw)
    return time.perf_counter() - t0, summary


@click.command()
@click.option("--pairs", default=1000, show_default=True)
@click.option("--sentences", default=30, show_default=True)
@click.option("--ray/--no-ray", "with_ray", default=True, show_default=True)
def main(pairs, sentences, with_ray):
    from docs import shared_data_here
    if not shared_data_here():
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        manifest = make_pairs(folder, pairs, sentences)
        print(f"{pairs} article pairs of {sentences} sentences (+2 debris lines a side), embedded model")
        # one worker on one core is the baseline; one worker may also spread its matrix
        # products over both cores, which is most of what a second worker would add
        runs = [("1 worker, 1 core", {"workers": 1, "threads": 1}), ("1 worker, 2 cores", {"workers": 1}),
                ("2 workers", {"workers": 2})]
        if with_ray:
            runs.append(("ray, 2 workers", {"workers": 2, "engine": "ray"}))
        base = None
        for name, kw in runs:
            seconds, summary = timed_run(manifest, folder / f"out-{len(name)}", **kw)
            rate = pairs / seconds
            base = base or rate
            print(f"{name:<18} {seconds:7.1f} s  {rate:6.2f} pairs/s  {rate / base:4.2f}x 1 worker  "
                  f"({summary['done']} done, {summary['failed']} failed, {summary['corpus']['pairs']} sentence pairs)")


if __name__ == "__main__":
    main()
