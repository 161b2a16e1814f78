"""Embedding: sentences (and runs of neighbouring sentences) to normalised vectors."""

from .base import Encoder, embed_runs, encode_unique
from .registry import default_model, get_encoder, registered_models, resolve

__all__ = ["Encoder", "default_model", "embed_runs", "encode_unique", "get_encoder",
           "registered_models", "resolve"]
