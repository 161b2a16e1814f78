"""Would more labelled pages close the gap? The recogniser's learning curve (not a test).

    python benchmarks/bench_debris_curve.py [--shares 0.33 --shares 0.67 --shares 1]

Fits the recogniser as ``fit_debris.py`` does on a share of the fit half's outlet groups
(drawn in a fixed order, so each share holds the smaller ones) and prints, for each, the
held-out half's precision, recall and F1 as ``bench_debris.py`` scores them. A curve still
rising at the full fit half says more outlets would help; a flat one says the evidence,
not the amount of it, limits the held-out figures. Nothing is written: the shipped model
is untouched. Takes a few minutes a share.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_debris import bank_pages, figures, judged  # noqa: E402  (beside this script)
from fit_debris import fit_model, fit_rows  # noqa: E402


@click.command()
@click.option("--shares", multiple=True, type=float, default=(1 / 3, 2 / 3, 1.0), show_default=True,
              help="Shares of the fit half's outlet groups to fit on.")
def main(shares):
    from align.embed import get_encoder
    from align.leftovers.recognise import load_model
    encoder = get_encoder(None)
    rows = fit_rows(encoder)
    row_groups = rows[4]  # fit_rows: features, vectors, gold, categories, groups, pages
    held = {lang: [p for p in bank_pages(lang, encoder) if p[0].half == "held"] for lang in ("ko", "en")}
    groups = sorted(set(row_groups))
    order = [groups[k] for k in np.random.default_rng(0).permutation(len(groups))]
    print(f"{'share':>5} {'groups':>6} {'segs':>6} {'lang':<4} {'P':>6} {'R':>6} {'F1':>6}")
    for share in sorted(shares):
        chosen = set(order[:max(1, round(share * len(order)))])
        keep = np.array([g in chosen for g in row_groups])
        model = load_model(fit_model(encoder.name, *(column[keep] for column in rows)))
        for lang, pages in held.items():
            f = figures(judged(pages, encoder, model=model))
            print(f"{share:>5.2f} {len(chosen):>6} {int(keep.sum()):>6} {lang:<4} {f['P']:>6.3f} {f['R']:>6.3f} "
                  f"{f['F1']:>6.3f}", flush=True)


if __name__ == "__main__":
    main()
