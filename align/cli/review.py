"""Commands over the review page (package ``align_review``): ``review`` and ``export``."""

from __future__ import annotations

import click

from .options import one_line_errors, tmx_only


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--no-browser", is_flag=True, help="Only print the URL (headless use, tests).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--split", type=click.Choice(["auto", "lines"]), default="auto", show_default=True)
@click.option("-m", "--model", default=None, help="Encoder, as for `align pair`.")
@one_line_errors
def review(files, no_browser, port, split, model):
    """Correct an alignment in the browser: KO_FILE EN_FILE (aligned, or the review of them resumed)
    or PROJECT (a KO_FILE.review.jsonl). Every edit is saved at once."""
    if len(files) > 2:
        raise click.UsageError("give KO_FILE EN_FILE, or a review PROJECT")
    from align_review import open_review, serve
    serve(open_review(*files, model=model, split=split), port=port, open_browser=not no_browser, echo=click.echo)


@click.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(["tmx", "tsv", "jsonl", "moses", "hf", "parquet"]),
              default="tmx", show_default=True,
              help="tmx, hf, parquet, moses: pairs only (leftovers to OUTPUT.leftovers.jsonl).")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Write here; for moses, a name prefix (default: next to the project).")
@click.option("--tmx-units", type=click.Choice(["pair", "sentence"]), default=None,
              help="TMX: pair (default) or sentence, as for `align pair` (sentence: for a CAT tool's lookups).")
@one_line_errors
def export(project, fmt, output, tmx_units):
    """Write the corrected alignment of a review PROJECT; human-verified beads say so."""
    from align_review import Project, export as export_review
    tmx_only(fmt, tmx_units)
    if output == "-":
        raise click.UsageError("-o - : export writes files (the leftovers beside them), give a file name")
    options = {"units": tmx_units} if tmx_units else {}
    reviewed = Project.open(project, read_only=True)  # read-only: a server may hold the project
    if reviewed.warning:
        click.echo(f"warning: {reviewed.warning}", err=True)
    click.echo(f"wrote {', '.join(export_review(reviewed, fmt, output, **options))}", err=True)
