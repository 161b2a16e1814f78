"""Reading input files: decoding, and the checks that turn bad input into one clear error."""

from __future__ import annotations

import codecs
import math
import os
import select
import sys
from pathlib import Path

import regex

from .errors import AlignError, InputError
from .language import hangul_share

# C0 controls other than tab, newline, carriage return, form feed and vertical tab: a scraped
# article may carry a few stray ones (an escape sequence, a bell), a binary file is full of them.
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
BINARY_CONTROL_SHARE = 0.01


# what Windows-1252 adds to ASCII in real English text: letters with accents, quotes, dashes, symbols
_LATIN_EXTRAS = regex.compile(r"[\p{Latin}\u00a0-\u00bf\u00d7\u00f7\u2013-\u2026\u2030\u2039\u203a\u20ac\u2122]+")


def decode_bytes(data: bytes, path: str | os.PathLike = "<bytes>") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, CP949/EUC-KR or Windows-1252.

    Anything else raises :class:`InputError`. Legacy Korean is accepted only
    when the decoded text really is mostly Hangul, since CP949 will decode many
    byte strings of other encodings into nonsense; Windows-1252 only when what it
    adds to ASCII is Latin letters and typographic punctuation.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _check_text(data.decode("utf-16"), path)
        except UnicodeDecodeError:
            raise InputError(path, "has a UTF-16 byte-order mark but is not valid UTF-16") from None
    if b"\x00" in data:
        raise InputError(path, "is a binary file, not text")
    try:
        return _check_text(data.decode("utf-8-sig"), path)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        text = ""
    non_ascii = "".join(c for c in text if ord(c) > 127)
    if non_ascii and hangul_share(non_ascii) >= 0.8:
        return _check_text(text, path)
    # English saved by Windows tools: mostly ASCII, with curly quotes, dashes and accented names
    try:
        latin = data.decode("cp1252")
    except UnicodeDecodeError:
        latin = ""
    extras = "".join(c for c in latin if ord(c) > 127)
    if latin and len(extras) <= 0.1 * len("".join(latin.split())) and _LATIN_EXTRAS.fullmatch(extras):
        return _check_text(latin, path)
    raise InputError(path, "is not text in UTF-8, UTF-16 (with BOM), CP949/EUC-KR or Windows-1252")


def _check_text(text: str, path) -> str:
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(2, BINARY_CONTROL_SHARE * len(sample)):
        raise InputError(path, "is a binary file, not text")
    return text


# Inputs above this many megabytes are refused (an article is a few kilobytes); ALIGN_MAX_INPUT_MB raises it.
DEFAULT_MAX_INPUT_MB = 50


def max_input_bytes() -> int:
    return int(setting("ALIGN_MAX_INPUT_MB", DEFAULT_MAX_INPUT_MB) * 1_000_000)


def setting(name: str, default: float) -> float:
    """A number set in the environment variable ``name`` (``default`` when unset): finite and not negative,
    or :class:`~align.errors.AlignError` in one line (a negative wait would wait for ever)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return float(default)
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not math.isfinite(value) or value < 0:
        raise AlignError(f"{name}={raw!r}: give a number, 0 or more")
    return value


# How long a pipe may stay silent before it is taken for one no process writes to (which would wait forever).
DEFAULT_PIPE_WAIT = 30


def _read_file(p: Path, cap: int) -> bytes:
    with open(p, "rb") as f:
        return f.read(cap + 1)  # never more than the cap


def _read_pipe(p: Path, cap: int) -> bytes:
    """A FIFO or process substitution: opened without waiting for a writer, then read once something comes."""
    wait = setting("ALIGN_PIPE_WAIT", DEFAULT_PIPE_WAIT)
    fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        if not poller.poll(wait * 1000):
            raise InputError(p, f"is a pipe nothing was written to in {wait:g} s (is its writer running? "
                                "ALIGN_PIPE_WAIT sets the wait)")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(cap + 1)
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike) -> str:
    """Read and decode a text file (``-``: standard input); empty or whitespace-only files are errors, and so are files
    larger than ``ALIGN_MAX_INPUT_MB`` (default 50), devices (/dev/zero), and a pipe nothing is written to within
    ``ALIGN_PIPE_WAIT`` seconds (default 30). A pipe that is written to (``<(curl …)``) is read."""
    cap = max_input_bytes()
    if str(path) == "-":
        path, data = "<stdin>", sys.stdin.buffer.read(cap + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(path, "no such file")
        if p.is_dir():
            raise InputError(path, "is a directory, not a file")
        if not p.is_file() and not p.is_fifo():
            raise InputError(path, "is not a regular file or a pipe (a device): give a file, or - for standard input")
        try:
            data = _read_pipe(p, cap) if p.is_fifo() else _read_file(p, cap)
        except OSError as err:
            raise InputError(path, f"cannot be read ({err.strerror or err})") from None
    if len(data) > cap:
        raise InputError(path, f"is larger than {cap / 1e6:g} MB (set ALIGN_MAX_INPUT_MB to raise the limit)")
    text = decode_bytes(data, path)
    if not text.strip():
        raise InputError(path, "is empty")
    return text
