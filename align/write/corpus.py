"""Corpus files for dataset pipelines: Moses line-aligned text and Hugging Face ``translation`` JSONL.

Pairs only: a corpus has no place for a leftover, which the caller sets aside.
"""

from __future__ import annotations

import json

from .text import bead_lines, joined_lines, one_line


def to_hf(documents) -> str:
    """JSONL that ``datasets.load_dataset("json", data_files=...)`` reads as a translation dataset."""
    lines = []
    for alignment, beads in documents:
        for bead in beads:
            if bead.is_leftover:
                continue
            ko, en = bead_lines(alignment, bead)
            record = {"translation": {"ko": ko, "en": en}, "score": bead.score, "kind": bead.kind,
                      "document": alignment.name, "ko_ids": list(bead.ko), "en_ids": list(bead.en),
                      "flags": [f.message for f in bead.flags]}
            lines.append(json.dumps(record, ensure_ascii=False))
    return joined_lines(lines)


def moses_files(documents) -> dict[str, str]:
    """Suffix -> content of ``NAME.en-ko.ko``, ``NAME.en-ko.en`` and ``NAME.en-ko.ids``.

    Line i of each file belongs to the same pair; the ids line names its document
    and its Korean and English sentence indices.
    """
    ko_lines, en_lines, ids = [], [], []
    for alignment, beads in documents:
        for bead in beads:
            if bead.is_leftover:
                continue
            ko, en = bead_lines(alignment, bead)
            ko_lines.append(ko)
            en_lines.append(en)
            ids.append(f"{one_line(alignment.name)}\t{','.join(map(str, bead.ko))}\t{','.join(map(str, bead.en))}"
                       f"\t{bead.score:.4f}")
    return {".en-ko.ko": joined_lines(ko_lines), ".en-ko.en": joined_lines(en_lines),
            ".en-ko.ids": joined_lines(ids)}
