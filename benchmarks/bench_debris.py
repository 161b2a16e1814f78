"""Page debris on real pages of outlets the recogniser was not fitted on (not a test).

    python benchmarks/bench_debris.py [--show]

The labelled bank (``data/debris_bank.{ko,en}.jsonl``: real pages, every line labelled)
is split by outlet group before any fitting (``realdata.half``). ``fit_debris.py`` fits
the recogniser on the fit half; this prints both halves side by side, and the gap:
precision and recall of segments named as debris (each segment takes the gold label
it shares most characters with; the line a scrape cut off is not scored), the
precision of those kept out of the alignment, recall by gold category, and how often
a found fragment is given its gold category. The first rows are the pattern rules
alone (``models/debris.toml``, what the tool had before), for comparison; the
``second`` rows score a second annotator's labels, made blind to the first, of the
bank's first 148 Korean and 106 English pages against the gold: the agreement two
careful readers reach.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realdata import DEBRIS_LABELS, label_of, load_bank, load_second_labels  # noqa: E402


def bank_pages(lang: str, encoder):
    """Each page of one language's bank: the page, its segments, their vectors, gold labels and
    the second annotator's labels (``None`` where the page has none)."""
    from align.embed.base import encode_unique
    from align.pipeline import sentences_of
    second = load_second_labels(lang)
    out = []
    for n, page in enumerate(load_bank(lang)):
        sentences = sentences_of(page.text)
        vectors = encode_unique(encoder, [s.text for s in sentences])
        other = [label_of(second[n], s.start, s.end) for s in sentences] if n in second else None
        out.append((page, sentences, vectors, [label_of(page.parts, s.start, s.end) for s in sentences], other))
    return out


def judged(pages, encoder, system: str = "align", model=None):
    """(gold label, call, page, segment) per scored segment; the call is the recogniser's (``align``:
    ``model``, or the shipped one), the pattern rules' alone (``rules``) or the second annotator's
    (``second``, pages it labelled)."""
    from align.leftovers import classify_sentences, recognise
    from align.leftovers.recognise import DebrisCall
    out = []
    for page, sentences, vectors, labels, other in pages:
        if system == "rules":
            calls = [DebrisCall(1.0, c[0], c[1], True) if c else DebrisCall(0.0)
                     for c in classify_sentences(page.text, sentences)]
        elif system == "second":
            if other is None:
                continue
            labels = [label if o not in (None, "cut") else None for label, o in zip(labels, other)]
            calls = [DebrisCall(1.0, o, "second annotator", True) if o in DEBRIS_LABELS else DebrisCall(0.0)
                     for o in other]
        else:
            calls = recognise(page.text, sentences, vectors, encoder, model=model)
        out += [(label, call, page, s) for label, call, s in zip(labels, calls, sentences)
                if label not in (None, "cut")]
    return out


def figures(rows) -> dict:
    gold = np.array([label in DEBRIS_LABELS for label, *_ in rows])
    named = np.array([call.is_debris for _, call, *_ in rows])
    fixed = np.array([call.fixed for _, call, *_ in rows])
    tp = int((gold & named).sum())
    p, r = tp / max(1, named.sum()), tp / max(1, gold.sum())
    same = sum(call.category == label for label, call, *_ in rows if call.is_debris and label in DEBRIS_LABELS)
    return {"segments": len(rows), "debris": int(gold.sum()), "P": p, "R": r, "F1": 2 * p * r / max(1e-9, p + r),
            "fixedP": f"{(gold & fixed).sum() / fixed.sum():.3f}" if fixed.any() else "-",
            "category": same / max(1, tp)}


@click.command()
@click.option("--show", is_flag=True, help="Print the held-out half's errors.")
def main(show):
    from align.embed import get_encoder
    from align.leftovers.recognise import debris_model
    encoder = get_encoder(None)
    print(f"recogniser: {debris_model().settings()}")
    print(f"{'system':<8} {'lang':<4} {'half':<5} {'groups':>6} {'segs':>5} {'debris':>6} {'P':>6} {'R':>6} "
          f"{'F1':>6} {'fixedP':>6} {'categ':>6}")
    recall = {}
    for lang in ("ko", "en"):
        pages = bank_pages(lang, encoder)
        for system in ("second", "rules", "align"):
            result = {}
            for half in ("fit", "held"):
                part = [p for p in pages if p[0].half == half]
                rows = judged(part, encoder, system)
                f = result[half] = figures(rows)
                groups = len({p[0].group for p in part if system != "second" or p[4] is not None})
                print(f"{system:<8} {lang:<4} {half:<5} {groups:>6} {f['segments']:>5} "
                      f"{f['debris']:>6} {f['P']:>6.3f} {f['R']:>6.3f} {f['F1']:>6.3f} {f['fixedP']:>6} "
                      f"{f['category']:>6.3f}")
                if system == "align":
                    recall[(lang, half)] = rows
            gap = {k: result["fit"][k] - result["held"][k] for k in ("P", "R", "F1")}
            print(f"{system:<8} {lang:<4} {'gap':<5} {'':>6} {'':>5} {'':>6} {gap['P']:>+6.3f} {gap['R']:>+6.3f} "
                  f"{gap['F1']:>+6.3f}")
    print("held-out recall by gold category (found / total):")
    for lang in ("ko", "en"):
        found, total = Counter(), Counter()
        for label, call, *_ in recall[(lang, "held")]:
            if label in DEBRIS_LABELS:
                total[label] += 1
                found[label] += call.is_debris
        print(f"  {lang}: " + ", ".join(f"{c} {found[c]}/{total[c]}" for c in sorted(total, key=lambda c: -total[c])))
    if show:
        for lang in ("ko", "en"):
            for label, call, _page, s in recall[(lang, "held")]:
                if (label in DEBRIS_LABELS) != call.is_debris:
                    print(f"  {lang} {call.probability:.2f} {label:<9} {call.category or '-':<9} {s.text[:90]!r}")


if __name__ == "__main__":
    main()
