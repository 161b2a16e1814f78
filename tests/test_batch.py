"""Corpus mode: many pairs, bad files recorded and skipped, a killed run resumed to the same corpus, Ray."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.batch import QualityFilters, pair_directories, read_manifest, run_batch, shard
from align.cli import main
from conftest import SAMPLES

ARTICLE_KO = (SAMPLES / "knpa-undp.ko.txt").read_text("utf-8")
ARTICLE_EN = (SAMPLES / "knpa-undp.en.txt").read_text("utf-8")
OWL_KO = (SAMPLES / "owl-bus.ko.txt").read_text("utf-8")
OWL_EN = (SAMPLES / "owl-bus.en.txt").read_text("utf-8")


def make_crawl(folder: Path, n: int, broken: int = 0) -> Path:
    """``n`` article pairs (the samples, varied so no two are the same) and a TSV manifest;
    the last ``broken`` pairs have a broken file of each kind a crawl produces."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["id\tko\ten\turl"]
    for i in range(n):
        ko, en = (ARTICLE_KO, ARTICLE_EN) if i % 2 else (OWL_KO, OWL_EN)
        ko = ko.replace("2025", str(2025 + i)) + f"\n문의 번호는 {1000 + i}번이다.\n"
        en = en.replace("2025", str(2025 + i)) + f"\nThe inquiry number is {1000 + i}.\n"
        (folder / f"{i}.ko.txt").write_text(ko, encoding="utf-8")
        (folder / f"{i}.en.txt").write_text(en, encoding="utf-8")
        lines.append(f"p{i}\t{i}.ko.txt\t{i}.en.txt\thttps://example.com/{i}")
    kinds = [lambda p: p.write_bytes(b"\x00\x01\x02PK" * 50), lambda p: p.write_text("", encoding="utf-8"),
             lambda p: p.unlink(), lambda p: p.write_text(ARTICLE_EN, encoding="utf-8")]
    for k in range(broken):
        kinds[k % len(kinds)](folder / f"{n - 1 - k}.ko.txt")
    manifest = folder / "manifest.tsv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def outputs(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text("utf-8") for name in ("corpus.jsonl", "leftovers.jsonl", "errors.jsonl")}


def test_a_batch_writes_corpus_leftovers_errors_and_summary(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 4)
    summary = run_batch(read_manifest(manifest), tmp_path / "out", workers=1, progress=False)
    corpus = [json.loads(x) for x in (tmp_path / "out" / "corpus.jsonl").read_text("utf-8").splitlines()]
    assert summary["done"] == 4 and summary["failed"] == 0 and summary["corpus"]["pairs"] == len(corpus)
    assert all(r["kind"] != "leftover" for r in corpus)
    assert {r["document"] for r in corpus} == {f"p{i}" for i in range(4)}  # the manifest ids
    leftovers = [json.loads(x) for x in (tmp_path / "out" / "leftovers.jsonl").read_text("utf-8").splitlines()]
    assert {r["category"] for r in leftovers} >= {"omission", "addition", "copyright", "byline"}
    on_disk = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert on_disk["run"]["pairs_this_run"] == 4 and "model:use-m3" in on_disk["signature"]
    assert sum(on_disk["score_histogram"].values()) == len(corpus)


def test_five_percent_broken_files_are_recorded_and_the_run_goes_on(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 40, broken=2)
    result = CliRunner().invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "out"), "-w", "1",
                                       "--allow-failures", "5%"])
    assert result.exit_code == 0, result.output
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text("utf-8").splitlines()]
    assert [e["id"] for e in errors] == ["p38", "p39"]
    assert "binary" in errors[1]["error"] and "empty" in errors[0]["error"]
    assert errors[0]["url"] == "https://example.com/38"
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert (summary["done"], summary["failed"]) == (38, 2)


def test_quality_filters_count_what_they_remove(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 2)
    entries = read_manifest(manifest)
    summary = run_batch(entries + [entries[0].__class__("dup", entries[0].ko, entries[0].en)], tmp_path / "out",
                        workers=1, filters=QualityFilters(min_score=0.99), progress=False)
    assert summary["filtered"]["duplicate"] > 0 and summary["filtered"]["min_score"] > 0
    kept = len((tmp_path / "out" / "corpus.jsonl").read_text("utf-8").splitlines())
    assert kept == summary["corpus"]["pairs"]


def test_a_run_killed_with_sigkill_resumes_to_exactly_the_uninterrupted_corpus(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 48)
    whole = tmp_path / "whole"
    run_batch(read_manifest(manifest), whole, workers=1, progress=False)
    killed = tmp_path / "killed"
    command = [sys.executable, "-m", "align.cli", "batch", str(manifest), "-o", str(killed), "-w", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    parts, deadline = killed / "parts", time.time() + 120
    while time.time() < deadline and (not parts.exists() or len(list(parts.glob("*.json"))) < 10):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, mid-flight
    proc.wait()
    done_before = len(list((killed / "parts").glob("*.json")))
    assert 0 < done_before < 48, "the kill should land mid-run"
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    summary = json.loads((killed / "summary.json").read_text("utf-8"))
    assert summary["run"]["skipped_already_done"] >= done_before - 8  # at most the chunks in flight redone
    assert outputs(killed) == outputs(whole)


def test_directories_are_paired_by_file_name_and_shards_split_the_work(tmp_path):
    ko, en = tmp_path / "ko", tmp_path / "en"
    ko.mkdir()
    en.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (ko / name).write_text(OWL_KO, encoding="utf-8")
        (en / name).write_text(OWL_EN, encoding="utf-8")
    (ko / "only-ko.txt").write_text(OWL_KO, encoding="utf-8")
    entries = pair_directories(ko, en)
    assert [e.id for e in entries] == ["a", "b", "c", "only-ko"]
    assert [e.id for e in shard(entries, "0/2")] + [e.id for e in shard(entries, "1/2")] == ["a", "c", "b", "only-ko"]
    summary = run_batch(entries, tmp_path / "out", workers=1, progress=False)
    assert summary["failed"] == 1  # only-ko has no English file
    assert "no such file" in (tmp_path / "out" / "errors.jsonl").read_text("utf-8")


def test_bad_manifests_are_one_line_errors(tmp_path):
    bad = tmp_path / "m.tsv"
    bad.write_text("id\tko\nx\ta.txt\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "m.tsv: entry 1 lacks en" in result.stderr


def test_the_same_run_on_a_real_local_ray_cluster(tmp_path):
    pytest.importorskip("ray", reason="Ray is not installed (pip install 'align[ray]')")
    manifest = make_crawl(tmp_path / "crawl", 6, broken=1)
    run_batch(read_manifest(manifest), tmp_path / "local", workers=1, progress=False)
    summary = run_batch(read_manifest(manifest), tmp_path / "ray", workers=2, engine="ray", progress=False)
    assert summary["run"]["engine"] == "ray" and (summary["done"], summary["failed"]) == (5, 1)
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")
    # resume on Ray too: nothing left to do
    again = run_batch(read_manifest(manifest), tmp_path / "ray", workers=2, engine="ray", progress=False)
    assert again["run"]["pairs_this_run"] == 0 and outputs(tmp_path / "ray") == outputs(tmp_path / "local")


def test_lines_recurring_across_a_sources_pages_are_named_boilerplate(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 6)
    for i in range(6):  # the site's header on every page of both editions
        for side, header in (("ko", "한빛일보 | 구독 신청 | 로그인"), ("en", "Morning Ledger | Subscribe | Log in")):
            path = tmp_path / "crawl" / f"{i}.{side}.txt"
            path.write_text(f"{header}\n{path.read_text('utf-8')}", encoding="utf-8")
    run_batch(read_manifest(manifest), tmp_path / "out", workers=1, progress=False)
    found = json.loads((tmp_path / "out" / "boilerplate.json").read_text("utf-8"))[""]
    assert "morning ledger | subscribe | log in" in found["en"] and "한빛일보 | 구독 신청 | 로그인" in found["ko"]
    leftovers = [json.loads(x) for x in (tmp_path / "out" / "leftovers.jsonl").read_text("utf-8").splitlines()]
    headers = [r for r in leftovers if "Subscribe" in r["en_text"] or "구독 신청" in r["ko_text"]]
    assert len(headers) == 12 and all("boilerplate" in r["reason"] for r in headers)
    off = run_batch(read_manifest(manifest), tmp_path / "off", workers=1, progress=False, boilerplate=False)
    assert off["done"] == 6 and json.loads((tmp_path / "off" / "boilerplate.json").read_text("utf-8")) == {}


def test_a_manifest_with_a_byte_order_mark_and_an_error_column_is_read_as_meant(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 2)
    text = manifest.read_text("utf-8").replace("\turl", "\terror")
    manifest.write_text("\ufeff" + text, encoding="utf-8")  # as Excel writes it
    (tmp_path / "crawl" / "1.ko.txt").write_text("", encoding="utf-8")
    entries = read_manifest(manifest)
    assert [e.id for e in entries] == ["p0", "p1"]
    run_batch(entries, tmp_path / "out", workers=1, progress=False, boilerplate=False)
    (error,) = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text("utf-8").splitlines()]
    assert error["id"] == "p1" and "is empty" in error["error"]


def test_a_fifo_given_as_a_file_is_recorded_as_failed_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGN_PIPE_WAIT", "0.5")
    manifest = make_crawl(tmp_path / "crawl", 3)
    fifo = tmp_path / "crawl" / "1.en.txt"
    fifo.unlink()
    os.mkfifo(fifo)  # no writer: reading it would block the whole run
    summary = run_batch(read_manifest(manifest), tmp_path / "out", workers=1, progress=False)
    assert summary["done"] == 2 and summary["failed"] == 1
    assert "is a pipe nothing was written to in 0.5 s" in (tmp_path / "out" / "errors.jsonl").read_text("utf-8")


def test_an_encoder_that_cannot_load_ends_a_multi_worker_run_with_one_line(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 4)
    command = [sys.executable, "-m", "align.cli", "batch", str(manifest), "-o", str(tmp_path / "out"), "-w", "2",
               "-m", "no-such/model"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "no-such/model" in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr


@pytest.mark.parametrize("name, content, message", [
    ("bin.tsv", b"\x7fELF\x02\x01\x01\x00\x00\x00" * 30, "is a binary file"),
    ("arr.jsonl", b'[{"id": "a", "ko": "k.txt", "en": "e.txt"}]\n', "line 1 is not a JSON object"),
    ("row.jsonl", b'["a", "k.txt", "e.txt"]\n', "line 1 is not a JSON object"),
    ("num.jsonl", b'{"id": "a", "ko": 5, "en": "e.txt"}\n', "entry 1: ko and en must be file paths"),
    ("twice.jsonl", b'{"id": "a", "ko": "k.txt", "en": "e.txt", "id": "b"}\n', "line 1 names the key 'id' twice"),
    ("twice.tsv", b"id\tko\ten\tid\na\tk.txt\te.txt\tb\n", "line 1: the header names the column 'id' twice"),
    ("wide.tsv", b"id\tko\ten\na\tk.txt\te.txt\nb\tk.txt\te.txt\tx\ty\n", "line 3: 5 cells, the header has 3"),
    ("narrow.tsv", b"id\tko\ten\turl\na\tk.txt\te.txt\n", "line 2: 3 cells, the header has 4"),
])
def test_manifests_that_are_not_manifests_are_one_line_errors(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    result = CliRunner().invoke(main, ["batch", str(tmp_path / name), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1, result.stderr


def test_a_manifest_saved_as_cp949_by_korean_excel_is_read(tmp_path):
    manifest = make_crawl(tmp_path, 1)
    text = manifest.read_text("utf-8").replace("p0", "기사0")
    manifest.write_bytes(text.encode("cp949"))
    assert [e.id for e in read_manifest(manifest)] == ["기사0"]


def test_files_sharing_a_name_but_not_an_extension_are_both_aligned(tmp_path):
    ko, en = tmp_path / "ko", tmp_path / "en"
    ko.mkdir()
    en.mkdir()
    for name in ("s.txt", "s.md"):
        (ko / name).write_text(OWL_KO, encoding="utf-8")
        (en / name).write_text(OWL_EN, encoding="utf-8")
    entries = pair_directories(ko, en)
    assert sorted(e.id for e in entries) == ["s.md", "s.txt"]


def test_verbose_lists_each_failure_and_quiet_prints_nothing(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 4, broken=2)
    runner = CliRunner()
    verbose = runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "v"), "-w", "1", "-v"])
    assert verbose.exit_code == 1, verbose.output  # 2 of 4 failed, and no failure is allowed by default
    failed = [line for line in verbose.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 2 and all("3.ko.txt" in line or "2.ko.txt" in line for line in failed)
    quiet = runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "q"), "-w", "1", "-q",
                                 "--allow-failures", "50%"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_failed_pairs_make_a_non_zero_exit_unless_allowed_and_the_summary_is_written_either_way(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 7, broken=4)
    runner = CliRunner()
    strict = runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "a"), "-w", "1"])
    assert strict.exit_code == 1 and "4 of 7 pairs failed, more than --allow-failures 0%" in strict.stderr
    assert json.loads((tmp_path / "a" / "summary.json").read_text("utf-8"))["failed"] == 4
    assert runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "b"), "-w", "1",
                                "--allow-failures", "50%"]).exit_code == 1
    assert runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "c"), "-w", "1",
                                "--allow-failures", "60%"]).exit_code == 0
    assert runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "d"),
                                "--allow-failures", "lots"]).exit_code == 2


def test_batch_tmx_carries_the_language_tags_given_and_refuses_a_bad_one(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 1)
    runner = CliRunner()
    ok = runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "out"), "-f", "tmx", "-w", "1",
                              "--ko-lang", "ko", "--en-lang", "en-GB"])
    assert ok.exit_code == 0, ok.output
    tmx = (tmp_path / "out" / "corpus.tmx").read_text("utf-8")
    assert 'xml:lang="ko"' in tmx and 'xml:lang="en-GB"' in tmx and 'xml:lang="en-US"' not in tmx
    bad = runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "bad"), "--en-lang", "en\x0bUS"])
    assert bad.exit_code == 2 and not (tmp_path / "bad").exists()


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"" for p in sorted(folder.rglob("*"))}


def test_an_output_folder_that_is_or_is_inside_a_folder_the_run_reads_is_refused_before_any_work(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 2)
    (tmp_path / "crawl" / "README.md").write_text("my notes\n", encoding="utf-8")
    (tmp_path / "crawl" / "summary.json").write_text("{}\n", encoding="utf-8")
    ko, en = tmp_path / "ko", tmp_path / "en"
    for folder, name in ((ko, "0.ko.txt"), (en, "0.en.txt")):
        folder.mkdir()
        (folder / "a.txt").write_bytes((tmp_path / "crawl" / name).read_bytes())
    before = tree(tmp_path)
    runner = CliRunner()
    for args, problem in ([[str(manifest), "-o", str(tmp_path / "crawl")], "is the folder of the input file"],
                          [[str(ko), str(en), "-o", str(ko)], "is the input folder"],
                          [[str(ko), str(en), "-o", str(en / "out")], "is inside the input folder"]):
        result = runner.invoke(main, ["batch", *args, "-w", "1"])
        assert result.exit_code == 2 and problem in result.stderr, result.stderr
        assert tree(tmp_path) == before  # nothing overwritten, nothing created


def test_an_output_folder_of_other_files_is_refused_and_one_a_batch_wrote_is_resumed(tmp_path):
    manifest = make_crawl(tmp_path / "crawl", 1)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "README.md").write_text("my notes\n", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(main, ["batch", str(manifest), "-o", str(theirs), "-w", "1"])
    assert refused.exit_code == 1 and refused.stderr == (
        f"Error: {theirs}: holds files that no `align batch` wrote: give a new or empty folder, "
        "so that nothing is overwritten\n")
    assert tree(theirs) == {"README.md": b"my notes\n"}
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / ".DS_Store").write_bytes(b"x")  # hidden files do not count
    assert runner.invoke(main, ["batch", str(manifest), "-o", str(ours), "-w", "1", "-q"]).exit_code == 0
    again = runner.invoke(main, ["batch", str(manifest), "-o", str(ours), "-w", "1", "-q"])
    assert again.exit_code == 0 and json.loads((ours / "summary.json").read_text("utf-8"))["run"][
        "skipped_already_done"] == 1
    (ours / "summary.json").unlink()  # a run killed before its summary left its parts: still ours
    assert runner.invoke(main, ["batch", str(manifest), "-o", str(ours), "-w", "1", "-q"]).exit_code == 0


@pytest.mark.parametrize("out", ["manifest.tsv/sub", "manifest.tsv.out/../0.ko.txt"])
def test_an_output_that_cannot_be_a_folder_is_one_line_and_creates_nothing(tmp_path, out):
    manifest = make_crawl(tmp_path / "crawl", 1)
    before = tree(tmp_path)
    result = CliRunner().invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "crawl" / out), "-w", "1"])
    assert result.exit_code == 1 and "cannot be written (" in result.stderr, result.stderr
    assert result.stderr.startswith(f"Error: {tmp_path / 'crawl' / out}: ") and result.stderr.count("\n") == 1
    assert tree(tmp_path) == before


@pytest.mark.parametrize("command, option", [("pair", "--min-score"), ("batch", "--min-score"),
                                             ("batch", "--max-length-sd")])
def test_nan_is_not_a_score(tmp_path, command, option):
    manifest = make_crawl(tmp_path / "crawl", 1)
    inputs = [str(tmp_path / "crawl" / "0.ko.txt"), str(tmp_path / "crawl" / "0.en.txt")] if command == "pair" \
        else [str(manifest)]
    result = CliRunner().invoke(main, [command, *inputs, "-o", str(tmp_path / "out"), option, "nan"])
    assert result.exit_code == 2 and f"Invalid value for '{option}': 'nan' is not a number" in result.stderr
    assert not (tmp_path / "out").exists()
