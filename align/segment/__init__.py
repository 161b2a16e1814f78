"""Segmentation: text in, sentences with exact character spans out."""

from .splitter import segment

__all__ = ["segment"]
