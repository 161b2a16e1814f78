"""Embedding: sentences (and runs of neighbouring sentences) to normalised vectors."""

from .base import Encoder, RunCache, embed_runs, embed_runs_many, encode_unique
from .registry import default_model, get_encoder, registered_models, resolve

__all__ = ["Encoder", "RunCache", "default_model", "embed_runs", "embed_runs_many", "encode_unique", "get_encoder",
           "registered_models", "resolve"]
