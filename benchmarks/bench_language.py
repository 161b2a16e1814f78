"""Language identification of whole documents: which library, and does align's check refuse only what it should
(not a test).

    python benchmarks/bench_language.py [--lingua]

Documents: the Park news and JHE sentences of ../shared/data/ko-en joined ten at a time
(and one and three at a time, to see short texts), both sides; the real scraped pages
of data/debris_bank*.jsonl and data/real_pairs (menus, bylines and all: mixed pages a
check must never refuse); and the French, German, Spanish, Italian, Indonesian,
Japanese and Chinese versions of a news story in tests/data/foreign (written for this,
whole and first paragraph only), and eight short texts of tests/data/foreign/heldout
(Portuguese, Dutch, Vietnamese, French, German, Russian, Swedish, Turkish) written after
the check's thresholds were set from the others. Printed per library: the share of documents whose top
language is the expected one, and milliseconds per document; then what
``align.language.check_pair_languages`` does with every page.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data" / "ko-en"
FOREIGN = HERE.parent / "tests" / "data" / "foreign"


def documents() -> dict[str, list[tuple[str, str]]]:
    """Group name -> (expected language, text)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for corpus in ("park-news-dev", "jhe-dev"):
        for lang in ("ko", "en"):
            path = SHARED / f"{corpus}.{lang}"
            if not path.is_file():
                continue
            lines = path.read_text("utf-8").splitlines()
            for size in (1, 3, 10):
                groups[f"{corpus} {lang} x{size}"] = [(lang, "\n".join(lines[i:i + size]))
                                                      for i in range(0, len(lines) - size + 1, size)]
    for name in sorted((HERE / "data").glob("debris_bank.??.jsonl")):
        lang = "en" if ".en." in name.name else "ko"
        pages = [json.loads(line)["text"] for line in name.read_text("utf-8").splitlines()]
        groups.setdefault(f"scraped pages {lang}", []).extend((lang, p) for p in pages)
    for name in sorted((HERE / "data" / "real_pairs").glob("*.txt")):
        lang = name.suffixes[-2][1:]
        groups.setdefault(f"scraped pages {lang}", []).append((lang, name.read_text("utf-8")))
    for name in sorted(FOREIGN.glob("*.txt")):
        text = name.read_text("utf-8")
        groups.setdefault("foreign whole", []).append((name.stem, text))
        groups.setdefault("foreign 1st paragraph", []).append((name.stem, text.split("\n\n")[0]))
    # written after the thresholds were set, and not looked at when setting them
    groups["foreign held out"] = [(name.stem, name.read_text("utf-8"))
                                  for name in sorted((FOREIGN / "heldout").glob("*.txt"))]
    return groups


def py3langid_top(text: str) -> str:
    import py3langid
    return py3langid.classify(text)[0]


def lingua_detector():
    from lingua import LanguageDetectorBuilder
    detector = LanguageDetectorBuilder.from_all_languages().build()

    def top(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "?"
    return top


def measure(name: str, top, groups) -> None:
    top("warm up")
    click.echo(f"\n{name}")
    for group, docs in groups.items():
        t0 = time.perf_counter()
        got = [top(text) for _, text in docs]
        ms = (time.perf_counter() - t0) * 1000 / len(docs)
        right = sum(g == lang for g, (lang, _) in zip(got, docs))
        wrong = sorted({g for g, (lang, _) in zip(got, docs) if g != lang})
        click.echo(f"  {group:<28} {right:>4}/{len(docs):<4} {right / len(docs):6.1%}  {ms:6.2f} ms/doc"
                   f"{'  wrong: ' + ','.join(wrong) if wrong else ''}")


@click.command()
@click.option("--lingua", is_flag=True, help="Also measure lingua-language-detector (pip install it first).")
def main(lingua):
    groups = documents()
    if not any(g.startswith("park") for g in groups):
        click.echo(f"(no {SHARED}: shared sentences skipped)", err=True)
    measure("py3langid", py3langid_top, groups)
    if lingua:
        measure("lingua-language-detector (all languages)", lingua_detector(), groups)

    sys.path.insert(0, str(HERE.parent))
    from align.language import check_pair_languages
    click.echo("\nalign's check (English side given each text, Korean side a Korean page; the reverse for ko):")
    ko_page = (HERE.parent / "samples" / "knpa-undp.ko.txt").read_text("utf-8")
    en_page = (HERE.parent / "samples" / "knpa-undp.en.txt").read_text("utf-8")
    for group, docs in groups.items():
        refused = 0
        for lang, text in docs:
            side = "ko" if lang in ("ko", "ja", "zh") else "en"
            problem = check_pair_languages(text, en_page) if side == "ko" else check_pair_languages(ko_page, text)
            refused += problem is not None
        should = "refused" if group.startswith("foreign") else "accepted"
        right = refused if should == "refused" else len(docs) - refused
        click.echo(f"  {group:<28} {right:>4}/{len(docs):<4} {should}")


if __name__ == "__main__":
    main()
