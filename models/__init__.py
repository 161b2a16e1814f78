"""Data files the tool ships: the encoder registry and the page-debris patterns.

Installed as the package ``align.models``; read with ``importlib.resources``.
"""
