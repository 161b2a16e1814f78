"""Corpus files for dataset pipelines: Moses line-aligned text and Hugging Face ``translation`` JSONL.

Pairs only: a corpus has no place for a leftover, which the caller sets aside.
"""

from __future__ import annotations

from ..types import Alignment, Bead
from .fields import meta_values
from .jsonl import json_line
from .text import bead_lines, bool_text, flags_text, indices_text, joined_lines, one_line


# The types of hf_record's fields, for schemas (Parquet, the corpus card): a string is a
# dtype, a dict a struct, a one-element list a list of that type. ``meta``: a struct of strings.
HF_FIELDS = {"translation": {"ko": "string", "en": "string"}, "score": "float64", "kind": "string",
             "document": "string", "ko_ids": ["int64"], "en_ids": ["int64"], "flags": "string", "verified": "bool"}


def hf_record(alignment: Alignment, bead: Bead, carry: tuple[str, ...] = ()) -> dict:
    """One pair as a row of the HF and Parquet corpora.

    Every field has one type in every row of every file, since ``datasets`` takes a set of
    files' schema from the first rows it reads: ``flags`` is one string (messages joined by
    "; ", "" for none), because a file whose pairs have no flags would otherwise type an
    empty list as null and refuse the next file's strings; ``verified`` is always a bool
    (a person made, corrected or accepted the pair). ``meta`` (the carried manifest
    columns, strings) is there only when columns are carried.
    """
    ko, en = bead_lines(alignment, bead)
    record = {"translation": {"ko": ko, "en": en}, "score": float(bead.score), "kind": bead.kind,
              "document": alignment.name, "ko_ids": list(bead.ko), "en_ids": list(bead.en),
              "flags": flags_text(bead), "verified": bool(bead.verified)}
    if carry:
        record["meta"] = meta_values(alignment, carry)
    return record


def to_hf(documents, carry: tuple[str, ...] = ()) -> str:
    """JSONL that ``datasets.load_dataset("json", data_files=...)`` reads as a translation dataset."""
    return "".join(json_line(hf_record(alignment, bead, carry))
                   for alignment, beads in documents for bead in beads if not bead.is_leftover)


def moses_files(documents, carry: tuple[str, ...] = ()) -> dict[str, str]:
    """Suffix -> content of ``NAME.en-ko.ko``, ``NAME.en-ko.en`` and ``NAME.en-ko.ids``.

    Line i of each file belongs to the same pair; the ids line names its document, its
    Korean and English sentence indices, its score, ``true`` if a person verified it (else
    ``false``), then the carried manifest columns.
    """
    ko_lines, en_lines, ids = [], [], []
    for alignment, beads in documents:
        meta = [one_line(v) for v in meta_values(alignment, carry).values()]
        for bead in beads:
            if bead.is_leftover:
                continue
            ko, en = bead_lines(alignment, bead)
            ko_lines.append(ko)
            en_lines.append(en)
            ids.append("\t".join([one_line(alignment.name), indices_text(bead.ko), indices_text(bead.en),
                                  f"{bead.score:.4f}", bool_text(bead.verified), *meta]))
    return {".en-ko.ko": joined_lines(ko_lines), ".en-ko.en": joined_lines(en_lines),
            ".en-ko.ids": joined_lines(ids)}
