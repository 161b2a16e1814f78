"""Shared fixtures: the embedded encoder (loaded once) and the sample articles."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_NAMES = ("knpa-undp", "owl-bus")


def read_gold(path: Path) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """A Vecalign-format gold file as a set of (ko indices, en indices)."""
    from align.evaluate import read_beads
    return set(read_beads(path))


@pytest.fixture(scope="session")
def encoder():
    from align.embed import get_encoder
    return get_encoder(None)


@pytest.fixture(scope="session")
def sample_alignments(encoder):
    from align import align_files
    return {name: align_files(SAMPLES / f"{name}.ko.txt", SAMPLES / f"{name}.en.txt", model=encoder)
            for name in SAMPLE_NAMES}
