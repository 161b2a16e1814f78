"""Results committed one pair at a time, so a killed run resumes where it stopped.

Each pair's result is one file under ``parts/``, written whole (temporary file,
then rename) the moment the pair is done. A pair with a file is done; a pair
without one is (re)done. The corpus is assembled from the parts at the end, in
manifest order, so an interrupted and resumed run ends with the same corpus as
an uninterrupted one.
"""

from __future__ import annotations

import os
import pickle
import re
import zlib
from pathlib import Path

from ..write.atomic import write_atomic


class PartStore:
    def __init__(self, directory: str | os.PathLike):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)

    def path(self, entry_id: str) -> Path:
        safe = re.sub(r"[^\w.-]+", "_", entry_id)[:80]
        return self.dir / f"{safe}-{zlib.crc32(entry_id.encode('utf-8')):08x}.pkl"

    def done(self, entry_id: str) -> bool:
        return self.path(entry_id).exists()

    def commit(self, result) -> None:
        write_atomic(self.path(result.entry.id), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def load(self, entry_id: str):
        with open(self.path(entry_id), "rb") as fh:
            return pickle.load(fh)
