"""The ``align`` command: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from functools import wraps

import click

from . import write
from .errors import AlignError
from .pipeline import __version__


def _one_line_errors(command):
    """Turn the library's errors into one-line messages and exit code 1."""
    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except AlignError as err:
            raise click.ClickException(str(err)) from None
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
def main():
    """Align a Korean article with its English version, sentence by sentence."""


@main.command()
@click.argument("ko_file", type=click.Path(dir_okay=False))
@click.argument("en_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write here (atomically) instead of standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(write.FORMATS), default="tsv",
              show_default=True, help="Output format.")
@click.option("--split", type=click.Choice(["auto", "lines"]), default="auto", show_default=True,
              help="auto: segment into sentences; lines: the files are one sentence per line.")
@click.option("-m", "--model", default=None,
              help="Encoder: a name from `align models`, or a sentence-transformers name or path.")
@_one_line_errors
def pair(ko_file, en_file, output, fmt, split, model):
    """Align KO_FILE (Korean) with EN_FILE (its English version)."""
    from .pipeline import align_files

    result = align_files(ko_file, en_file, model=model, split=split)
    if output:
        write.write(result, output, fmt)
    else:
        click.echo(write.render(result, fmt), nl=False)
    click.echo(f"{len(result.pairs)} pairs, {len(result.leftovers)} leftovers, "
               f"document score {result.doc_score:.2f}\n{result.signature}", err=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True, help="text: one sentence per line; jsonl: with spans and paragraph.")
@_one_line_errors
def segment(file, fmt):
    """Split FILE into sentences."""
    from .segment import segment as split_sentences
    from .textio import read_text

    for s in split_sentences(read_text(file)):
        if fmt == "text":
            click.echo(" ".join(s.text.split()))
        else:
            click.echo(json.dumps({"index": s.index, "text": s.text, "start": s.start, "end": s.end,
                                   "paragraph": s.paragraph}, ensure_ascii=False))


@main.command()
def models():
    """List the encoders align knows and which is the default."""
    from .embed.registry import default_model, is_available, registered_models

    default = default_model()
    for spec in registered_models():
        ok, why = is_available(spec)
        mark = "*" if spec.name == default else " "
        click.echo(f"{mark} {spec.name:<60} {'available' if ok else 'unavailable'} ({why})")
        click.echo(f"    {spec.description}; aliases: {', '.join(spec.aliases) or '-'}")
    click.echo("* default. Any other sentence-transformers name or local path works with --model.")


if __name__ == "__main__":
    sys.exit(main())
