"""`align match` on two unpaired collections (not a test): pair precision and recall, and speed.

    python benchmarks/bench_match.py [--fit-seeds 1 --fit-seeds 2 ...] [--seeds 7 --seeds 8 ...] [--scale 1000,10000]

Built from ../shared/data/ko-en, per seed: Park news (in article order) cut into articles of
4-10 sentence pairs, each made an edition pair by the `mixed` recipe of docs.py (merges,
omissions, page debris from the held-out half of the bank of real pages). Some articles are
true pairs; of the others only one side is kept (the Korean side in one folder, the English
in the other: the hardest distractors, often the next part of a true pair's story); JHE
sentences, shuffled and cut the same way, make pseudo-articles, the Korean ones on one side
and the English ones of other sentences on the other. Every file gets a random name, so
nothing but the text can pair them. Each side has at least three distractors per true pair.

The threshold is fitted on the fit seeds 1-3 (the one that maximises F1 there) and reported on
the report seeds 7-12, both printed; the default threshold of the library is reported too. The
score's form (sentence coverage and mutual hits, debris weights, MUTUAL_MIN) was chosen looking
at seeds 1-6; seeds 7-12 were first built when the form was settled.

The scaling run times `match_documents` on 1k-10k documents a side, built by recombining the
same sentence pairs (4-10 drawn at random, a tenth of each side without partner). Each
distinct sentence is embedded once, in the run that first meets it: the embedding cost,
which grows with the distinct sentences, is printed apart from the rest.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parent))

MIN_TRUE = 30
DISTRACTORS_PER_PAIR = 3


def cut(pairs: list, rng: random.Random, low: int = 4, high: int = 10) -> list[list]:
    """Consecutive runs of ``low``..``high`` pairs."""
    out, at = [], 0
    while at < len(pairs) - low:
        size = rng.randint(low, high)
        out.append(pairs[at:at + size])
        at += size
    return out


def collections(seed: int) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """``(korean files, english files, truth)``: file name -> text per side, and Korean name -> English
    name for the true pairs."""
    from docs import RECIPES, as_text, build, debris_pool, load_pairs

    rng = random.Random(seed)
    merge, drop, _ = RECIPES["mixed"]
    pools = (debris_pool("ko", "held"), debris_pool("en", "held"))
    park = [build(chunk, rng, merge=merge, drop=drop, debris=pools) for chunk in cut(load_pairs("park-news-dev"), rng)]
    jhe = load_pairs("jhe-dev")
    rng.shuffle(jhe)
    pseudo = cut(jhe, rng)
    half = len(pseudo) // 2
    jhe_ko = [as_text([k for k, _ in chunk], rng) for chunk in pseudo[:half]]
    jhe_en = [as_text([e for _, e in chunk], rng) for chunk in pseudo[half:]]
    # as many true pairs as leave three distractors a pair on each side
    true = max(t for t in range(len(park) + 1)
               if (len(park) - t) // 2 + min(len(jhe_ko), len(jhe_en)) >= DISTRACTORS_PER_PAIR * t)
    if true < MIN_TRUE:
        raise SystemExit(f"only {true} true pairs fit with {DISTRACTORS_PER_PAIR} distractors each")
    order = list(range(len(park)))
    rng.shuffle(order)
    paired, rest = order[:true], order[true:]
    ko_only, en_only = rest[:len(rest) // 2], rest[len(rest) // 2:]

    def name() -> str:
        return f"{rng.getrandbits(48):012x}.txt"

    ko, en, truth = {}, {}, {}
    for d in paired:
        k, e = name(), name()
        ko[k], en[e], truth[k] = as_text(park[d].ko, rng), as_text(park[d].en, rng), e
    for d in ko_only:
        ko[name()] = as_text(park[d].ko, rng)
    for d in en_only:
        en[name()] = as_text(park[d].en, rng)
    for text in jhe_ko:
        ko[name()] = text
    for text in jhe_en:
        en[name()] = text
    return ko, en, truth


class CachedEncoder:
    """The encoder, remembering every sentence it embedded (seeds and scaling runs share most of
    them) and the seconds it spent embedding."""

    def __init__(self, encoder):
        self.inner, self.name, self.memo, self.seconds, self.embedded = encoder, encoder.name, {}, 0.0, 0

    def encode(self, texts):
        import numpy as np
        new = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if new:
            t0 = time.perf_counter()
            self.memo.update(zip(new, self.inner.encode(new)))
            self.seconds += time.perf_counter() - t0
            self.embedded += len(new)
        return np.stack([self.memo[t] for t in texts]) if texts else np.zeros((0, 512), np.float32)


def write_side(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def run_seed(seed: int, encoder, tmp: Path):
    """``(links, truth, seconds, documents)``: every pair taken at threshold 0 with its score."""
    from align.match import match_directories
    ko, en, truth = collections(seed)
    write_side(tmp / f"s{seed}" / "ko", ko)
    write_side(tmp / f"s{seed}" / "en", en)
    t0 = time.perf_counter()
    # the pairs taken best first do not depend on the threshold, which only cuts the list
    result = match_directories(tmp / f"s{seed}" / "ko", tmp / f"s{seed}" / "en", model=encoder, threshold=0.0)
    seconds = time.perf_counter() - t0
    links = [(Path(m.ko).name, Path(m.en).name, m.score) for m in result.matches]
    return links, truth, seconds, len(ko) + len(en)


def precision_recall(runs, threshold: float) -> tuple[float, float, int, int]:
    tp = fp = gold = 0
    for links, truth, *_ in runs:
        gold += len(truth)
        for ko, en, score in links:
            if score >= threshold:
                tp += truth.get(ko) == en
                fp += truth.get(ko) != en
    return (tp / (tp + fp) if tp + fp else 1.0), tp / gold, tp, fp


def fit_threshold(runs) -> float:
    """The threshold with the best F1 on ``runs`` (the middle of the best plateau)."""
    grid = [t / 1000 for t in range(200, 801, 5)]
    f1 = []
    for t in grid:
        p, r, *_ = precision_recall(runs, t)
        f1.append(2 * p * r / (p + r) if p + r else 0.0)
    best = [t for t, f in zip(grid, f1) if f == max(f1)]
    return best[len(best) // 2]


def synthetic(n: int, rng: random.Random, pool: list[tuple[str, str]]):
    """``n`` documents a side recombined from ``pool``: 4-10 pairs drawn at random, one sentence of a side
    dropped now and then; a tenth of each side has no partner."""
    from docs import as_text
    ko, en, truth = {}, {}, {}
    for d in range(n):
        # sampled, not consecutive: overlapping windows would make near-duplicate documents
        run = rng.sample(pool, rng.randint(4, 10))
        ks, es = [k for k, _ in run], [e for _, e in run]
        if rng.random() < 0.3:
            (ks if rng.random() < 0.5 else es).pop(rng.randrange(len(run)))
        role = rng.random()
        k_name, e_name = f"k{d:05d}-{rng.getrandbits(24):06x}.txt", f"e{rng.getrandbits(40):010x}.txt"
        if role >= 0.1:
            ko[k_name] = as_text(ks, rng)
        if role < 0.1 or role >= 0.2:
            en[e_name] = as_text(es, rng)
        if role >= 0.2:
            truth[k_name] = e_name
    return ko, en, truth


def scaling_run(n: int, encoder, tmp: Path) -> None:
    from align.match import match_directories
    from docs import load_pairs
    pool = load_pairs("park-news-dev") + load_pairs("jhe-dev")
    ko, en, truth = synthetic(n, random.Random(n), pool)
    write_side(tmp / f"n{n}" / "ko", ko)
    write_side(tmp / f"n{n}" / "en", en)
    embedded, spent = encoder.embedded, encoder.seconds
    t0 = time.perf_counter()
    result = match_directories(tmp / f"n{n}" / "ko", tmp / f"n{n}" / "en", model=encoder)
    seconds = time.perf_counter() - t0
    embed = encoder.seconds - spent
    docs = len(ko) + len(en)
    hits = sum(truth.get(Path(m.ko).name) == Path(m.en).name for m in result.matches)
    print(f"{len(ko):>6} x {len(en):<6} {seconds:8.1f} s  {1000 * (seconds - embed) / docs:6.2f} s/1k docs "
          f"besides embedding  ({encoder.embedded - embedded} new sentences embedded in {embed:.1f} s)  "
          f"P {hits / max(1, len(result.matches)):.3f} R {hits / len(truth):.3f}  "
          f"(the exact search alone: {search_seconds(len(ko), len(en)):.2f} s)")


def search_seconds(n: int, m: int) -> float:
    """Seconds of the candidate search (the one part that grows with n x m) on random 512-d vectors."""
    import numpy as np
    from align.embed.base import normalise
    from align.match import DEFAULT_CANDIDATES
    from align.match.candidates import candidate_pairs
    rng = np.random.default_rng(0)
    x, y = normalise(rng.normal(size=(n, 512))), normalise(rng.normal(size=(m, 512)))
    t0 = time.perf_counter()
    candidate_pairs(x, y, DEFAULT_CANDIDATES)
    return time.perf_counter() - t0


@click.command()
@click.option("--fit-seeds", multiple=True, type=int, default=(1, 2, 3), show_default=True)
@click.option("--seeds", multiple=True, type=int, default=(7, 8, 9, 10, 11, 12), show_default=True,
              help="Report seeds (7-12 were never looked at while the score was designed; 4-6 were).")
@click.option("--scale", default="1000,3000,10000", show_default=True,
              help="Documents a side for the scaling run, comma-separated ('' for none).")
def main(fit_seeds, seeds, scale):
    from align.embed import get_encoder
    from align.match import DEFAULT_THRESHOLD, MatchSettings
    from docs import shared_data_here
    if not shared_data_here():
        return
    encoder = CachedEncoder(get_encoder(None))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        runs = {}
        for seed in (*fit_seeds, *seeds):
            runs[seed] = run_seed(seed, encoder, tmp)
            links, truth, seconds, docs = runs[seed]
            print(f"seed {seed}: {docs} documents, {len(truth)} true pairs, {docs - 2 * len(truth)} distractors "
                  f"({(docs - 2 * len(truth)) / (2 * len(truth)):.1f} a pair a side); {seconds:.1f} s, "
                  f"{1000 * seconds / docs:.1f} s per 1,000 documents")
        first = runs[(*fit_seeds, *seeds)[0]]
        print(f"seconds per 1,000 documents, embedding included (first seed, nothing cached): "
              f"{1000 * first[2] / first[3]:.1f}")
        fitted = fit_threshold([runs[s] for s in fit_seeds])
        print(MatchSettings(encoder.name, DEFAULT_THRESHOLD, *_defaults()).signature)
        for label, threshold in ((f"fitted on seeds {','.join(map(str, fit_seeds))}", fitted),
                                 ("library default", DEFAULT_THRESHOLD)):
            for part, chosen in (("fit", fit_seeds), ("report", seeds)):
                p, r, tp, fp = precision_recall([runs[s] for s in chosen], threshold)
                print(f"threshold {threshold:.3f} ({label}) on {part} seeds {','.join(map(str, chosen))}: "
                      f"P {p:.3f} R {r:.3f} ({tp} right, {fp} wrong)")
        if scale:
            print("scaling (recombined sentence pairs; each distinct sentence embedded once, by the run that first "
                  "meets it):")
            for n in (int(x) for x in scale.split(",")):
                scaling_run(n, encoder, tmp)


def _defaults():
    from align.match import DEFAULT_CANDIDATES, DEFAULT_MARGIN
    return DEFAULT_MARGIN, DEFAULT_CANDIDATES


if __name__ == "__main__":
    main()
