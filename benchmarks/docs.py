"""Benchmark documents built from the shared Korean–English sentence pairs, with gold alignments.

Not part of the package and never used by the tests: it needs ``../shared``.
Everything is seeded, so a suite is the same on every run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import click

from align.aligner.scoring import length_z
from align.language import hangul_share

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "ko-en"

SUITES = ("clean", "merged", "omissions", "debris", "mixed", "gaps")
CORPORA = {"park": "park-news-dev", "jhe": "jhe-dev"}
# --suite, --seeds and --corpus, for every benchmark that builds suites
suites_option = click.option("--suite", "suites", multiple=True, type=click.Choice(SUITES), help="Default: all.")
seeds_option = click.option("--seeds", multiple=True, type=int, default=(13,), show_default=True,
                            help="Build each suite once per seed (more documents, steadier figures).")
corpus_option = click.option("--corpus", "corpora", multiple=True, type=click.Choice(tuple(CORPORA)),
                             default=tuple(CORPORA), show_default=True,
                             help="park: news (the knobs are fitted on other seeds of it); jhe: general, never fitted on.")


def debris_pool(lang: str, half: str) -> list[tuple[str, str]]:
    """Page debris of one half of the labelled bank (real pages, ``data/debris_bank.*``): (fragment, category).

    Documents reported on draw from the held-out half; ``fit_scoring`` draws from the fit half.
    Only fragments that stay one segment as a line of their own: one cut in two would shift
    every later gold index of its document.
    """
    from align.pipeline import sentences_of
    from realdata import DEBRIS_LABELS, load_bank
    fragments = {(page.text[p.start:p.end], p.label) for page in load_bank(lang) if page.half == half
                 for p in page.parts if p.label in DEBRIS_LABELS and "\n" not in page.text[p.start:p.end]}
    return sorted((text, label) for text, label in fragments if len(sentences_of(text, split="lines")) == 1)


def shared_data_here() -> bool:
    """True when ../shared is beside the project; otherwise say so (a benchmark then exits 0)."""
    if SHARED.is_dir():
        return True
    print(f"benchmark skipped: {SHARED} is not here (it ships beside the project, not in it)")
    return False


@dataclass
class Document:
    """Sentences of both sides and the gold beads as index tuples (Vecalign's notion)."""

    ko: list[str]
    en: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]
    debris_ko: dict[int, str] = field(default_factory=dict)   # sentence index -> gold debris category
    debris_en: dict[int, str] = field(default_factory=dict)

    @property
    def unaligned(self) -> tuple[set[int], set[int]]:
        ko = {i for x, y in self.gold if not y for i in x}
        en = {j for x, y in self.gold if not x for j in y}
        return ko, en


def load_pairs(name: str = "park-news-dev", audited: bool = True) -> list[tuple[str, str]]:
    """The line pairs, less the broken ones the data's README warns of.

    Dropped: pairs a bilingual reader judged not to be translations of each other
    (``data/NAME.audit.tsv``, read without any model: shifted lines, glossary entries,
    unrelated headlines; 43 of park-news-dev's 1,000), pairs whose Korean side is
    mostly not Hangul, whose English side holds Hangul, or whose length ratio is more
    than three standard deviations off. Left in, they are gold "pairs" no aligner
    should make. ``audited=False`` keeps what the audit rejected, for comparison.
    """
    ko = (SHARED / f"{name}.ko").read_text("utf-8").splitlines()
    en = (SHARED / f"{name}.en").read_text("utf-8").splitlines()
    rejected = audit_rejects(name) if audited else set()
    pairs = [(k.strip(), e.strip()) for n, (k, e) in enumerate(zip(ko, en), 1)
             if k.strip() and e.strip() and n not in rejected]
    return [(k, e) for k, e in pairs
            if hangul_share(k) >= 0.5 and hangul_share(e) == 0
            and abs(length_z(len(k), len(e))) <= 3]


def audit_rejects(name: str) -> set[int]:
    """Line numbers (from 1) the audit of ``name`` labelled ``not`` (not a translation)."""
    path = Path(__file__).resolve().parent / "data" / f"{name}.audit.tsv"
    if not path.exists():
        return set()
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return {int(row[0]) for row in rows if row[1] == "not"}


# per suite: share of units merged, share of units one side left out, page debris or not
RECIPES = {"clean": (0.0, 0.0, False), "merged": (0.15, 0.0, False), "omissions": (0.0, 0.10, False),
           "debris": (0.0, 0.0, True), "mixed": (0.15, 0.10, True),
           # real gaps are rarer than the omissions suite's: a few sentences a document
           "gaps": (0.0, 0.04, False)}


def make_documents(suite: str, size: int = 30, name: str = "park-news-dev", seed: int = 13,
                   half: str = "held") -> list[Document]:
    """Documents of ``size`` sentence pairs built by ``suite``'s recipe (see ``RECIPES``).

    Page debris is drawn from ``half`` of the labelled bank of real pages.
    """
    pairs = load_pairs(name)
    merge, drop, debris = RECIPES[suite]
    pools = (debris_pool("ko", half), debris_pool("en", half)) if debris else None
    docs = []
    for d, start in enumerate(range(0, len(pairs) - size // 2, size)):
        rng = random.Random(seed * 1000 + d)
        docs.append(build(pairs[start:start + size], rng, merge=merge, drop=drop, debris=pools))
    return docs


def make_suite(suite: str, seeds: tuple[int, ...] = (13,), corpus: str = "park", half: str = "held") -> list[Document]:
    """The documents of ``suite`` built from ``corpus`` once per seed (other merges, omissions and debris).

    The clean suite draws nothing at random: it is built once whatever the seeds.
    """
    return [d for seed in (seeds[:1] if suite == "clean" else seeds)
            for d in make_documents(suite, name=CORPORA[corpus], seed=seed, half=half)]


def build(chunk: list[tuple[str, str]], rng: random.Random, merge: float, drop: float,
          debris: tuple[list[tuple[str, str]], list[tuple[str, str]]] | None) -> Document:
    """Apply merges, drops and debris (drawn from the Korean and English ``debris`` pools) to
    aligned pairs, keeping the gold alignment."""
    # units: (ko sentences, en sentences) that translate each other
    units = [([k], [e]) for k, e in chunk]
    merged = []
    i = 0
    while i < len(units):
        if merge and i + 1 < len(units) and rng.random() < merge:
            span = 3 if i + 2 < len(units) and rng.random() < 0.2 else 2
            group = units[i:i + span]
            ko = [s for u in group for s in u[0]]
            en = [s for u in group for s in u[1]]
            if rng.random() < 0.5:
                merged.append(([" ".join(ko)], en))
            else:
                merged.append((ko, [" ".join(en)]))
            i += span
        else:
            merged.append(units[i])
            i += 1
    ko_out, en_out, gold = [], [], []
    debris_ko, debris_en = {}, {}
    n_debris = rng.randint(2, 6) if debris else 0
    # debris at the start, at the end, and between units
    slots = ([0, len(merged)] + [rng.randint(1, max(1, len(merged) - 1)) for _ in range(n_debris - 2)]
             if n_debris else [])

    def add_debris():
        # one side's page furniture, or both sides' at the same place (a byline, a share row, a caption
        # each): pages of both editions carry their own, and it is never a pair
        side = rng.random()
        if side < 0.7:
            text, category = rng.choice(debris[0])
            debris_ko[len(ko_out)] = category
            gold.append(((len(ko_out),), ()))
            ko_out.append(text)
        if side >= 0.3:
            same = [d for d in debris[1] if d[1] == category] if side < 0.7 else []
            text, debris_en[len(en_out)] = rng.choice(same or debris[1])
            gold.append(((), (len(en_out),)))
            en_out.append(text)

    for u, (ko, en) in enumerate(merged):
        for _ in range(slots.count(u)):
            add_debris()
        if drop and rng.random() < drop:
            # the translator left one side out: the other side is unaligned
            side = rng.random() < 0.5
            if side:
                for s in ko:
                    gold.append(((len(ko_out),), ()))
                    ko_out.append(s)
            else:
                for s in en:
                    gold.append(((), (len(en_out),)))
                    en_out.append(s)
            continue
        ko_idx = tuple(range(len(ko_out), len(ko_out) + len(ko)))
        en_idx = tuple(range(len(en_out), len(en_out) + len(en)))
        ko_out.extend(ko)
        en_out.extend(en)
        gold.append((ko_idx, en_idx))
    for _ in range(slots.count(len(merged))):
        add_debris()
    return Document(ko_out, en_out, gold, debris_ko, debris_en)


def as_text(sentences: list[str], rng: random.Random) -> str:
    """Running text: sentences joined by spaces, a paragraph break every 2-4 sentences."""
    out, count, target = [], 0, rng.randint(2, 4)
    for s in sentences:
        out.append(s)
        count += 1
        if count >= target:
            out.append("\n\n")
            count, target = 0, rng.randint(2, 4)
        else:
            out.append(" ")
    return "".join(out).strip() + "\n"
