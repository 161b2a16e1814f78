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

from .edits import EditError
from .exports import EXPORT_FORMATS, export
from .project import Project, project_path_for
from .server import ReviewServer, serve


def open_review(*paths: str | os.PathLike, model=None, split: str = "auto") -> Project:
    """``open_review(PROJECT)`` opens a review project; ``open_review(KO, EN)`` resumes the project
    next to KO (refused if it was made from other files), or aligns the pair and starts one."""
    if len(paths) == 1:
        return Project.open(paths[0])
    ko_path, en_path = paths
    path = project_path_for(ko_path)
    if path.exists():
        project = Project.open(path)
        project.check_inputs(ko_path, en_path)
        return project
    from align import align_files
    return Project.create(align_files(ko_path, en_path, model=model, split=split), ko_path, en_path, path)


__all__ = ["EXPORT_FORMATS", "EditError", "Project", "ReviewServer", "export", "open_review",
           "project_path_for", "serve"]
