"""The sentence-transformers backend (LaBSE, multilingual-e5, bge-m3, ...), imported lazily.

Importing this module does not import torch; constructing an encoder does.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from ..errors import ModelError
from .base import compute_threads, normalise


class SentenceTransformerEncoder:
    """Any sentence-transformers model, by hub name (from the local cache) or by path.

    Set ``ALIGN_ALLOW_DOWNLOAD=1`` to let a model missing from the cache be downloaded.
    """

    def __init__(self, name_or_path: str, prefix: str = "", max_seq_length: int | None = None,
                 batch_size: int = 64, threads: int | None = None):
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise ModelError(
                f"model {name_or_path!r} needs the sentence-transformers backend: "
                "pip install 'align-ko-en[st]'") from err
        torch.set_num_threads(threads or compute_threads())
        self.name = name_or_path
        self.prefix = prefix
        self.batch_size = batch_size
        try:
            # A missing model should fail at once, not after minutes of network retries:
            # downloads happen only when the user asks for them.
            self._model = SentenceTransformer(
                name_or_path, device="cpu",
                local_files_only=os.environ.get("ALIGN_ALLOW_DOWNLOAD") != "1")
        except Exception as err:  # hub errors come in many types; the message is what matters
            raise ModelError(f"cannot load sentence-transformers model {name_or_path!r}: "
                               f"{str(err).splitlines()[0] if str(err) else type(err).__name__}") from err
        if max_seq_length:
            self._model.max_seq_length = max_seq_length

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode([self.prefix + t for t in texts], batch_size=self.batch_size,
                                     convert_to_numpy=True, normalize_embeddings=True,
                                     show_progress_bar=False)
        return normalise(vectors)
