"""The edit log, ``KO.review.log.jsonl``: one JSON line per edit, appended and fsynced before the edit
is acknowledged, so that opening the project can make again what its saved state missed.

An entry holds the edit's number (``seq``), its ``op``, the beads it replaced (``removed``,
at position ``at``) and those it put there (``added``), the sentence texts it changed, and
which edit it ``undoes`` or ``redoes`` (``null`` for a new edit; logs written before redo
existed have no ``redoes``).
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from align.errors import InputError, OutputError
from align.types import Bead, Flag
from align.write.jsonl import json_line

from .edits import Change, TextEdit


def log_path_for(project: str | os.PathLike) -> Path:
    return Path(str(project).removesuffix(".jsonl") + ".log.jsonl")


def entry_of(seq: int, change: Change, undoes: int | None = None, redoes: int | None = None) -> dict:
    return {"seq": seq, "op": change.op, "undoes": undoes, "redoes": redoes, "at": change.at,
            "removed": [bead_fields(b) for b in change.removed], "added": [bead_fields(b) for b in change.added],
            "texts": [[t.side, t.index, t.before, t.after] for t in change.texts],
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def append_entry(path: Path, entry: dict) -> None:
    """``entry`` at the end of the log, on disk (fsynced, and the folder too when the log is new)."""
    new = not path.exists()
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json_line(entry))
            fh.flush()
            os.fsync(fh.fileno())
        if new:  # the new file's name must survive a crash too
            fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    except OSError as err:
        raise OutputError(path, f"cannot be written ({err.strerror or err})") from None


def read_entries(path: Path, repair: bool = True) -> list[dict]:
    """The log's entries. A last line without its newline was cut short by a crash (the edit in flight,
    never acknowledged): it is left out, and (``repair``) cut off the file, so that the next edit starts
    a line of its own."""
    try:
        data = path.read_bytes()
        whole = data.rfind(b"\n") + 1
        if whole < len(data) and repair:
            os.truncate(path, whole)
        lines = data[:whole].decode("utf-8").splitlines()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, f"cannot be read ({getattr(err, 'strerror', None) or err})") from None
    entries = []
    for n, line in enumerate(lines, start=1):
        try:
            entry = json.loads(line)
            change_from(entry)
            if not isinstance(entry["seq"], int) or not all(ref is None or isinstance(ref, int)
                                                             for ref in (entry["undoes"], entry.get("redoes"))):
                raise ValueError("no edit number")
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as err:
            raise InputError(path, f"line {n}: not a valid edit ({err})") from None
        entries.append(entry)
    return entries


def bead_fields(bead: Bead) -> dict:
    return {"kind": bead.kind, "ko": list(bead.ko), "en": list(bead.en), "score": bead.score, "side": bead.side,
            "category": bead.category, "reason": bead.reason,
            "flags": [{"kind": f.kind, "message": f.message} for f in bead.flags], "verified": bead.verified}


def bead_from(rec: dict) -> Bead:
    return Bead(tuple(int(i) for i in rec["ko"]), tuple(int(j) for j in rec["en"]), float(rec["score"]),
                str(rec["kind"]), rec["side"], rec["category"], rec["reason"],
                tuple(Flag(str(f["kind"]), str(f["message"])) for f in rec["flags"]), bool(rec["verified"]))


def change_from(entry: dict) -> Change:
    return Change(str(entry["op"]), int(entry["at"]), tuple(bead_from(b) for b in entry["removed"]),
                  tuple(bead_from(b) for b in entry["added"]),
                  tuple(TextEdit(str(s), int(i), str(b), str(a)) for s, i, b, a in entry["texts"]))
