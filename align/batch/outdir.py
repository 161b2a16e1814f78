"""Which folder a batch may write to: one that loses nothing of the user's and reads nothing of its own.

The rule, checked before any work: ``-o`` must be a new folder, an empty one (hidden files
aside), or one a previous ``align batch`` wrote (it holds ``parts/`` or a ``summary.json`` of
ours), so a resumed run works and a folder of the user's own files (a README.md, a
summary.json) is never overwritten. It must not be, or be inside, a folder the run reads
(KO_DIR, EN_DIR), nor be the folder of the manifest or of any file it lists.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError


def input_overlap(out_dir: str | os.PathLike, read_folders: Iterable[str | os.PathLike] = (),
                  files: Iterable[str | os.PathLike] = ()) -> str | None:
    """Why ``out_dir`` would overwrite an input or be read as one, or ``None``: it is, or is inside,
    one of ``read_folders``, or it is the folder of one of ``files`` (the manifest, the entries' files)."""
    out = Path(os.path.realpath(out_dir))
    for folder in read_folders:
        real = Path(os.path.realpath(folder))
        if out == real or real in out.parents:
            return f"is {'' if out == real else 'inside '}the input folder {folder}"
    for path in files:
        if Path(os.path.realpath(path)).parent == out:
            return f"is the folder of the input file {path}"
    return None


def check_output_folder(out_dir: str | os.PathLike) -> Path:
    """``out_dir`` as an absolute path, if a batch may write there (see the module's rule); else an
    :class:`~align.errors.OutputError` naming it. Nothing is created."""
    out = Path(os.path.abspath(out_dir))  # ``new/../out`` must not create ``new``
    existing = next(p for p in (out, *out.parents) if os.path.lexists(p))
    if not existing.is_dir():
        where = "it is" if existing == out else f"{existing} is"
        raise OutputError(out_dir, f"cannot be written ({where} not a folder)")
    if not os.access(existing, os.W_OK | os.X_OK):
        where = "" if existing == out else f" in {existing}"
        raise OutputError(out_dir, f"cannot be written (permission denied{where})")
    if existing != out:
        return out
    if any(not p.name.startswith(".") for p in out.iterdir()) and not _ours(out):
        raise OutputError(out_dir, "holds files that no `align batch` wrote: give a new or empty folder, "
                                   "so that nothing is overwritten")
    return out


def _ours(out: Path) -> bool:
    """Whether a previous batch wrote ``out``: its parts, or a summary of the shape it writes."""
    if (out / "parts").is_dir():
        return True
    try:
        summary = json.loads((out / "summary.json").read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(summary, dict) and {"signature", "corpus", "pairs"} <= summary.keys()
