"""The per-pair function every engine maps over a manifest: read, check, align, commit."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..aligner import MAX_RUN
from ..embed import RunCache, get_encoder
from ..embed.registry import resolve
from ..errors import AlignError
from ..pipeline import align_sentences, check_translation, read_pair, run_settings, segment_pair, signature_of
from ..types import Alignment
from .boilerplate import Sides, source_of
from .manifest import Entry
from .store import PartStore


def settings_signature(model: str | None, split: str, boilerplate: bool) -> str:
    """What a run's parts are made with: the version, :func:`~align.pipeline.run_settings` and whether
    cross-document boilerplate is used (each document's own calibration is in its part)."""
    return signature_of({**run_settings(resolve(model).name, split), "boilerplate": "on" if boilerplate else "off"})


@dataclass(frozen=True)
class PairResult:
    """What became of one entry: an alignment, or the one-line reason it failed."""

    entry: Entry
    alignment: Alignment | None = None
    error: str | None = None


class PairAligner:
    """Holds the model (loaded once per worker) and aligns chunks of entries, committing each result."""

    def __init__(self, model: str | None, split: str, parts_dir: str, threads: int | None = None,
                 boilerplate: dict[str, Sides] | None = None, signature: str = ""):
        if threads:
            # every numpy product in this worker, not just the encoder's: workers must not oversubscribe
            from threadpoolctl import threadpool_limits
            self._limits = threadpool_limits(threads)
        self.encoder = get_encoder(model, threads)
        self.split = split
        self.store = PartStore(parts_dir, signature)
        self.boilerplate = boilerplate or {}

    def __call__(self, entries: list[Entry]) -> list[tuple[str, bool]]:
        """Align and commit ``entries``; returns (id, failed) for progress reports.

        Embeddings are computed for the whole chunk in one batch across documents.
        """
        texts, segmented, failed = {}, {}, {}
        for e in entries:
            try:
                texts[e.id] = read_pair(e.ko, e.en)  # a FIFO no one writes to is refused, not waited on
                segmented[e.id] = segment_pair(*texts[e.id], self.split, (e.ko, e.en))
            except AlignError as err:
                failed[e.id] = str(err)
        cache = RunCache(self.encoder)
        cache.prefill([[s.text for s in side] for pair in segmented.values() for side in pair], MAX_RUN)
        report = []
        for e in entries:
            if e.id in failed:
                result = PairResult(e, error=failed[e.id])
            else:
                result = self._align(e, texts[e.id], segmented[e.id], cache)
            self.store.commit(result)
            report.append((e.id, result.error is not None))
        return report

    def _align(self, entry: Entry, texts: tuple[str, str], sentences, cache: RunCache) -> PairResult:
        try:
            boilerplate = self.boilerplate.get(source_of(entry), (frozenset(), frozenset()))
            alignment = align_sentences(*texts, *sentences, model=cache, split=self.split, boilerplate=boilerplate)
            # named by its manifest id: two articles both called article.ko.txt stay apart
            return PairResult(entry, replace(check_translation(alignment, entry.ko, entry.en), name=entry.id))
        except AlignError as err:
            return PairResult(entry, error=str(err))
        except Exception as err:  # one bad pair must not stop a run of thousands; it is recorded
            return PairResult(entry, error=f"{entry.ko}: {type(err).__name__}: {err}")
