"""align: Korean–English article alignment.

>>> from align import align_texts
>>> result = align_texts(korean_text, english_text)
>>> for bead in result.pairs: print(*result.texts(bead), bead.score)

Pipeline: :mod:`align.segment` → :mod:`align.embed` → :mod:`align.aligner` →
:mod:`align.leftovers` → :mod:`align.write`.
"""

from .aligner import ScoringParams
from .errors import AlignError, InputError
from .pipeline import (NotTranslationError, __version__, align_files, align_sentences, align_texts,
                       sentences_of)
from .segment import segment
from .types import Alignment, Bead, Sentence

__all__ = ["AlignError", "Alignment", "Bead", "InputError", "NotTranslationError", "ScoringParams",
           "Sentence", "__version__", "align_files", "align_sentences", "align_texts", "segment",
           "sentences_of"]
