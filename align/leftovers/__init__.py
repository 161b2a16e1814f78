"""Leftover-fragment detection: what has no counterpart, and what it is."""

from .debris import classify_debris, debris_rules

__all__ = ["classify_debris", "debris_rules"]
