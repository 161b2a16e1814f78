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

SUITES = ("clean", "merged", "omissions", "debris", "mixed")
# --suite and --seeds, for every benchmark that builds suites
suites_option = click.option("--suite", "suites", multiple=True, type=click.Choice(SUITES), help="Default: all.")
seeds_option = click.option("--seeds", multiple=True, type=int, default=(13,), show_default=True,
                            help="Build each suite once per seed (more documents, steadier figures).")

# Page debris as scraped news pages carry it, in many sites' styles.
KO_DEBRIS = [
    "기사 이미지 확대 보기", "닫기", "(서울=연합뉴스) 김철수 기자 =", "이영희 기자 yhlee@yna.co.kr",
    "입력 2023.10.20 16:09 수정 2023.10.21 09:12", "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>",
    "[사진=연합뉴스]", "▶ 관련기사: 경찰, 디지털 성범죄 대응 강화", "(끝)", "사진=뉴시스", "공유하기",
    "페이스북 트위터 카카오톡", "ⓒ 중앙일보 무단전재 및 재배포 금지", "박민수 특파원 = ", "글자크기 설정",
    "[뉴스1] 최지훈 기자", "연합뉴스 자료사진", "2024-03-15 오후 2:30", "많이 본 뉴스", "제보는 카톡 okjebo",
    "<사진 제공: 경찰청>", "김하늘 기자 sky@hani.co.kr", "송고시간 2023-11-24 10:15", "스크랩", "인쇄",
]
EN_DEBRIS = [
    "Photograph by Yoo Dae-gil = dbeorlf123@ajunews.com", "Close", "SEOUL, Nov. 24 (Yonhap) --",
    "By Kim Joo-heon Posted : October 20, 2023, 16:09 Updated : October 20, 2023, 17:30",
    "Copyright © Korea JoongAng Daily. All rights reserved.", "(END)", "Share", "Facebook Twitter Email",
    "[YONHAP]", "Related Articles: Police step up fight on digital crime", "Enlarge", "Print this article",
    "Reporter: Lee Min-ji", "Nov. 24, 2023", "Updated: 2023-11-24 10:15 KST", "By Park Sun-young",
    "Photo courtesy of the Korean National Police Agency", "[JoongAng Photo]", "Read more", "Advertisement",
    "Most Viewed", "Written by Choi Ha-young, Staff Reporter", "jeon.jina@joongang.co.kr", "A+ A-", "Subscribe",
]


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
    debris_ko: set[int] = field(default_factory=set)
    debris_en: set[int] = field(default_factory=set)

    @property
    def unaligned(self) -> tuple[set[int], set[int]]:
        ko = {i for x, y in self.gold if not y for i in x}
        en = {j for x, y in self.gold if not x for j in y}
        return ko, en


def load_pairs(name: str = "park-news-dev") -> list[tuple[str, str]]:
    """The line pairs, less the broken ones the data's README warns of.

    Dropped: pairs whose Korean side is mostly not Hangul (glossary and link lines,
    "영한사전 약어표"), whose English side holds Hangul, or whose length ratio is more than
    three standard deviations off (a sentence broken in two, or two lines shifted):
    38 of park-news-dev's 1,000. Left in, they are gold "pairs" no aligner should make.
    """
    ko = (SHARED / f"{name}.ko").read_text("utf-8").splitlines()
    en = (SHARED / f"{name}.en").read_text("utf-8").splitlines()
    pairs = [(k.strip(), e.strip()) for k, e in zip(ko, en) if k.strip() and e.strip()]
    return [(k, e) for k, e in pairs
            if hangul_share(k) >= 0.5 and hangul_share(e) == 0
            and abs(length_z(len(k), len(e))) <= 3]


def make_documents(suite: str, size: int = 30, name: str = "park-news-dev", seed: int = 13) -> list[Document]:
    """Documents of ``size`` sentence pairs: clean, merged, omissions, debris or mixed."""
    pairs = load_pairs(name)
    docs = []
    for d, start in enumerate(range(0, len(pairs) - size // 2, size)):
        rng = random.Random(seed * 1000 + d)
        chunk = pairs[start:start + size]
        docs.append(build(chunk, rng,
                          merge=0.15 if suite in ("merged", "mixed") else 0.0,
                          drop=0.10 if suite in ("omissions", "mixed") else 0.0,
                          debris=suite in ("debris", "mixed")))
    return docs


def make_suite(suite: str, seeds: tuple[int, ...] = (13,)) -> list[Document]:
    """The documents of ``suite`` built once per seed (other merges, omissions and debris), together.

    The clean suite draws nothing at random: it is built once whatever the seeds.
    """
    return [d for seed in (seeds[:1] if suite == "clean" else seeds) for d in make_documents(suite, seed=seed)]


def build(chunk: list[tuple[str, str]], rng: random.Random, merge: float, drop: float,
          debris: bool) -> Document:
    """Apply merges, drops and debris to aligned pairs, keeping the gold alignment."""
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
    debris_ko, debris_en = set(), set()
    n_debris = rng.randint(2, 6) if debris else 0
    # debris at the start, at the end, and between units
    slots = ([0, len(merged)] + [rng.randint(1, max(1, len(merged) - 1)) for _ in range(n_debris - 2)]
             if n_debris else [])

    def add_debris():
        if rng.random() < 0.5:
            debris_ko.add(len(ko_out))
            gold.append(((len(ko_out),), ()))
            ko_out.append(rng.choice(KO_DEBRIS))
        else:
            debris_en.add(len(en_out))
            gold.append(((), (len(en_out),)))
            en_out.append(rng.choice(EN_DEBRIS))

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
