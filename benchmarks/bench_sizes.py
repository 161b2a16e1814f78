"""Time and peak memory of `align pair` against input size, end to end (not a test).

    python benchmarks/bench_sizes.py [--mb 1 --mb 5 --mb 20] [--shape news|lines|unpunctuated]

``--mb`` is megabytes PER SIDE: each pair is built from the Park news sentences of ../shared
(the article text joined into paragraphs, repeated) until Korean plus English hold twice
that (Korean, in UTF-8, is a little over half), and aligned by a fresh `align pair` process
on one core. Printed are both sides' sizes, wall seconds, CPU seconds per MB of a side and
the process's peak resident memory, with its growth per MB of a side against the smallest
size (the constant part is the interpreter, the model and its weights). Shapes: ``news``
(running text, the default), ``lines`` (one word a line: many tiny segments) and
``unpunctuated`` (no sentence punctuation at all).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import click

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "ko-en"


def make_pair(folder: Path, megabytes: float, shape: str) -> tuple[Path, Path]:
    """A Korean and an English file of ``megabytes`` per side (twice that together)."""
    ko_lines = (SHARED / "park-news-dev.ko").read_text("utf-8").splitlines()
    en_lines = (SHARED / "park-news-dev.en").read_text("utf-8").splitlines()
    ko, en, size, copy = [], [], 0, 0
    while size < 2 * megabytes * 1e6:
        for start in range(0, len(ko_lines), 8):
            k, e = ko_lines[start:start + 8], en_lines[start:start + 8]
            if shape == "lines":
                k, e = [w for s in k for w in s.split()], [w for s in e for w in s.split()]
                ko.append("\n".join(k))
                en.append("\n".join(e))
            elif shape == "unpunctuated":
                ko.append(" ".join(s.rstrip(".!?") for s in k))
                en.append(" ".join(s.rstrip(".!?") for s in e))
            else:
                ko.append(" ".join(k))
                en.append(" ".join(e))
            size += sum(len(s.encode("utf-8")) for s in k + e)
            if size >= 2 * megabytes * 1e6:
                break
        copy += 1
    ko_path, en_path = folder / f"{shape}-{megabytes}.ko.txt", folder / f"{shape}-{megabytes}.en.txt"
    ko_path.write_text("\n\n".join(ko) + "\n", encoding="utf-8")
    en_path.write_text("\n\n".join(en) + "\n", encoding="utf-8")
    return ko_path, en_path


def run(ko: Path, en: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak RSS (GB) of one `align pair` process (GNU time), and its message."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "ALIGN_MAX_INPUT_MB": "1000"}
    done = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", sys.executable, "-m", "align.cli", "pair", str(ko),
                           str(en), "-o", str(ko) + ".tsv"], capture_output=True, text=True, env=env, check=False)
    lines = done.stderr.strip().splitlines()
    wall, user, system, peak_kb = (float(x) for x in lines[-1].split())
    return wall, user + system, peak_kb / 1e6, (lines[0] if len(lines) > 1 else "")[:60]


@click.command()
@click.option("--mb", "sizes", type=float, multiple=True, default=(1.0, 5.0, 20.0), show_default=True,
              help="Megabytes per side (Korean and English each).")
@click.option("--shape", "shapes", type=click.Choice(["news", "lines", "unpunctuated"]), multiple=True,
              default=("news",), show_default=True)
def main(sizes, shapes):
    print("MB are per side (Korean and English each); cpu_s/MB and GB/MB per MB of a side")
    print(f"{'shape':<13} {'MB/side':>7} {'ko_MB':>6} {'en_MB':>6} {'wall_s':>8} {'cpu_s/MB':>9} {'peak_GB':>8} "
          f"{'GB/MB over smallest':>20}  result")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            base = None
            for mb in sorted(sizes):
                ko, en = make_pair(Path(tmp), mb, shape)
                ko_mb, en_mb = ko.stat().st_size / 1e6, en.stat().st_size / 1e6
                actual = (ko_mb + en_mb) / 2
                wall, cpu, peak, message = run(ko, en)
                growth = "-" if base is None else f"{(peak - base[1]) / (actual - base[0]):.3f}"
                base = base or (actual, peak)
                print(f"{shape:<13} {actual:7.2f} {ko_mb:6.2f} {en_mb:6.2f} {wall:8.1f} {cpu / actual:9.1f} {peak:8.2f} "
                      f"{growth:>20}  {message}", flush=True)


if __name__ == "__main__":
    main()
