"""Outputs are written whole or not at all, together or not at all, and never replace what is not a file."""

import os
import threading

import pytest
from click.testing import CliRunner

from align.cli import main
from align.write import OutputError, write_all
from conftest import SAMPLES

KO, EN = str(SAMPLES / "knpa-undp.ko.txt"), str(SAMPLES / "knpa-undp.en.txt")


def test_all_files_are_written_or_none_is(tmp_path):
    first, lost = tmp_path / "first.tsv", tmp_path / "no-such-folder" / "second.tsv"
    with pytest.raises(OutputError, match="no-such-folder/second.tsv: cannot be written"):
        write_all({first: "a\n", lost: "b\n"})
    assert os.listdir(tmp_path) == []  # neither the first file nor a temporary one is left
    first.write_text("old\n")
    write_all({first: "new\n", tmp_path / "third.tsv": "c\n"})
    assert first.read_text() == "new\n" and (tmp_path / "third.tsv").read_text() == "c\n"


def test_a_symlink_is_kept_and_its_file_replaced(tmp_path):
    real, link = tmp_path / "real.tsv", tmp_path / "link.tsv"
    real.write_text("old\n")
    link.symlink_to(real)
    write_all({link: "new\n"})
    assert link.is_symlink() and real.read_text() == "new\n"


def test_a_fifo_is_written_through_not_replaced(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    write_all({fifo: "through\n"})
    reader.join(10)
    assert got == ["through\n"] and not fifo.is_file() and fifo.exists()


def test_a_250_character_name_is_written(tmp_path):
    long = tmp_path / ("a" * 250)
    write_all({long: "x\n"})
    assert long.read_text() == "x\n"


def test_a_failing_output_leaves_no_other_output_behind(tmp_path):
    out = tmp_path / "missing" / "out.tsv"
    html, left = tmp_path / "page.html", tmp_path / "left.jsonl"
    result = CliRunner().invoke(main, ["pair", KO, EN, "-o", str(out), "--html", str(html), "--leftovers", str(left),
                                       "--drop", "debris"])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "cannot be written" in result.stderr
    assert os.listdir(tmp_path) == []


def test_dash_is_standard_input_and_standard_output(tmp_path):
    runner = CliRunner()
    with open(EN, encoding="utf-8") as fh:
        from_stdin = runner.invoke(main, ["pair", KO, "-", "-o", "-"], input=fh.read())
    assert from_stdin.exit_code == 0, from_stdin.output
    assert from_stdin.stdout == runner.invoke(main, ["pair", KO, EN]).stdout
    assert runner.invoke(main, ["pair", "-", "-"], input="x").exit_code == 2
