"""How many of a document's segments OmegaT fills from our TMX, pair units against sentence units (not a test).

    python benchmarks/bench_omegat.py

For each sample (knpa-undp and owl-bus, which the sentence units were designed on) and for
the 14 real pairs of data/real_pairs/ as scraped (held out: never looked at while designing
them; all in one project), each direction (Korean to English, English to Korean) and each way of
cutting a text file into paragraphs (at every line break, as in the issue's trial, and at
empty lines, OmegaT's default for .txt), an OmegaT project is made with the sample's source
side in source/ and `align pair -f tmx` output in tm/auto/, and OmegaT is run headless
(`--mode=console-translate`). OmegaT fills a segment from tm/auto only where a unit's source
equals the segment, so the segments translated (its project_stats.txt: total less
remaining) are the segments our TMX matched. A segment filled with an empty translation
(the later sentences of a merged pair, see align/write/tmx.py) counts as filled. Also
printed: translations that appear twice in OmegaT's translated document (a merged pair's
translation written once per sentence would).

Skips, saying so, when Java or OmegaT (`apt-get install omegat`) is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from align import align_files
from align.write import render_documents

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
REAL_PAIRS = Path(__file__).resolve().parent / "data" / "real_pairs"
JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
LANGS = {"ko": ("ko-KR", "org.omegat.tokenizer.LuceneCJKTokenizer"),
         "en": ("en-US", "org.omegat.tokenizer.LuceneEnglishTokenizer")}
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{source_lang}</source_lang>
        <target_lang>{target_lang}</target_lang>
        <source_tok>{source_tok}</source_tok>
        <target_tok>{target_tok}</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""
# OmegaT's text filter: a paragraph ends at every line break (BREAKS) or at empty lines (EMPTYLINES)
FILTERS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="true" removeSpacesNonseg="true" preserveSpaces="false" ignoreFileContext="false">
    <filter className="org.omegat.filters2.text.TextFilter" enabled="true">
        <files sourceFilenameMask="*.txt" targetFilenamePattern="${{filename}}"/>
        <option name="segmentOn" value="{segment_on}"/>
    </filter>
</filters>
"""
PARAGRAPHS = {"lines": "BREAKS", "empty lines": "EMPTYLINES"}


def run_omegat(folder: Path, sources: list[Path], source_side: str, tmx: str, segment_on: str) -> tuple[int, int, str]:
    """(segments, segments filled, the translated documents) of one OmegaT project made in ``folder``."""
    target_side = "en" if source_side == "ko" else "ko"
    for sub in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (folder / sub).mkdir(parents=True)
    for source in sources:
        (folder / "source" / source.name).write_bytes(source.read_bytes())
    (folder / "tm" / "auto" / "align.tmx").write_text(tmx, "utf-8")
    (folder / "omegat.project").write_text(PROJECT.format(
        source_lang=LANGS[source_side][0], target_lang=LANGS[target_side][0],
        source_tok=LANGS[source_side][1], target_tok=LANGS[target_side][1]), "utf-8")
    (folder / "omegat" / "filters.xml").write_text(FILTERS.format(segment_on=segment_on), "utf-8")
    # its own HOME: OmegaT writes its preferences there, and must not read a user's
    env = {**os.environ, "HOME": str(folder / "home")}
    run = subprocess.run(["java", "-Djava.awt.headless=true", "-jar", str(JAR), str(folder),
                          "--mode=console-translate"], env=env, capture_output=True, text=True, timeout=600)
    stats = folder / "omegat" / "project_stats.txt"
    if run.returncode != 0 or not stats.exists():
        raise RuntimeError(f"OmegaT failed (exit {run.returncode}): {(run.stdout + run.stderr)[-2000:]}")
    text = stats.read_text("utf-8")
    total, remaining = (int(re.search(rf"^{row}:\s+(\d+)", text, re.M)[1]) for row in ("Total", "Remaining"))
    return total, total - remaining, "\n".join((folder / "target" / s.name).read_text("utf-8") for s in sources)


def duplicated(document: str, translations: list[str]) -> int:
    """How many of the pairs' translations appear more than once in the translated documents."""
    return sum(document.count(t) > 1 for t in set(translations) if t)


def row(label: str, files: list[tuple[Path, Path]]) -> None:
    """Align each (Korean, English) file pair, and print, per direction and paragraph rule, what OmegaT fills."""
    results = [align_files(ko, en) for ko, en in files]
    tmx = {units: render_documents([(r, r.pairs) for r in results], "tmx", units=units) for units in ("pair", "sentence")}
    for source_side, target_side in (("ko", "en"), ("en", "ko")):
        sources = [pair[source_side == "en"] for pair in files]
        translations = [dict(zip(("ko", "en"), r.texts(b)))[target_side] for r in results for b in r.pairs]
        for paragraphs, segment_on in PARAGRAPHS.items():
            cells, dups = [], []
            for units in ("pair", "sentence"):
                with tempfile.TemporaryDirectory() as tmp:
                    total, filled, documents = run_omegat(Path(tmp) / "project", sources, source_side, tmx[units],
                                                          segment_on)
                cells.append(f"{filled} ({filled / total:.0%})")
                dups.append(str(duplicated(documents, translations)))
            print(f"{label:<16} {source_side + '>' + target_side:<7} {paragraphs:<12} {total:>8} {cells[0]:>11} "
                  f"{cells[1]:>15} {'/'.join(dups):>27}", flush=True)


def main() -> int:
    if not shutil.which("java") or not JAR.exists():
        print(f"skipped: OmegaT is not installed (no java, or no {JAR}; apt-get install omegat)")
        return 0
    print(f"OmegaT ({JAR}) --mode=console-translate, align's TMX in tm/auto: segments filled of all segments")
    print(f"{'documents':<16} {'source':<7} {'paragraphs':<12} {'segments':>8} {'pair units':>11} "
          f"{'sentence units':>15} {'duplicated (pair/sentence)':>27}")
    for name in ("knpa-undp", "owl-bus"):
        row(name, [(SAMPLES / f"{name}.ko.txt", SAMPLES / f"{name}.en.txt")])
    names = sorted(p.name[:-len(".gold.json")] for p in REAL_PAIRS.glob("*.gold.json"))
    row(f"real pairs ({len(names)})", [(REAL_PAIRS / f"{n}.ko.txt", REAL_PAIRS / f"{n}.en.txt") for n in names])
    return 0


if __name__ == "__main__":
    sys.exit(main())
