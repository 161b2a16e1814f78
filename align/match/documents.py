"""The documents of one side: which files a folder holds, read and cut into sentences."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..language import detect_language
from ..textio import read_text
from ..types import Sentence
from .result import Unmatched


@dataclass(frozen=True)
class Document:
    """One article: its file, its text and the sentences the matcher compares."""

    path: str
    text: str
    sentences: tuple[Sentence, ...]


def list_documents(folder: str | os.PathLike) -> list[str]:
    """The article files of ``folder`` (regular, not hidden), sorted by name; an error when there are none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "no such folder")
    paths = sorted(str(p) for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not paths:
        raise InputError(folder, "holds no documents (files that are not hidden)")
    return paths


def not_read(folder: str | os.PathLike, side: str) -> list[Unmatched]:
    """What else ``folder`` holds (hidden names aside), each with why it is not read: a FIFO, device or
    broken link is not a regular file; the files of a subfolder are not searched."""
    out = []
    for p in sorted(Path(folder).iterdir()):
        if p.name.startswith(".") or p.is_file():
            continue
        if not p.is_dir() or p.is_symlink():
            out.append(Unmatched(str(p), side, "not a regular file"))
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out += [Unmatched(os.path.join(root, f), side, "in a subfolder: not read")
                    for f in sorted(files) if not f.startswith(".")]
    return out


_WRONG_SCRIPT = {"ko": "not Korean text (too few Hangul letters)", "en": "not English text (Hangul, or no Latin letters)"}


def read_documents(paths: list[str], side: str) -> tuple[list[Document], list[Unmatched]]:
    """Read and segment each file of ``side`` (``"ko"`` or ``"en"``); one that cannot be read (empty,
    binary, too large, gone), is not in the side's script, or repeats the text of a file before it
    by name is left unmatched with the reason, instead of stopping a crawl of thousands."""
    from ..pipeline import sentences_of  # the segments `align pair` will align

    docs, bad = [], []
    for path in paths:
        try:
            text = read_text(path)
        except InputError as err:
            bad.append(Unmatched(path, side, f"unreadable: {err.problem}"))
            continue
        if detect_language(text) != side:  # an English page in the Korean crawl would match its own copy
            bad.append(Unmatched(path, side, _WRONG_SCRIPT[side]))
            continue
        docs.append(Document(path, text, tuple(sentences_of(text))))
    # a file saved twice would make both copies ambiguous: the first by name stands for them all
    first: dict[str, str] = {}
    for doc in sorted(docs, key=lambda d: d.path):
        first.setdefault(doc.text, doc.path)
    bad += [Unmatched(d.path, side, f"duplicate of {first[d.text]}") for d in docs if first[d.text] != d.path]
    return [d for d in docs if first[d.text] == d.path], bad
