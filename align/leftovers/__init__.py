"""Leftover-fragment detection: what has no counterpart, and what it is."""

from .debris import classify_debris, classify_sentences, debris_rules, detach_glued

__all__ = ["classify_debris", "classify_sentences", "debris_rules", "detach_glued"]
