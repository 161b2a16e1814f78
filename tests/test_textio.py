"""Reading input: the encodings a Korean user meets, and one clear error for everything else."""

from __future__ import annotations

import codecs
import os
import threading

import pytest

from align import InputError
from align.textio import decode_bytes, read_text
from align.write.atomic import OutputError, write_atomic

KO = "경찰청은 27일 발표했다. 사건은 3천201건으로 늘었다.\n"


@pytest.mark.parametrize("data", [
    KO.encode("utf-8"),
    codecs.BOM_UTF8 + KO.encode("utf-8"),
    KO.encode("utf-16"),                      # with BOM
    codecs.BOM_UTF16_BE + KO.encode("utf-16-be"),
    KO.encode("cp949"),
    KO.encode("euc-kr"),
])
def test_decodes_utf8_utf16_and_legacy_korean(data):
    assert decode_bytes(data) == KO


def test_english_from_windows_tools_is_decoded_as_windows_1252_not_as_korean():
    en = ("The police\u2019s investigative team \u2014 led by Jos\u00e9 Kim \u2014 said on Monday that it had "
          "found \u201cno evidence\u201d of a leak.\n")
    assert decode_bytes(en.encode("cp1252")) == en


@pytest.mark.parametrize("data, problem", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("日本語の記事です。東京で発表された。".encode("shift_jis"), "not text in UTF-8"),
    (bytes(range(0x80, 0x100)) * 4, "not text in UTF-8"),
])
def test_rejects_binary_and_unknown_encodings(data, problem):
    with pytest.raises(InputError, match=problem) as err:
        decode_bytes(data, "x.txt")
    assert str(err.value).startswith("x.txt: ")
    assert "\n" not in str(err.value)


def test_a_few_stray_control_characters_in_an_article_are_text_many_are_a_binary_file():
    article = KO * 40 + "\x1b\x1b\x1b\x07\x07\x07\x07 끝.\n"  # a scraped page's stray escapes and bells
    assert decode_bytes(article.encode("utf-8")) == article
    with pytest.raises(InputError, match="binary"):
        decode_bytes(("\x01\x02\x03 abc " * 50).encode("utf-8"), "x.txt")


def test_missing_empty_and_directory_inputs_name_the_file(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_text(tmp_path / "nope.txt")
    (tmp_path / "empty.txt").write_text(" \n\t\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.txt: is empty"):
        read_text(tmp_path / "empty.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "out.tsv"
    target.write_text("old", encoding="utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("align.write.atomic.os.fsync", disk_full)
    with pytest.raises(OutputError, match="out.tsv: cannot be written .No space left on device"):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tsv"]  # no temporary file left behind
    monkeypatch.undo()
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"


def test_an_input_larger_than_the_limit_is_refused_even_an_endless_device(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGN_MAX_INPUT_MB", "0.001")
    big = tmp_path / "big.txt"
    big.write_text("경찰이 왔다. " * 500, encoding="utf-8")
    with pytest.raises(InputError, match=r"big.txt: is larger than 0.001 MB \(set ALIGN_MAX_INPUT_MB"):
        read_text(big)
    with pytest.raises(InputError, match="/dev/zero: is not a regular file or a pipe"):  # an endless device
        read_text("/dev/zero")
    monkeypatch.setenv("ALIGN_MAX_INPUT_MB", "1")
    assert read_text(big).startswith("경찰이 왔다.")


def test_a_named_pipe_someone_writes_to_is_read_whole(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    text = "경찰이 왔다. " * 20_000  # more than a pipe's buffer: read until the writer closes it

    def writer():
        with open(fifo, "w", encoding="utf-8") as f:  # waits for the reader, as a real writer does
            f.write(text)

    thread = threading.Thread(target=writer)
    thread.start()
    assert read_text(fifo) == text
    thread.join()


def test_a_named_pipe_no_one_writes_to_is_refused_after_the_wait(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGN_PIPE_WAIT", "0.2")
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"article.txt: is a pipe nothing was written to in 0.2 s"):
        read_text(fifo)


@pytest.mark.parametrize("value", ["soon", "inf", "-1", "nan"])
def test_a_wait_or_a_limit_that_is_not_a_number_of_0_or_more_is_one_clear_error(tmp_path, monkeypatch, value):
    from align.errors import AlignError
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    monkeypatch.setenv("ALIGN_PIPE_WAIT", value)  # a negative wait would wait for ever
    with pytest.raises(AlignError, match=f"ALIGN_PIPE_WAIT='{value}': give a number, 0 or more"):
        read_text(fifo)
    monkeypatch.setenv("ALIGN_MAX_INPUT_MB", value)
    with pytest.raises(AlignError, match="ALIGN_MAX_INPUT_MB="):
        read_text(fifo)
