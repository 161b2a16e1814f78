"""align review: correct an alignment in the browser, keep the work, export the result.

>>> project = open_review("ko.txt", "en.txt")      # aligns, or resumes ko.review.jsonl
>>> project.edit("merge", i=3)                       # every edit logged and saved at once
>>> export(project, "tmx", "memory.tmx")
>>> serve(project)                                    # the editor on 127.0.0.1, with a token

The library :mod:`align` never imports this package; ``align review`` and
``align export`` do, when they run.
"""

from __future__ import annotations

import os
from pathlib import Path

from .edits import EditError
from .exports import EXPORT_FORMATS, export
from .lock import ProjectLock
from .project import Project, project_path_for
from .server import ReviewServer, serve


def open_review(*paths: str | os.PathLike, model=None, split: str = "auto") -> Project:
    """``open_review(PROJECT)`` opens a review project; ``open_review(KO, EN)`` resumes the project
    next to KO (refused if it was made from other files), or aligns the pair and starts one.
    The project is held against a second editor (refused at once) until ``project.release()``
    or the end of :func:`serve`."""
    path = Path(paths[0]) if len(paths) == 1 else project_path_for(paths[0])
    lock = ProjectLock(path).acquire()  # before reading: a second opening must not replay or save anything
    try:
        project = _open_or_create(path, paths, model, split)
    except BaseException:
        lock.release()
        raise
    project.held = lock
    return project


def _open_or_create(path: Path, paths, model, split: str) -> Project:
    if len(paths) == 1:
        return Project.open(path)
    ko_path, en_path = paths
    if path.exists():
        project = Project.open(path)
        project.check_inputs(ko_path, en_path)
        return project
    from align import align_files
    return Project.create(align_files(ko_path, en_path, model=model, split=split), ko_path, en_path, path)


__all__ = ["EXPORT_FORMATS", "EditError", "Project", "ReviewServer", "export", "open_review",
           "project_path_for", "serve"]
