"""The review project: the state written atomically after every edit, and the edit log.

``KO.review.jsonl`` (next to the inputs) holds a header line — the format, the inputs'
paths and sha256, the model's signature and settings, the decoded input texts and each
sentence's span, the edited sentence texts, and the number of edits made — then one bead
per line in the shape ``align pair -f jsonl`` writes (``verified`` says what a person checked).
``KO.review.log.jsonl`` gets one line per edit (see :mod:`align_review.editlog`), appended
and fsynced before the edit is acknowledged. Opening a project replays the log lines
the project file has not caught up with, so a crash loses at most the edit in flight.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import replace
from pathlib import Path

from align.errors import InputError, OutputError
from align.types import SIDE_NAMES, Alignment, Sentence
from align.write.atomic import write_atomic
from align.write.jsonl import bead_record, json_line

from .editlog import append_entry, bead_from, change_from, entry_of, log_path_for, read_entries
from .edits import OPERATIONS, ArgumentError, Change, EditError, Review, apply, check_arguments, invariant_problem
from .lock import ProjectLock

FORMAT = "align-review/1"


def project_path_for(ko_path: str | os.PathLike) -> Path:
    """Where the project of a Korean input lives: ``knpa.ko.txt`` -> ``knpa.ko.review.jsonl``."""
    return Path(ko_path).with_suffix(".review.jsonl")


def sha256_of(path: str | os.PathLike) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as err:
        raise InputError(path, f"cannot be read ({err.strerror or err})") from None


class Project:
    """An open review: its state, its files, and the edits that can be undone and redone."""

    def __init__(self, path: Path, header: dict, review: Review, log: list[dict]):
        self.path, self.log_path = Path(path), log_path_for(path)
        self.header, self.review = header, review
        self._lock = threading.Lock()
        self.held: ProjectLock | None = None  # the lock against a second editor, while a server or open_review holds it
        self.problems: list[str] = []  # what a read-only opening found broken in the links to its inputs and log
        self._done: list[tuple[int, Change]] = []  # the edits an undo would revert, last on top
        self._undone: list[tuple[int, Change]] = []  # (the undo, the edit it reverted) a redo makes again
        for entry in log:
            self._remember(entry)

    @property
    def version(self) -> int:
        """How many edits (undos included) have been made: a client names it to edit the state it saw."""
        return self.header["edits"]

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    # --- creating and opening --------------------------------------------------------------------

    @classmethod
    def create(cls, alignment: Alignment, ko_path, en_path, path=None) -> Project:
        """A new project for ``alignment`` of the files ``ko_path`` and ``en_path``, written at ``path``
        (default :func:`project_path_for`). An existing project or log is never overwritten."""
        path = Path(path) if path else project_path_for(ko_path)
        for existing in (path, log_path_for(path)):
            if existing.exists():
                raise OutputError(existing, "already exists: open it with `align review PROJECT`, or move it away")
        header = {"format": FORMAT, "document": alignment.name,
                  "inputs": {side: {"path": os.path.relpath(os.path.abspath(p), os.path.abspath(path.parent)),
                                    "sha256": sha256_of(p)} for side, p in (("ko", ko_path), ("en", en_path))},
                  "signature": alignment.signature, "settings": alignment.settings, "doc_score": alignment.doc_score,
                  "ko_text": alignment.ko_text, "en_text": alignment.en_text,
                  "ko": [[s.start, s.end, s.paragraph] for s in alignment.ko],
                  "en": [[s.start, s.end, s.paragraph] for s in alignment.en],
                  "edited": {"ko": {}, "en": {}}, "edits": 0}
        review = Review(tuple(alignment.ko), tuple(alignment.en), tuple(s.text for s in alignment.ko),
                        tuple(s.text for s in alignment.en), tuple(alignment.beads), alignment.en_text)
        problem = invariant_problem(review)
        if problem:
            raise InputError(path, f"the alignment cannot be reviewed: {problem}")
        project = cls(path, header, review, [])
        project._save()
        return project

    @classmethod
    def open(cls, path, read_only: bool = False) -> Project:
        """The project at ``path`` with every logged edit it has not caught up with (a crash) made again.
        ``read_only`` (an export, maybe beside a running server) writes nothing, repairs no log, and
        notes in :attr:`problems` what is wrong with the inputs or the log instead of refusing a bad log."""
        path = Path(path)
        header, review = _read_project(path)
        problems = []
        if read_only:
            log, problems = _read_log_as_is(path, header)
            problems = _input_problems(path, header) + problems
        else:
            log = read_entries(log_path_for(path))
        project = cls(path, header, review, [e for e in log if e["seq"] <= header["edits"]])
        behind = [e for e in log if e["seq"] > header["edits"]]
        for entry in behind:
            if entry["seq"] != project.version + 1:
                raise InputError(project.log_path, f"edit {entry['seq']} follows edit {project.version}: "
                                                   "the log does not belong to this project")
            try:
                project.review = apply(project.review, change_from(entry))
            except EditError as err:
                raise InputError(project.log_path, f"edit {entry['seq']} does not apply: {err}") from None
            project.header["edits"] = entry["seq"]
            project._remember(entry)
        project.problems = problems
        if behind and not read_only:
            project._save()
        return project

    @property
    def warning(self) -> str | None:
        """:attr:`problems` as one line, or ``None``."""
        if not self.problems:
            return None
        return f"{self.path}: {'; '.join(self.problems)} (the project file itself is whole)"

    def hold(self) -> None:
        """Lock the project against a second editor (:class:`~align_review.lock.ProjectLock`)."""
        if self.held is None:
            self.held = ProjectLock(self.path).acquire()

    def release(self) -> None:
        if self.held is not None:
            self.held.release()
            self.held = None

    def check_inputs(self, ko_path, en_path) -> None:
        """Refuse inputs that are not the files this project was made from."""
        for side, p in (("ko", ko_path), ("en", en_path)):
            if sha256_of(p) != self.header["inputs"][side]["sha256"]:
                raise InputError(p, f"is not the file the review {self.path} was made from (its sha256 differs): "
                                    "move the project away to start a new review")

    # --- editing ---------------------------------------------------------------------------------

    def edit(self, op: str, version: int | None = None, /, **args) -> Change:
        """Make the edit ``op`` (a name of :data:`~align_review.edits.OPERATIONS`) with ``args``, log it
        and save the state; ``version``, when given, must be the state's (else :class:`EditError`).
        Both are positional only, so an ``args`` named ``version`` or ``op`` is refused as the edit's
        unknown argument (:class:`~align_review.edits.ArgumentError`), not taken for them."""
        check_arguments(op, args)
        with self._lock:
            self._check_version(version)
            return self._commit(OPERATIONS[op](self.review, **args))

    def undo(self, version: int | None = None) -> Change:
        """Revert the last edit not yet undone."""
        with self._lock:
            self._check_version(version)
            if not self._done:
                raise EditError("there is no edit to undo")
            seq, change = self._done[-1]
            return self._commit(change.inverse(), undoes=seq)

    def redo(self, version: int | None = None) -> Change:
        """Make again the last edit undone, if no other edit was made since."""
        with self._lock:
            self._check_version(version)
            if not self._undone:
                raise EditError("there is no undone edit to redo")
            seq, change = self._undone[-1]
            return self._commit(change, redoes=seq)

    def _check_version(self, version):
        if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
            raise ArgumentError(f"the version must be a whole number, not {version!r}")
        if version is not None and version != self.version:
            raise EditError(f"the page shows edit {version}, the project is at edit {self.version} (reload the page)")

    def _commit(self, change: Change, undoes: int | None = None, redoes: int | None = None) -> Change:
        new = apply(self.review, change)
        seq = self.version + 1
        entry = entry_of(seq, change, undoes, redoes)
        append_entry(self.log_path, entry)  # the edit is durable from here on: a crash after it is replayed at open
        self.review, self.header["edits"] = new, seq
        self._remember(entry)
        self._save()
        return change

    def _remember(self, entry: dict) -> None:
        """Keep the undo and redo stacks as the log entry ``entry`` leaves them."""
        undoes, redoes = entry["undoes"], entry.get("redoes")  # logs from before redo have no "redoes"
        if undoes is not None:
            if self._done and self._done[-1][0] == undoes:
                self._undone.append((entry["seq"], self._done.pop()[1]))
        elif redoes is not None:
            if self._undone and self._undone[-1][0] == redoes:
                self._done.append((entry["seq"], self._undone.pop()[1]))
        else:
            self._done.append((entry["seq"], change_from(entry)))
            self._undone.clear()  # a new edit ends what could be redone

    # --- files -----------------------------------------------------------------------------------

    def _save(self) -> None:
        edited = {side: {str(i): t for i, (s, t) in enumerate(zip(getattr(self.review, side), self.review.now(side)))
                         if t != s.text} for side in ("ko", "en")}
        self.header["edited"] = edited
        alignment = self.alignment()
        write_atomic(self.path, json_line(self.header) + "".join(json_line(bead_record(alignment, b))
                                                                  for b in self.review.beads))

    def alignment(self) -> Alignment:
        """The reviewed alignment: sentences with their current text, beads as corrected; its signature
        says how many edits were made and how many beads a person verified."""
        h, r = self.header, self.review
        verified = sum(b.verified for b in r.beads)
        return Alignment(h["ko_text"], h["en_text"], [replace(s, text=t) for s, t in zip(r.ko, r.ko_now)],
                         [replace(s, text=t) for s, t in zip(r.en, r.en_now)], list(r.beads), h["doc_score"],
                         f"{h['signature']}|review:edits={h['edits']},verified={verified}", h["settings"],
                         h["document"])


# --- reading -----------------------------------------------------------------------------------------

def _read_project(path: Path) -> tuple[dict, Review]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, f"cannot be read ({getattr(err, 'strerror', None) or err})") from None
    try:
        header = json.loads(lines[0]) if lines else {}
    except ValueError:
        header = {}
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InputError(path, f"is not a review project (its first line is not an {FORMAT} header)")
    n = 1
    try:
        ko_text, en_text = str(header["ko_text"]), str(header["en_text"])
        ko, en = _sentences(header["ko"], ko_text), _sentences(header["en"], en_text)
        now = {side: [s.text for s in sents] for side, sents in (("ko", ko), ("en", en))}
        for side in ("ko", "en"):
            for i, text in header["edited"][side].items():
                now[side][int(i)] = str(text)
        header["settings"] = {k: tuple(v) if isinstance(v, list) else v for k, v in header["settings"].items()}
        int(header["edits"])
        beads = []
        for n, line in enumerate(lines[1:], start=2):
            rec = json.loads(line)
            bead = bead_from(rec)
            for side in ("ko", "en"):
                if rec[f"{side}_text"] != " ".join(now[side][i] for i in getattr(bead, side)):
                    raise ValueError(f"its {side}_text is not the text of its sentences")
            beads.append(bead)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as err:
        raise InputError(path, f"line {n}: not a valid review record ({err})") from None
    review = Review(tuple(ko), tuple(en), tuple(now["ko"]), tuple(now["en"]), tuple(beads), en_text)
    problem = invariant_problem(review)
    if problem:
        raise InputError(path, f"is not a whole alignment: {problem}")
    return header, review


def _input_problems(path: Path, header: dict) -> list[str]:
    out = []
    for side, name in SIDE_NAMES.items():
        source = path.parent / header["inputs"][side]["path"]
        if not source.exists():
            out.append(f"its {name} input {source} is missing")
        elif sha256_of(source) != header["inputs"][side]["sha256"]:
            out.append(f"its {name} input {source} has changed since the review began (its sha256 differs)")
    return out


def _read_log_as_is(path: Path, header: dict) -> tuple[list[dict], list[str]]:
    """The log's whole entries, untouched (a server may be appending to it), and what is wrong with it."""
    log_path = log_path_for(path)
    try:
        cut = not log_path.read_bytes().endswith(b"\n") if log_path.stat().st_size else False
        log = read_entries(log_path, repair=False)
    except FileNotFoundError:
        return [], [f"its edit log {log_path} is missing: the edits cannot be undone"] if header["edits"] else []
    except InputError as err:
        return [], [f"its edit log is unreadable, the edits cannot be undone ({err})"]
    problems = [f"its edit log {log_path} ends in a line cut short"] if cut else []
    if [e["seq"] for e in log][:header["edits"]] != list(range(1, header["edits"] + 1)):
        problems.append(f"its edit log {log_path} lacks some of the project's {header['edits']} edits: "
                        "they cannot be undone")
    return log, problems


def _sentences(spans: list, text: str) -> list[Sentence]:
    out = []
    for i, (start, end, paragraph) in enumerate(spans):
        if not 0 <= int(start) <= int(end) <= len(text):
            raise ValueError(f"sentence {i} has a span outside its text")
        out.append(Sentence(i, text[int(start):int(end)], int(start), int(end), int(paragraph)))
    return out
