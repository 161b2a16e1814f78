"""The small typed values that flow through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

# The two sides of an alignment, as messages name them.
SIDE_NAMES = {"ko": "Korean", "en": "English"}


@dataclass(frozen=True)
class Sentence:
    """One segment of an input text.

    ``start``/``end`` are character offsets into the decoded input text, so
    ``text == original[start:end]``; ``paragraph`` counts blank-line separated
    blocks from 0.
    """

    index: int
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Flag:
    """An inconsistency found in an aligned pair (``kind`` ``"number"`` or ``"name"``), said in ``message``."""

    kind: str
    message: str


@dataclass(frozen=True)
class Bead:
    """A unit of the alignment: Korean sentence indices paired with English ones.

    ``kind`` is ``"2-1"`` style for pairs (Korean count first) and ``"leftover"``
    for a sentence with no counterpart; a leftover has exactly one side filled,
    names it in ``side`` (``"ko"`` or ``"en"``) and says why in ``category`` and
    ``reason``. ``score`` is the bead's confidence in [0, 1]; ``flags`` are the
    consistency problems found in a pair. ``verified``: a person made, corrected or
    accepted this bead (in ``align review``); every output format says so.
    """

    ko: tuple[int, ...]
    en: tuple[int, ...]
    score: float
    kind: str
    side: str | None = None
    category: str | None = None
    reason: str | None = None
    flags: tuple[Flag, ...] = ()
    verified: bool = False

    @property
    def is_leftover(self) -> bool:
        return self.kind == "leftover"


@dataclass(frozen=True)
class Alignment:
    """The result of aligning one Korean text with its English version."""

    ko_text: str
    en_text: str
    ko: list[Sentence]
    en: list[Sentence]
    beads: list[Bead]
    doc_score: float
    signature: str
    settings: dict = field(default_factory=dict)
    name: str = ""  # the document's name, carried into corpus outputs: the manifest id in a batch,
                    # else the Korean file's name
    meta: dict = field(default_factory=dict)  # a batch manifest's other columns (url, date...), as given

    @property
    def pairs(self) -> list[Bead]:
        return [b for b in self.beads if not b.is_leftover]

    @property
    def leftovers(self) -> list[Bead]:
        return [b for b in self.beads if b.is_leftover]

    def texts(self, bead: Bead) -> tuple[str, str]:
        """The Korean and English text of a bead, sentences joined by a space."""
        return (" ".join(self.ko[i].text for i in bead.ko),
                " ".join(self.en[i].text for i in bead.en))
