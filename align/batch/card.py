"""The corpus card: ``README.md`` in a batch's output folder, saying what the corpus holds,
what produced it and how to load it.

For the JSONL, HF and Parquet corpora its YAML header is a Hugging Face dataset card: it
names the corpus file (config ``default``) and ``leftovers.jsonl`` (config ``leftovers``)
with their features, so ``datasets.load_dataset("OUT/")`` reads the corpus (not the
leftovers, the errors or the parts) with the types written down, even when it is empty.
"""

from __future__ import annotations

import json

from ..write.corpus import HF_FIELDS
from ..write.jsonl import BEAD_FIELDS
from ..write.tsv import header_names

_JSON_LINES = """```python
from datasets import load_dataset            # this folder, with the features above
corpus = load_dataset("{out}", split="train")  # an empty corpus: load_dataset("{out}", streaming=True)
leftovers = load_dataset("{out}", "leftovers", split="train")
import pandas as pd
corpus = pd.read_json("{out}/{file}", lines=True)
```"""
LOADERS = {
    "hf": _JSON_LINES,
    "jsonl": _JSON_LINES,
    "parquet": """```python
from datasets import load_dataset
corpus = load_dataset("{out}", split="train")  # an empty corpus: load_dataset("{out}", streaming=True)
leftovers = load_dataset("{out}", "leftovers", split="train")
import pandas as pd                          # or pyarrow.parquet.read_table("{out}/{file}")
corpus = pd.read_parquet("{out}/{file}")
```""",
    "tsv": """```python
import csv, pandas as pd                     # no quoting: a field never holds a tab or a line break
corpus = pd.read_csv("{out}/{file}", sep="\\t", quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False{names})
```""",
    "moses": """Line i of `{file}.en-ko.ko` and `{file}.en-ko.en` is a pair; line i of `{file}.en-ko.ids` gives its
document, Korean and English sentence indices, score, `verified` (`true`/`false`) and carried columns,
tab-separated.""",
    "tmx": """Import `{file}` into a CAT tool (Trados, memoQ, OmegaT, Phrase), or read it with any XML parser.""",
}


def _fields(rows: dict, pad: str) -> list[str]:
    return [line for name, kind in rows.items()
            for line in [f"{pad}- name: {json.dumps(name, ensure_ascii=False)}", *_type(kind, pad + "  ")]]


def _type(kind, pad: str) -> list[str]:
    """One type as dataset-card YAML (``dtype``, ``struct`` or ``list``)."""
    if isinstance(kind, str):
        return [f"{pad}dtype: {kind}"]
    if isinstance(kind, dict):
        return [f"{pad}struct:", *_fields(kind, pad)]
    (item,) = kind
    if isinstance(item, str):
        return [f"{pad}list: {item}"]
    return [f"{pad}list:", *(_fields(item, pad) if isinstance(item, dict) else _type(item, pad + "  "))]


def _config(name: str, file: str, rows: dict, carry: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """A config's ``configs`` and ``dataset_info`` entries: the file it reads and its features."""
    rows = {**rows, "meta": dict.fromkeys(carry, "string")} if carry else rows
    return ([f"- config_name: {name}", "  data_files:", "  - split: train", f"    path: {file}"],
            [f"- config_name: {name}", "  features:", *_fields(rows, "  ")])


def _front(fmt: str, file: str, carry: tuple[str, ...]) -> list[str]:
    """The YAML header: the corpus as the default config, ``leftovers.jsonl`` as ``leftovers``."""
    if fmt not in ("hf", "parquet", "jsonl"):
        return []
    configs = [_config("default", file, BEAD_FIELDS if fmt == "jsonl" else HF_FIELDS, carry),
               _config("leftovers", "leftovers.jsonl", BEAD_FIELDS, carry)]
    return ["---", "configs:", *(line for c in configs for line in c[0]),
            "dataset_info:", *(line for c in configs for line in c[1]), "---", ""]


def corpus_card(summary: dict, out_name: str, carry: tuple[str, ...], header: bool = False) -> str:
    """``README.md`` for a batch output folder, from its summary."""
    corpus = summary["corpus"]
    fmt, file = corpus["format"], corpus["file"]
    names = "" if header or fmt != "tsv" else f", names={header_names(carry)!r}"  # a headerless TSV
    signatures = "\n".join(f"- `{s}`" for s in summary["signatures"]) or "- (none: no pair was aligned)"
    filtered = ", ".join(f"{k} {v}" for k, v in summary["filtered"].items()) or "nothing"
    filters = ", ".join(f"{k}={v}" for k, v in summary["filters"].items())
    return "\n".join([
        *_front(fmt, file, carry),
        "# Korean–English sentence pairs",
        "",
        f"Made by `align batch` from {summary['pairs']} article pairs: {summary['done']} aligned, "
        f"{summary['failed']} failed (`errors.jsonl`, with the reason), {summary['not_done']} not done.",
        "",
        f"- **Corpus**: `{file}` ({fmt}), {corpus['pairs']} sentence pairs "
        f"({', '.join(f'{k} {v}' for k, v in sorted(corpus['kinds'].items())) or 'none'}).",
        f"- **Filters**: {filters}; removed: {filtered}. What they removed and every leftover "
        "(omissions, additions, page debris) are in `leftovers.jsonl`.",
        f"- **Provenance**: each row names its document (the manifest's `id`) and its Korean and English "
        f"sentence indices (`ko_ids`, `en_ids` from 0). Carried manifest columns: "
        f"{', '.join(f'`{c}`' for c in carry) or 'none'}"
        f"{' (as strings, under `meta`)' if carry and fmt in ('hf', 'parquet', 'jsonl') else ''}.",
        "- **Settings** (every pair was aligned with these; a resumed run redoes pairs made with others):",
        signatures,
        "",
        "## Loading",
        "",
        LOADERS[fmt].format(out=out_name, file=file, names=names),
        "",
        "`summary.json` has the counts, leftover categories, score histogram and timing.",
        "",
    ])
