"""The command line, through click's runner, on the real sample files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from align.cli import main
from conftest import SAMPLES, read_gold

KO, EN = str(SAMPLES / "knpa-undp.ko.txt"), str(SAMPLES / "knpa-undp.en.txt")


@pytest.fixture
def runner():
    return CliRunner()


def test_pair_prints_tsv_rows_with_score_and_kind(runner):
    result = runner.invoke(main, ["pair", KO, EN])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(r) == 9 for r in rows)  # ko, en, score, kind, note, document, ko_ids, en_ids, verified
    assert {r[8] for r in rows} == {"false"}  # no person has verified a fresh alignment
    assert ["경찰청, UNDP와 손잡고 디지털 성범죄 대응 나선다", "Police team up with UNDP to fight digital sex crimes"] == rows[0][:2]
    assert {r[3] for r in rows} == {"1-1", "2-1", "1-2", "leftover"}
    assert all(0.0 <= float(r[2]) <= 1.0 for r in rows)
    assert "document score" in result.stderr and "model:use-m3" in result.stderr


def test_pair_jsonl_carries_indices_spans_and_leftover_details(runner):
    result = runner.invoke(main, ["pair", KO, EN, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(tuple(r["ko"]), tuple(r["en"])) for r in records} == read_gold(SAMPLES / "knpa-undp.gold")
    ko_text = (SAMPLES / "knpa-undp.ko.txt").read_text("utf-8")
    for r in records:
        assert " ".join(ko_text[s:e] for s, e in r["ko_spans"]) == r["ko_text"]
        if r["kind"] == "leftover":
            assert r["side"] in ("ko", "en") and r["category"] and r["reason"]
    omission = next(r for r in records if r["category"] == "omission")
    assert omission["ko_text"] == "국내 디지털 성범죄는 꾸준히 늘고 있다."


def test_output_file_is_written_and_nothing_goes_to_stdout(runner, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["pair", KO, EN, "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(out.read_text("utf-8").splitlines()) == len(read_gold(SAMPLES / "knpa-undp.gold"))


def test_segment_prints_sentences_and_jsonl_spans(runner):
    result = runner.invoke(main, ["segment", KO])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[2] == "(서울=연합뉴스) 김민준 기자 ="
    result = runner.invoke(main, ["segment", EN, "--format", "jsonl"])
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert records[0] == {"index": 0, "text": "Police team up with UNDP to fight digital sex crimes", "start": 0,
                          "end": 52, "paragraph": 0}


def test_segment_jsonl_is_one_record_a_line_for_any_line_splitter(runner, tmp_path):
    text = "First sentence here.\u2028Still the first line \x1c and \x85 so. A second one follows.\n"
    path = tmp_path / "e.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["segment", str(path), "-f", "jsonl"])
    records = [json.loads(line) for line in result.stdout.splitlines()]  # str.splitlines breaks at U+2028 too
    assert all(text[r["start"]:r["end"]] == r["text"] for r in records)


def test_models_lists_the_default(runner):
    result = runner.invoke(main, ["models"])
    assert result.exit_code == 0
    assert result.stdout.startswith("* use-m3")
    assert "sentence-transformers/LaBSE" in result.stdout


@pytest.mark.parametrize("make_args, message", [
    (lambda p: [str(p / "missing.txt"), EN], "missing.txt: no such file"),
    (lambda p: [str(p / "empty.txt"), EN], "empty.txt: is empty"),
    (lambda p: [str(p / "binary.bin"), EN], "binary.bin: is a binary file"),
    (lambda p: [EN, KO], "knpa-undp.en.txt: is English"),
    (lambda p: [KO, KO], "knpa-undp.ko.txt: is Korean"),
    (lambda p: [KO, str(SAMPLES / "owl-bus.en.txt")], "does not look like a translation"),
])
def test_bad_input_is_one_line_exit_1_and_no_output_file(runner, tmp_path, make_args, message):
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out.tsv"
    result = runner.invoke(main, ["pair", *make_args(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_usage_errors_exit_2(runner):
    assert runner.invoke(main, ["pair", KO]).exit_code == 2
    assert runner.invoke(main, ["pair", KO, EN, "--format", "docx"]).exit_code == 2


def test_ctrl_c_exits_130_and_leaves_no_output(runner, tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("align.pipeline.align_files", interrupted)
    result = runner.invoke(main, ["pair", KO, EN, "-o", str(tmp_path / "out.tsv")])
    assert result.exit_code == 130 and result.stderr == "interrupted\n"
    assert list(tmp_path.iterdir()) == []


def test_the_review_page_is_never_written_to_a_file_named_dash(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["pair", KO, EN, "--html", "-"])
    assert result.exit_code == 2 and "--html" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_report_prints_coverage_leftovers_and_flags(runner):
    result = runner.invoke(main, ["pair", KO, EN, "--report"])
    assert result.exit_code == 0
    assert "omissions (Korean with no English): 1" in result.stderr
    assert "국내 디지털 성범죄는 꾸준히 늘고 있다." in result.stderr
    assert "numbers differ: 3천201 in Korean, 3,021 in English" in result.stderr
    assert "leftovers: 11 (byline 2, copyright 2" in result.stderr


def test_drop_sets_debris_aside_in_a_leftovers_file_so_nothing_is_lost(runner, tmp_path):
    out = tmp_path / "corpus.tsv"
    result = runner.invoke(main, ["pair", KO, EN, "-o", str(out), "--drop", "debris"])
    assert result.exit_code == 0, result.output
    kept = out.read_text("utf-8").splitlines()
    aside = [json.loads(x) for x in (tmp_path / "corpus.tsv.leftovers.jsonl").read_text("utf-8").splitlines()]
    assert len(kept) + len(aside) == len(read_gold(SAMPLES / "knpa-undp.gold"))
    assert {r["category"] for r in aside} == {"ui", "dateline", "byline", "timestamp", "credit", "copyright"}
    assert any("\tleftover\tomission\t" in row for row in kept)


def test_filters_need_somewhere_to_put_what_they_set_aside(runner):
    result = runner.invoke(main, ["pair", KO, EN, "--min-score", "0.9"])
    assert result.exit_code == 2 and "nothing is lost" in result.stderr


@pytest.mark.parametrize("options", [
    lambda ko, en, tmp: ["-o", str(ko)],
    lambda ko, en, tmp: ["-o", str(tmp / "out.tsv"), "--leftovers", str(en), "--drop", "debris"],
    lambda ko, en, tmp: ["-o", str(tmp / "same.tsv"), "--html", str(tmp / "same.tsv")],
    lambda ko, en, tmp: ["-o", str(tmp / "out.tsv"), "--leftovers", str(tmp / "out.tsv"), "--drop", "debris"],
])
def test_an_output_that_is_an_input_or_another_output_is_refused_and_nothing_changes(runner, tmp_path, options):
    ko, en = tmp_path / "a.ko.txt", tmp_path / "a.en.txt"
    ko.write_bytes((SAMPLES / "owl-bus.ko.txt").read_bytes())
    en.write_bytes((SAMPLES / "owl-bus.en.txt").read_bytes())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = runner.invoke(main, ["pair", str(ko), str(en), *options(ko, en, tmp_path)])
    assert result.exit_code == 2 and "so that nothing is lost" in result.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("option, message", [
    (["--drop", "debriss"], "unknown leftover category 'debriss'"),
    (["--kinds", "1-1,5-5"], "unknown bead kind '5-5'"),
])
def test_a_misspelt_category_or_kind_is_a_usage_error(runner, tmp_path, option, message):
    result = runner.invoke(main, ["pair", KO, EN, "-o", str(tmp_path / "out.tsv"), *option])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "out.tsv").exists()


def test_a_language_tag_that_is_not_bcp47_is_refused(runner, tmp_path):
    result = runner.invoke(main, ["pair", KO, EN, "-f", "tmx", "-o", str(tmp_path / "a.tmx"), "--ko-lang", "ko\x0bKR"])
    assert result.exit_code == 2 and "is not a language tag" in result.output
    assert not (tmp_path / "a.tmx").exists()


def test_terminal_escapes_in_an_article_reach_the_terminal_as_symbols_but_jsonl_keeps_them(runner, tmp_path):
    hostile = "\x1b]0;pwned\x9c\x9b31m"  # an OSC retitling the window, then a C1 colour sequence
    ko, en = tmp_path / "k.txt", tmp_path / "e.txt"
    ko.write_text(f"경찰이 수사에 나섰다.{hostile} 시민들은 안도했다.\n", encoding="utf-8")
    en.write_text(f"The police opened an investigation.{hostile} Citizens were relieved.\n", encoding="utf-8")
    for args in (["pair", str(ko), str(en), "--report"], ["segment", str(ko)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        for stream in (result.stdout, result.stderr):
            assert not any(c in stream for c in "\x1b\x9b\x9c"), args
    assert "␛]0;pwned\ufffd\ufffd31m" in runner.invoke(main, ["pair", str(ko), str(en)]).stdout
    jsonl = runner.invoke(main, ["pair", str(ko), str(en), "-f", "jsonl"]).stdout
    assert "\x1b" not in jsonl and hostile in "".join(json.loads(line)["ko_text"] for line in jsonl.splitlines())


def test_a_file_name_with_a_line_break_gives_a_one_line_error(runner, tmp_path):
    result = runner.invoke(main, ["pair", str(tmp_path / "a\nb.txt"), EN])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "a\\nb.txt: no such file" in result.stderr


@pytest.mark.parametrize("side", [0, 1])
def test_a_fifo_no_one_writes_to_is_refused_with_one_line_not_waited_on_for_ever(tmp_path, side):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    files = [KO, EN]
    files[side] = str(fifo)
    # in a process of its own: were the FIFO waited on, the timeout fails the test instead of hanging the suite
    run = subprocess.run([sys.executable, "-m", "align.cli", "pair", *files], capture_output=True, text=True,
                         timeout=300, env={**os.environ, "ALIGN_PIPE_WAIT": "1"})
    assert run.returncode == 1 and run.stderr.count("\n") == 1
    assert f"{fifo}: is a pipe nothing was written to in 1 s" in run.stderr


def test_process_substitution_is_read_like_a_file(tmp_path):
    out = tmp_path / "pairs.tsv"
    run = subprocess.run(["bash", "-c", f'"{sys.executable}" -m align.cli pair <(cat "$1") "$2" -o "$3"', "-",
                          KO, EN, str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert len(out.read_text("utf-8").splitlines()) > 5


def test_an_unknown_model_is_refused_before_the_inputs_are_read_and_before_torch_is_imported(tmp_path):
    code = ("import sys; from align.cli import main\n"
            "try: main(['pair', sys.argv[1], sys.argv[2], '--model', 'no-such-model'])\n"
            "except SystemExit as done: print('exit', done.code)\n"
            "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)\n")
    # the Korean file does not exist: the model's error comes first, so the inputs were not read
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "missing.txt"), EN], capture_output=True,
                         text=True, timeout=300)
    assert run.stdout.splitlines() == ["exit 1", "False False"], run.stderr
    assert run.stderr.count("\n") == 1 and "model 'no-such-model' is not a name `align models` lists" in run.stderr


def test_one_word_a_line_is_refused_in_one_line_before_anything_is_embedded(runner, tmp_path, monkeypatch):
    from align.segment.shape import WORD_LIST_LINES
    import align.pipeline
    monkeypatch.setattr(align.pipeline, "align_sentences", None)  # reaching the aligner would fail loudly
    ko, en = tmp_path / "list.ko.txt", tmp_path / "list.en.txt"
    ko.write_text("\n".join(["경찰은", "집회를", "열었다"] * WORD_LIST_LINES), encoding="utf-8")
    en.write_text("\n".join(["The", "police", "said", "so."] * WORD_LIST_LINES), encoding="utf-8")
    result = runner.invoke(main, ["pair", str(ko), str(en)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert f"{ko}: is not running text: {3 * WORD_LIST_LINES:,} lines" in result.stderr
