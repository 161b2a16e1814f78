"""The ``align`` command: a thin layer over the library, one module per kind of work.

``document``: one article pair or file (pair, segment, eval, models); ``corpus``: many pairs
(match, batch); ``review``: the review page (review, export); ``options``: what they share.
"""

from __future__ import annotations

import click

from ..pipeline import __version__
from .corpus import batch, match
from .document import evaluate, models, pair, segment
# (the review command by another name: align.cli.review stays the module)
from .review import export, review as review_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
def main():
    """Align a Korean article with its English version, sentence by sentence."""


for command in (pair, segment, batch, review_command, export, evaluate, match, models):
    main.add_command(command)
