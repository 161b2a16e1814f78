"""Real article pairs, pages as scraped, against their hand-made gold (not a test).

    python benchmarks/bench_real.py [--model use-m3] [--show] [--mismatched]

Each pair of ``data/real_pairs`` (a Korean story and its English edition, menus,
bylines and all) is aligned as a user would align it: ``align_texts`` on the page
texts, the segmenter deciding the sentences. Our beads are projected onto the gold
sentences (each gold sentence goes with the segment holding most of its
characters), so a segmentation error costs what it would cost a user. Printed per
pair and per half (fit / held out, by source), and over all: strict and lax F1,
unaligned precision and recall, debris named as debris (precision and recall over
gold sentences), content left alone named omission/addition, the document score
and whether ``align pair`` would refuse the pair.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align.evaluate import doc_counts, from_counts  # noqa: E402
from realdata import DEBRIS_LABELS, load_pairs  # noqa: E402


def owners(parts, sentences) -> list[int]:
    """For each gold sentence, the index of the segment holding most of its characters."""
    starts = np.array([s.start for s in sentences])
    ends = np.array([s.end for s in sentences])
    out = []
    for p in parts:
        overlap = np.minimum(ends, p.end) - np.maximum(starts, p.start)
        out.append(int(overlap.argmax()))
    return out


def projected(pair, result) -> list[tuple[tuple[int, ...], tuple[int, ...], object]]:
    """Our beads in gold-sentence indices, each with the bead it came from (beads holding no gold sentence dropped)."""
    ko_owner, en_owner = owners(pair.ko, result.ko), owners(pair.en, result.en)
    ko_bead = {i: b for b in result.beads for i in b.ko}
    en_bead = {j: b for b in result.beads for j in b.en}
    grouped: dict[int, tuple[list[int], list[int], object]] = {}
    for g, seg in enumerate(ko_owner):
        grouped.setdefault(id(ko_bead[seg]), ([], [], ko_bead[seg]))[0].append(g)
    for g, seg in enumerate(en_owner):
        grouped.setdefault(id(en_bead[seg]), ([], [], en_bead[seg]))[1].append(g)
    return [(tuple(x), tuple(y), b) for x, y, b in grouped.values()]


def naming(pair, beads) -> np.ndarray:
    """Counts: debris named debris, named debris, gold debris; content leftovers named omission/addition, their total."""
    from align.summary import DEBRIS
    where = {}
    for x, y, b in beads:
        for i in x:
            where[("ko", i)] = b
        for j in y:
            where[("en", j)] = b
    counts = np.zeros(5, dtype=np.int64)
    gold_alone = {(side, i) for x, y in pair.gold if not (x and y)
                  for side, idx in (("ko", x), ("en", y)) for i in idx}
    for side, parts in (("ko", pair.ko), ("en", pair.en)):
        for i, part in enumerate(parts):
            b = where[(side, i)]
            named_debris = b.is_leftover and b.category in DEBRIS
            is_debris = part.label in DEBRIS_LABELS
            counts += [named_debris and is_debris, named_debris, is_debris, 0, 0]
            if part.label == "content" and (side, i) in gold_alone:
                counts += [0, 0, 0, b.is_leftover and b.category in ("omission", "addition"), 1]
    return counts


def evaluate(pairs, model):
    from align import align_texts
    from align.pipeline import looks_like_translation
    rows = []
    for pair in pairs:
        result = align_texts(pair.ko_text, pair.en_text, model=model)
        beads = projected(pair, result)
        counts = doc_counts(pair.gold, [(x, y) for x, y, _ in beads])
        rows.append({"pair": pair, "result": result, "counts": counts, "naming": naming(pair, beads),
                     "refused": not looks_like_translation(result), "beads": beads})
    return rows


def line(name, rows) -> str:
    s = from_counts(sum(r["counts"] for r in rows)).as_dict()
    n = sum(r["naming"] for r in rows)
    return (f"{name:<12} {len(rows):>3} {s['f1_strict']:>8.3f} {s['f1_lax']:>6.3f} {s['unaligned_precision']:>6.3f} "
            f"{s['unaligned_recall']:>6.3f} {n[0] / max(1, n[1]):>7.3f} {n[0] / max(1, n[2]):>7.3f} "
            f"{n[3] / max(1, n[4]):>7.3f} {np.mean([r['result'].doc_score for r in rows]):>6.2f} "
            f"{sum(r['refused'] for r in rows):>7}")


def show(row) -> None:
    """Every bead that differs from the gold, with its texts."""
    pair = row["pair"]
    gold = set(pair.gold)
    for x, y, b in row["beads"]:
        if (x, y) in gold:
            continue
        ko = " | ".join(pair.ko_text[pair.ko[i].start:pair.ko[i].end] for i in x)
        en = " | ".join(pair.en_text[pair.en[j].start:pair.en[j].end] for j in y)
        print(f"    {x}:{y} {b.kind} {b.category or ''} {b.score:.2f}  {ko[:70]!r} || {en[:70]!r}")


def mismatched_refusals(pairs, model) -> tuple[int, int]:
    """How many of the pairs' mismatched combinations (one pair's Korean page with another's English
    page) ``align pair`` refuses as not a translation, and how many there are."""
    from align import align_texts
    from align.pipeline import looks_like_translation
    refused = total = 0
    for a in pairs:
        for b in pairs:
            if a is not b:
                total += 1
                refused += not looks_like_translation(align_texts(a.ko_text, b.en_text, model=model))
    return refused, total


@click.command()
@click.option("--model", default=None, help="Encoder name (default: the embedded one).")
@click.option("--show", "show_errors", is_flag=True, help="Print every bead that differs from the gold.")
@click.option("--mismatched", is_flag=True, help="Also align every pair's Korean page with every other pair's "
              "English page, and count the refusals (a few minutes).")
def main(model, show_errors, mismatched):
    from align.embed import RunCache, get_encoder
    encoder = get_encoder(model)
    rows = evaluate(load_pairs(), encoder)
    print(f"{'pair':<12} {'n':>3} {'strictF1':>8} {'laxF1':>6} {'unalP':>6} {'unalR':>6} {'debrisP':>7} "
          f"{'debrisR':>7} {'omitted':>7} {'score':>6} {'refused':>7}")
    for r in rows:
        print(line(r["pair"].name, [r]))
        if show_errors:
            show(r)
    for half in ("fit", "held"):
        print(line(f"[{half}]", [r for r in rows if r["pair"].half == half]))
    print(line("[all]", rows))
    print(f"signature: {rows[0]['result'].signature}")
    if mismatched:
        refused, total = mismatched_refusals([r["pair"] for r in rows], RunCache(encoder, keep=True))
        print(f"mismatched combinations refused: {refused} of {total}")


if __name__ == "__main__":
    main()
