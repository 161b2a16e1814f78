"""Corpus provenance and schemas: rows named by the manifest id with its columns, parts that
record their settings, and files that datasets, pandas and pyarrow load as written."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.batch import read_manifest, run_batch
from align.cli import main
from align.types import Alignment, Bead, Flag, Sentence
from align.write import render
from align.write.corpus import hf_record, to_hf
from align.write.text import one_line, visible
from conftest import SAMPLES

datasets = pytest.importorskip("datasets")  # in the test extra: these tests must run, and CI installs it
pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")
etree = pytest.importorskip("lxml.etree")
datasets.disable_progress_bars()

FOREIGN = Path(__file__).parent / "data" / "foreign"
KO, EN = SAMPLES / "knpa-undp.ko.txt", SAMPLES / "owl-bus.en.txt"
META = {"a": {"url": "https://news.example/a", "date": "2025-03-01", "section": "society"},
        "b": {"url": "https://news.example/b", "date": "", "section": "city"}}


def crawl(folder: Path) -> Path:
    """Two articles that are both called article.ko.txt / article.en.txt, in a TSV manifest with metadata."""
    for entry, name in (("a", "knpa-undp"), ("b", "owl-bus")):
        (folder / entry).mkdir(parents=True)
        for side in ("ko", "en"):
            (folder / entry / f"article.{side}.txt").write_bytes((SAMPLES / f"{name}.{side}.txt").read_bytes())
    rows = ["id\tko\ten\turl\tdate\tsection"] + [
        f"{i}\t{i}/article.ko.txt\t{i}/article.en.txt\t{m['url']}\t{m['date']}\t{m['section']}"
        for i, m in META.items()]
    (folder / "pairs.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder / "pairs.tsv"


def batch(*args) -> None:
    result = CliRunner().invoke(main, ["batch", *map(str, args), "-w", "1", "-q"])
    assert result.exit_code == 0, result.output


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def aligned(tmp_path_factory) -> tuple[Path, Path]:
    """The two-article crawl aligned once (its parts are reused by every format)."""
    folder = tmp_path_factory.mktemp("crawl")
    manifest = crawl(folder)
    batch(manifest, "-o", folder / "out")
    return manifest, folder / "out"


def test_every_row_and_leftover_names_the_manifest_id_its_sentences_and_carries_its_columns(aligned):
    manifest, out = aligned
    rows, leftovers = jsonl(out / "corpus.jsonl"), jsonl(out / "leftovers.jsonl")
    assert {r["document"] for r in rows} == {r["document"] for r in leftovers} == {"a", "b"}
    for r in rows + leftovers:
        assert r["meta"] == META[r["document"]] and (r["ko"] or r["en"])  # nested: never beside the tool's fields
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["carried"] == ["url", "date", "section"] and summary["corpus"]["pairs"] == len(rows)


def test_the_metadata_reaches_every_format(aligned):
    manifest, out = aligned
    pairs = sorted((r["document"], tuple(r["ko"]), tuple(r["en"])) for r in jsonl(out / "corpus.jsonl"))
    as_text = sorted((d, ",".join(map(str, k)), ",".join(map(str, e))) for d, k, e in pairs)  # TSV, .ids

    batch(manifest, "-o", out, "-f", "hf")
    hf = jsonl(out / "corpus.hf.jsonl")
    assert sorted((r["document"], tuple(r["ko_ids"]), tuple(r["en_ids"])) for r in hf) == pairs
    assert all(r["meta"] == META[r["document"]] for r in hf)

    batch(manifest, "-o", out, "-f", "parquet")
    table = pq.read_table(out / "corpus.parquet").to_pylist()
    assert table == hf  # the same rows, through pyarrow's reader

    batch(manifest, "-o", out, "-f", "tsv", "--header", "--carry", "url,date")
    frame = pd.read_csv(out / "corpus.tsv", sep="\t", quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["ko", "en", "score", "kind", "note", "document", "ko_ids", "en_ids", "verified",
                                   "meta.url", "meta.date"]  # the manifest's columns never pass for the tool's
    assert sorted(zip(frame.document, frame.ko_ids, frame.en_ids)) == as_text
    assert all(frame["meta.url"][i] == META[d]["url"] and frame["meta.date"][i] == META[d]["date"]
               for i, d in enumerate(frame.document))

    batch(manifest, "-o", out, "-f", "moses", "--carry", "section")
    ids = [line.split("\t") for line in (out / "corpus.en-ko.ids").read_text("utf-8").splitlines()]
    assert sorted((d, k, e) for d, k, e, _score, _verified, _section in ids) == as_text
    assert all(section == META[d]["section"] for d, *_, section in ids)

    batch(manifest, "-o", out, "-f", "tmx", "--carry", "url")
    units = etree.parse(str(out / "corpus.tmx")).findall("body/tu")
    assert len(units) == len(pairs)
    for tu in units:
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        assert props["x-meta-url"] == META[props["x-document"]]["url"] and "x-meta-date" not in props

    batch(manifest, "-o", out, "-f", "hf", "--carry", "none")
    assert all("meta" not in r for r in jsonl(out / "corpus.hf.jsonl"))


def test_a_column_the_manifest_lacks_is_a_usage_error(aligned):
    manifest, out = aligned
    result = CliRunner().invoke(main, ["batch", str(manifest), "-o", str(out), "--carry", "url,author"])
    assert result.exit_code == 2 and "no column 'author'" in result.output


def test_the_corpus_card_says_what_the_corpus_holds_and_datasets_loads_the_folder(aligned):
    manifest, out = aligned
    batch(manifest, "-o", out, "-f", "hf")
    card = (out / "README.md").read_text("utf-8")
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert f"{summary['corpus']['pairs']} sentence pairs" in card and summary["signature"] in card
    assert "`url`, `date`, `section`" in card and "load_dataset(" in card
    cache = str(out.parent / "cache")
    loaded = datasets.load_dataset(str(out), split="train", cache_dir=cache)
    assert loaded.to_list() == jsonl(out / "corpus.hf.jsonl")  # the corpus only: not the leftovers or the parts
    leftovers = datasets.load_dataset(str(out), "leftovers", split="train", cache_dir=cache)
    assert leftovers.to_list() == jsonl(out / "leftovers.jsonl")  # nulls and empty lists typed by the card
    batch(manifest, "-o", out)  # the tool's own JSONL: a list of flag objects, spans, nulls
    assert datasets.load_dataset(str(out), split="train", cache_dir=cache).to_list() == jsonl(out / "corpus.jsonl")


def test_a_run_resumed_with_other_settings_redoes_its_parts_and_never_mixes_them(tmp_path):
    manifest = crawl(tmp_path / "crawl")
    first = run_batch(read_manifest(manifest), tmp_path / "out", workers=1, progress=False, boilerplate=False)
    assert first["run"]["pairs_this_run"] == 2 and "split:auto" in first["signature"]
    again = run_batch(read_manifest(manifest), tmp_path / "out", workers=1, progress=False, boilerplate=False)
    assert again["run"]["pairs_this_run"] == 0  # same settings: nothing redone
    lines = run_batch(read_manifest(manifest), tmp_path / "out", split="lines", workers=1, progress=False,
                      boilerplate=False)
    assert lines["run"]["pairs_this_run"] == 2 and lines["signatures"] == [lines["signature"]]
    assert "split:lines" in lines["signature"] and "split:auto" not in json.dumps(lines)
    parts = [json.loads(p.read_text("utf-8")) for p in (tmp_path / "out" / "parts").glob("*.json")]
    assert len(parts) == 2 and all(p["settings"] == lines["signature"] for p in parts)
    # the corpus is what a fresh run with --split lines makes
    fresh = run_batch(read_manifest(manifest), tmp_path / "fresh", split="lines", workers=1, progress=False,
                      boilerplate=False)
    assert fresh["corpus"] == lines["corpus"]
    for name in ("corpus.jsonl", "leftovers.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()


def _alignment(ko: str, en: str, flags=()) -> Alignment:
    return Alignment(ko, en, [Sentence(0, ko, 0, len(ko), 0)], [Sentence(0, en, 0, len(en), 0)],
                     [Bead((0,), (0,), 0.9, "1-1", flags=tuple(flags))], 0.9, "align:test", name="doc")


def test_manifest_values_of_any_json_type_are_carried_as_strings_with_the_same_keys_in_every_row():
    alignment = replace(_alignment("첫 문장이다.", "The first sentence."),
                        meta={"rank": 3, "note": None, "tags": ["a", "b"], "url": "https://x"})
    (record,) = [hf_record(alignment, b, ("url", "rank", "note", "tags", "date")) for b in alignment.beads]
    assert record["meta"] == {"url": "https://x", "rank": "3", "note": "", "tags": '["a", "b"]', "date": ""}
    assert list(record["meta"]) == ["url", "rank", "note", "tags", "date"]


def test_two_hf_files_load_together_whichever_has_flags(tmp_path):
    plain = tmp_path / "plain.jsonl"
    flagged = tmp_path / "flagged.jsonl"
    plain.write_text(to_hf([(a := _alignment("첫 문장이다.", "The first sentence."), a.beads)]), encoding="utf-8")
    flagged.write_text(to_hf([(b := _alignment("3명이 왔다.", "Four came.", [Flag("number", "numbers differ")]),
                               b.beads)]), encoding="utf-8")
    loaded = datasets.load_dataset("json", data_files=[str(plain), str(flagged)], split="train",
                                   cache_dir=str(tmp_path / "cache"))
    assert loaded["flags"] == ["", "numbers differ"] and loaded.features["flags"].dtype == "string"


def test_an_empty_corpus_is_a_file_datasets_pandas_and_pyarrow_load(tmp_path):
    (tmp_path / "ko.txt").write_text("", encoding="utf-8")  # the only pair fails: nothing to write
    (tmp_path / "en.txt").write_bytes(EN.read_bytes())
    (tmp_path / "pairs.tsv").write_text("id\tko\ten\turl\nx\tko.txt\ten.txt\thttps://x\n", encoding="utf-8")
    for fmt, name in (("hf", "corpus.hf.jsonl"), ("parquet", "corpus.parquet")):
        out = tmp_path / fmt
        result = CliRunner().invoke(main, ["batch", str(tmp_path / "pairs.tsv"), "-o", str(out), "-f", fmt,
                                           "--allow-failures", "100%", "-q"])
        assert result.exit_code == 0, result.output
        # datasets never builds a split of no rows (load_dataset raises "corresponds to no data" whatever
        # the format); streamed, the folder loads with its card's features and no rows
        streamed = datasets.load_dataset(str(out), streaming=True)["train"]
        assert list(streamed) == [] and set(streamed.features) >= {"translation", "flags", "meta"}
        # and among other files it takes nothing away
        other = tmp_path / f"other.{fmt}"
        batch_rows = _alignment("첫 문장이다.", "The first sentence.")
        if fmt == "hf":
            other.write_text(to_hf([(batch_rows, batch_rows.beads)], carry=("url",)), encoding="utf-8")
        else:
            other.write_bytes(render(batch_rows, "parquet", carry=("url",)))
        both = datasets.load_dataset("json" if fmt == "hf" else "parquet", data_files=[str(out / name), str(other)],
                                     split="train", cache_dir=str(tmp_path / "cache"))
        assert len(both) == 1 and both[0]["meta"] == {"url": ""}
    assert pq.read_table(tmp_path / "parquet" / "corpus.parquet").num_rows == 0
    assert pd.read_parquet(tmp_path / "parquet" / "corpus.parquet").columns.tolist()[:2] == ["translation", "score"]


def test_pair_writes_parquet_that_pyarrow_reads_back_as_the_hf_rows(tmp_path):
    runner = CliRunner()
    ko, en = str(SAMPLES / "owl-bus.ko.txt"), str(SAMPLES / "owl-bus.en.txt")
    assert runner.invoke(main, ["pair", ko, en, "-f", "parquet", "-o", str(tmp_path / "c.parquet")]).exit_code == 0
    assert runner.invoke(main, ["pair", ko, en, "-f", "hf", "-o", str(tmp_path / "c.jsonl")]).exit_code == 0
    table = pq.read_table(tmp_path / "c.parquet")
    assert str(table.schema.field("ko_ids").type) == "list<element: int64>"
    assert table.to_pylist() == jsonl(tmp_path / "c.jsonl")
    no_file = runner.invoke(main, ["pair", ko, en, "-f", "parquet"])
    assert no_file.exit_code == 2 and "give -o FILE" in no_file.output
    with_header = runner.invoke(main, ["pair", ko, en, "--header", "-q"])
    assert with_header.stdout.splitlines()[0] == "ko\ten\tscore\tkind\tnote\tdocument\tko_ids\ten_ids\tverified"
    without = runner.invoke(main, ["pair", ko, en, "-q"])
    assert with_header.stdout.splitlines()[1:] == without.stdout.splitlines()


def test_parquet_without_pyarrow_is_a_one_line_error_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    result = CliRunner().invoke(main, ["pair", str(KO), str(SAMPLES / "knpa-undp.en.txt"), "-f", "parquet",
                                       "-o", str(tmp_path / "c.parquet")])
    assert result.exit_code == 1 and "pip install 'align-ko-en[parquet]'" in result.stderr
    assert result.stderr.count("\n") == 1 and not list(tmp_path.iterdir())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ko=st.text(min_size=1, max_size=40), en=st.text(min_size=1, max_size=40),
       flag=st.text(max_size=20), url=st.text(max_size=20))
def test_pandas_reads_the_tsv_as_written_and_writes_it_back_unchanged(ko, en, flag, url):
    alignment = replace(_alignment(ko, en, [Flag("number", flag)] if flag else []), meta={"url": url})
    tsv = render(alignment, "tsv", header=True, carry=("url",))
    frame = pd.read_csv(io.StringIO(tsv), sep="\t", quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False)
    assert len(frame) == 1 and frame.iloc[0].tolist() == tsv.splitlines()[1].split("\t")
    assert (frame.ko[0], frame.en[0], frame["meta.url"][0]) == tuple(visible(one_line(x)) for x in (ko, en, url))
    assert frame.to_csv(sep="\t", index=False, quoting=csv.QUOTE_NONE, lineterminator="\n") == tsv
