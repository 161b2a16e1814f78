"""Engines that map the per-pair function over the entries still to do: local processes or Ray."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator

from ..embed.base import available_cores
from ..errors import AlignError, ModelError
from .manifest import Entry
from .worker import PairAligner

# Pairs per call: enough to batch embeddings across documents, small enough that a
# kill loses little and the progress bar moves.
CHUNK = 8

_aligner: PairAligner | None = None
_init_error: str | None = None


def _init(model, split, parts_dir, threads, boilerplate, signature):
    # an initialiser that raises makes multiprocessing restart the worker forever (the run hangs):
    # keep the reason, and fail the first chunk with it instead
    global _aligner, _init_error
    try:
        _aligner = PairAligner(model, split, parts_dir, threads, boilerplate, signature)
    except Exception as err:
        _init_error = str(err) if isinstance(err, AlignError) else f"{type(err).__name__}: {err}"


def _run(chunk):
    if _init_error is not None:
        raise ModelError(_init_error)
    return _aligner(chunk)


def chunks(entries: list[Entry], size: int = CHUNK) -> list[list[Entry]]:
    return [entries[i:i + size] for i in range(0, len(entries), size)]


def run_local(entries: list[Entry], model, split, parts_dir, workers: int,
              threads: int | None = None, boilerplate: dict | None = None, signature: str = "") -> Iterator[list]:
    """Yield per-chunk reports as worker processes (each loading the model once) finish them.

    ``threads``: BLAS threads per worker (default: the available cores shared out);
    ``boilerplate``: each source's recurring lines (see :func:`align.batch.boilerplate.find_boilerplate`);
    ``signature``: the run's settings, recorded in every part.
    """
    threads = threads or max(1, available_cores() // workers)
    if workers == 1:
        aligner = PairAligner(model, split, parts_dir, threads, boilerplate, signature)
        for chunk in chunks(entries):
            yield aligner(chunk)
        return
    ctx = mp.get_context("spawn")  # a clean interpreter per worker: no inherited BLAS threads or locks
    initargs = (model, split, parts_dir, threads, boilerplate, signature)
    with ctx.Pool(workers, initializer=_init, initargs=initargs) as pool:
        yield from pool.imap_unordered(_run, chunks(entries))


def run_ray(entries: list[Entry], model, split, parts_dir, workers: int, address: str | None,
            boilerplate: dict | None = None, signature: str = "") -> Iterator[list]:
    """The same per-pair function on Ray actors (one model per actor); parts go to a shared folder."""
    try:
        import ray
    except ImportError as err:
        raise ModelError("--engine ray needs Ray: pip install 'align-ko-en[ray]'") from err
    started = not ray.is_initialized()
    if started:
        ray.init(address=address, ignore_reinit_error=True, log_to_driver=False)
    try:
        remote = ray.remote(num_cpus=1)(PairAligner)
        actors = [remote.remote(model, split, parts_dir, 1, boilerplate, signature) for _ in range(workers)]
        pool = ray.util.ActorPool(actors)
        yield from pool.map_unordered(lambda actor, chunk: actor.__call__.remote(chunk), chunks(entries))
    finally:
        if started:
            ray.shutdown()

