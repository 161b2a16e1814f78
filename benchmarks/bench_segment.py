"""Segmentation benchmark (not a test): align's segmenter against kss, Kiwi, pySBD,
sentence-splitter and blingfire, side by side in one run.

    pip install -e ".[bench]"
    python benchmarks/bench_segment.py

Running news text is built from ../shared/data/ko-en/park-news-dev.{ko,en}: the
sentences of each 30-sentence article joined with single spaces, a paragraph break
every 2-4 sentences (seeded). Two ways of feeding it: "lines" gives each paragraph
separately; "page" gives the whole article at once with its line breaks. Printed per
segmenter: boundary precision, recall and F1, exact-sentence rate, characters per
second on one core; then the hard cases of tests/data/segmentation_cases.jsonl, the
held-out traps of data/segmentation_heldout.jsonl (written apart from the rules, never
tuned on), the real-page traps of data/segmentation_real.jsonl (excerpts of stored news
pages where align's segmenter erred when they were collected, split by outlet like the
debris bank: the rules were fixed on the fit half's, the held half's are only reported; they
were chosen where align erred, so the other segmenters' figures on them are not comparable),
and the time from import to first result in a fresh process. Last, per segmenter, boundary
P/R/F1 on data/segmentation_sample.jsonl: passages of real pages taken as they came (not where
anyone erred), split by a reader who ran no segmenter, halves by outlet as above: the one
real-page figure where the other segmenters' are comparable.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core for every segmenter

sys.path.insert(0, str(Path(__file__).resolve().parent))

HERE = Path(__file__).resolve().parent
CASES = HERE.parent / "tests" / "data" / "segmentation_cases.jsonl"
# the traps of issue 16, written by someone who never saw the segmenter's rules: never tuned on
HELD_OUT = HERE / "data" / "segmentation_heldout.jsonl"
REAL = HERE / "data" / "segmentation_real.jsonl"
SAMPLE = HERE / "data" / "segmentation_sample.jsonl"


def segmenters(lang: str) -> dict:
    """Name -> (import statement for timing, function text -> list of sentence strings)."""
    from align.segment import segment
    found = {"align": ("from align.segment import segment as f", lambda t: [s.text for s in segment(t)])}
    if lang == "ko":
        try:
            import kss
            # kss's default morpheme backend here (pecab) ran at ~43 characters per second,
            # too slow for 60,000; its rule backends are measured instead.
            for backend in ("fast", "punct"):
                found[f"kss({backend})"] = (
                    f"from functools import partial; from kss import split_sentences; "
                    f"f = partial(split_sentences, backend={backend!r})",
                    lambda t, b=backend: list(kss.split_sentences(t, backend=b)))
        except ImportError:
            pass
        try:
            from kiwipiepy import Kiwi
            kiwi = Kiwi()
            found["kiwi"] = ("from kiwipiepy import Kiwi; f = Kiwi().split_into_sents",
                             lambda t: [s.text for s in kiwi.split_into_sents(t)])
        except ImportError:
            pass
    else:
        try:
            import pysbd
            seg = pysbd.Segmenter(language="en", clean=False)
            found["pysbd"] = ("import pysbd; f = pysbd.Segmenter(language='en', clean=False).segment", seg.segment)
        except ImportError:
            pass
        try:
            from sentence_splitter import SentenceSplitter
            splitter = SentenceSplitter(language="en")
            found["sentence-splitter"] = ("from sentence_splitter import SentenceSplitter; "
                                          "f = SentenceSplitter(language='en').split", splitter.split)
        except ImportError:
            pass
        try:
            import blingfire
            found["blingfire"] = ("import blingfire; f = lambda t: blingfire.text_to_sentences(t).split('\\n')",
                                  lambda t: blingfire.text_to_sentences(t).split("\n"))
        except ImportError:
            pass
    return found


def articles(lang: str, size: int = 30, seed: int = 7) -> list[list[list[str]]]:
    """Articles as paragraphs of gold sentences."""
    from docs import SHARED
    lines = [x.strip() for x in (SHARED / f"park-news-dev.{lang}").read_text("utf-8").splitlines()]
    lines = [x for x in lines if x]
    rng = random.Random(seed)
    out = []
    for start in range(0, len(lines), size):
        sentences, paragraphs = lines[start:start + size], []
        while sentences:
            k = rng.randint(2, 4)
            paragraphs.append(sentences[:k])
            sentences = sentences[k:]
        out.append(paragraphs)
    return out


def boundaries(sentences: list[str]) -> tuple[set[int], set[tuple[int, int]]]:
    """Sentence ends and sentence spans, counted in non-whitespace characters (spacing-proof)."""
    ends, spans, pos = set(), set(), 0
    for s in sentences:
        n = sum(1 for c in s if not c.isspace())
        if n == 0:
            continue
        spans.add((pos, pos + n))
        pos += n
        ends.add(pos)
    return ends, spans


def evaluate(func, docs, mode: str) -> dict:
    tp = fp = fn = exact = total_gold = 0
    chars = 0
    elapsed = 0.0
    for paragraphs in docs:
        gold = [s for p in paragraphs for s in p]
        texts = [" ".join(p) for p in paragraphs] if mode == "lines" else ["\n".join(" ".join(p) for p in paragraphs)]
        t0 = time.perf_counter()
        predicted = [s for t in texts for s in func(t)]
        elapsed += time.perf_counter() - t0
        chars += sum(len(t) for t in texts)
        g_ends, g_spans = boundaries(gold)
        p_ends, p_spans = boundaries(predicted)
        tp += len(g_ends & p_ends)
        fp += len(p_ends - g_ends)
        fn += len(g_ends - p_ends)
        exact += len(g_spans & p_spans)
        total_gold += len(g_spans)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "exact": exact / total_gold,
            "chars_per_s": chars / elapsed if elapsed else float("inf")}


def throughput(func, docs) -> float:
    """Characters per second on the whole page text: one call on a text of up to 2 MB
    (the page repeated), shrunk to the page itself for segmenters too slow for that."""
    page = "\n\n".join("\n".join(" ".join(p) for p in d) for d in docs)
    t0 = time.perf_counter()
    func(page)  # also the warm-up
    once = time.perf_counter() - t0
    reps = max(1, min(2_000_000 // len(page), int(2.0 / max(once, 1e-9))))
    if reps == 1:
        return len(page) / once
    text = "\n\n".join([page] * reps)
    t0 = time.perf_counter()
    func(text)
    return len(text) / (time.perf_counter() - t0)


def import_to_first_result(statement: str, sample: str) -> float:
    code = (f"import time; t = time.perf_counter()\n{statement}\nf({sample!r})\n"
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "OMP_NUM_THREADS": "1"})
    return float(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else float("nan")


def hard_cases(lang: str, func, path: Path = CASES, half: str | None = None) -> tuple[int, int]:
    """Cases of ``lang`` segmented exactly right (whitespace inside a sentence aside), and their number;
    with ``half``, only the cases of outlets in that half (``realdata.half``)."""
    from realdata import half as half_of, read_cases
    mine = [c for c in read_cases(path) if c["lang"] == lang and (half is None or half_of(c["outlet"]) == half)]
    ok = sum(1 for c in mine if [" ".join(s.split()) for s in func(c["text"]) if s.strip()]
             == [" ".join(s.split()) for s in c["sentences"]])
    return ok, len(mine)


def sample_scores(lang: str, func, half: str) -> dict:
    """Boundary P/R/F1 over the blind sample's passages of ``lang`` whose outlet falls in ``half``."""
    from realdata import half as half_of, read_cases
    tp = fp = fn = 0
    passages = 0
    for case in read_cases(SAMPLE):
        if case["lang"] != lang or half_of(case["outlet"]) != half:
            continue
        passages += 1
        gold, predicted = boundaries(case["sentences"])[0], boundaries(func(case["text"]))[0]
        tp, fp, fn = tp + len(gold & predicted), fp + len(predicted - gold), fn + len(gold - predicted)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"passages": passages, "P": p, "R": r, "F1": 2 * p * r / max(1e-9, p + r)}


def main():
    from docs import shared_data_here
    if not shared_data_here():
        return
    samples = {"ko": "경찰청은 27일 밝혔다. 사건은 늘었다.", "en": "The police said so. Cases rose."}
    for lang in ("ko", "en"):
        docs = articles(lang)
        n_sent = sum(len(p) for d in docs for p in d)
        print(f"\n{lang}: {len(docs)} articles, {n_sent} sentences of park-news-dev.{lang}")
        print(f"{'segmenter':<18} {'mode':<5} {'P':>6} {'R':>6} {'F1':>6} {'exact':>6} "
              f"{'chars/s':>10} {'import+1st s':>12} {'hard cases':>10} {'held-out traps':>14} "
              f"{'real fit':>8} {'real held':>9}")
        for name, (statement, func) in segmenters(lang).items():
            speed = throughput(func, docs)
            startup = import_to_first_result(statement, samples[lang])
            ok, total = hard_cases(lang, func)
            held_ok, held_total = hard_cases(lang, func, HELD_OUT)
            real = [hard_cases(lang, func, REAL, half) for half in ("fit", "held")]
            for mode in ("lines", "page"):
                r = evaluate(func, docs, mode)
                print(f"{name:<18} {mode:<5} {r['P']:>6.3f} {r['R']:>6.3f} {r['F1']:>6.3f} {r['exact']:>6.3f} "
                      f"{speed:>10,.0f} {startup:>12.3f} {ok:>5}/{total} {held_ok:>9}/{held_total} "
                      f"{real[0][0]:>5}/{real[0][1]} {real[1][0]:>6}/{real[1][1]}")
        if SAMPLE.exists():
            print(f"{lang}: real pages taken as they came (data/segmentation_sample.jsonl), boundary P/R/F1")
            for name, (_, func) in segmenters(lang).items():
                row = " ".join(f"{half} {f['passages']:>2} passages {f['P']:.3f} {f['R']:.3f} {f['F1']:.3f}"
                               for half, f in ((h, sample_scores(lang, func, h)) for h in ("fit", "held")))
                print(f"{name:<18} {row}")


if __name__ == "__main__":
    main()
