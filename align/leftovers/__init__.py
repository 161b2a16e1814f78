"""Leftover-fragment detection: what has no counterpart, and what it is."""

from .debris import classify_debris, classify_sentences, debris_rules, detach_glued
from .recognise import DebrisCall, recognise

__all__ = ["DebrisCall", "classify_debris", "classify_sentences", "debris_rules", "detach_glued", "recognise"]
