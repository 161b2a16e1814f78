"""Commands for many article pairs: ``match`` (which articles pair up) and ``batch`` (align them all)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from .. import write
from ..match import DEFAULT_THRESHOLD as DEFAULT_MATCH_THRESHOLD
from .options import SCORE, Number, language_tag, one_line_errors


@click.command()
@click.argument("source", type=click.Path(exists=True))
@click.argument("en_dir", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output folder (corpus, leftovers.jsonl, errors.jsonl, summary.json, parts/).")
@click.option("-f", "--format", "fmt", type=click.Choice(["jsonl", "tsv", "tmx", "hf", "moses", "parquet"]),
              default="jsonl", show_default=True, help="Corpus format (pairs only).")
@click.option("--carry", default="all", show_default=True, metavar="COLUMNS",
              help="Manifest columns every row and leftover carries (comma-separated), all, or none.")
@click.option("--header", is_flag=True, help="TSV: a first line naming the columns.")
@click.option("-w", "--workers", type=click.IntRange(1), default=None,
              help="Worker processes (default: the cores available), each loading the model once.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", default=None, help="Ray cluster address (default: start a local one).")
@click.option("--shard", "shard_spec", default=None, metavar="I/N", help="Only every N-th pair, from the I-th.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N pairs (a trial run).")
@click.option("--split", type=click.Choice(["auto", "lines"]), default="auto", show_default=True)
@click.option("-m", "--model", default=None, help="Encoder, as for `align pair`.")
@click.option("--min-score", type=SCORE, default=None, help="Keep out pairs scoring below this.")
@click.option("--max-length-sd", type=Number(0), default=3.0, show_default=True,
              help="Keep out pairs whose length ratio strays more standard deviations than this.")
@click.option("--no-script-check", is_flag=True, help="Keep pairs whose sides are not Hangul / Latin text.")
@click.option("--keep-duplicates", is_flag=True, help="Keep exact repeats of a pair.")
@click.option("--boilerplate/--no-boilerplate", default=True, show_default=True,
              help="Lines recurring across a source's documents (manifest column `source`, else the run) are debris.")
@click.option("--ko-lang", default="ko-KR", show_default=True, callback=language_tag,
              help="Korean language tag (TMX).")
@click.option("--en-lang", default="en-US", show_default=True, callback=language_tag,
              help="English language tag (TMX).")
@click.option("--allow-failures", default="0%", show_default=True, metavar="N%",
              help="Exit 0 while at most this share of the pairs failed (they are in errors.jsonl either way).")
@click.option("--progress/--no-progress", default=None, help="A progress bar on stderr (default: on a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("-v", "--verbose", is_flag=True, help="Also list each failed pair and why.")
@one_line_errors
def batch(source, en_dir, out_dir, fmt, carry, header, workers, engine, address, shard_spec, limit, split, model,
          min_score, max_length_sd, no_script_check, keep_duplicates, boilerplate, ko_lang, en_lang, allow_failures,
          progress, quiet, verbose):
    """Align many article pairs: SOURCE is a manifest (TSV or JSONL: id, ko, en, ...), or a
    folder of Korean files paired by name with the files of EN_DIR.

    Killed or crashed, the same command resumes where it stopped."""
    from ..batch import (QualityFilters, input_overlap, manifest_columns, pair_directories,
                        read_manifest, run_batch, shard)
    from ..write.text import visible

    allowed = _share(allow_failures)
    entries = pair_directories(source, en_dir) if en_dir else read_manifest(source)
    overlap = input_overlap(out_dir, [source, en_dir] if en_dir else [],
                            [] if en_dir else [source, *(path for e in entries for path in (e.ko, e.en))])
    if overlap:  # README.md, summary.json... would overwrite an input, or be read as one next time
        raise click.UsageError(f"-o {out_dir} {overlap}: write it elsewhere")
    try:
        entries = shard(entries, shard_spec)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--shard") from None
    if fmt == "parquet":
        from ..write.parquet import require_pyarrow
        require_pyarrow()
    filters = QualityFilters(min_score, max_length_sd, not no_script_check, not keep_duplicates)
    summary = run_batch(entries, out_dir, fmt, model, split, workers, engine, address,
                        filters, limit, progress=False if quiet else progress, boilerplate=boilerplate,
                        ko_lang=ko_lang, en_lang=en_lang, carry=_columns(carry, manifest_columns(entries)),
                        header=header)
    if verbose:
        for line in (Path(out_dir) / "errors.jsonl").read_text("utf-8").splitlines():
            failure = json.loads(line)
            click.echo(visible(f"failed: {failure['id']}: {failure['error']}"), err=True)
    if not quiet:
        click.echo(f"{summary['done']} pairs aligned, {summary['failed']} failed, "
                   f"{summary['corpus']['pairs']} sentence pairs in {out_dir}/{summary['corpus']['file']}; "
                   f"{summary['run']['pairs_per_second'] or 0} pairs/s", err=True)
    if summary["failed"] > allowed * summary["pairs"]:
        # a scheduler must see it; the summary and the corpus of what worked are written all the same
        raise click.ClickException(f"{summary['failed']} of {summary['pairs']} pairs failed, more than "
                                   f"--allow-failures {allow_failures} (see {out_dir}/errors.jsonl)")


def _columns(value: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """``--carry``: all, none, or manifest columns by name (one it lacks is a usage error)."""
    if value == "all":
        return columns
    chosen = () if value == "none" else tuple(c.strip() for c in value.split(",") if c.strip())
    missing = [c for c in chosen if c not in columns]
    if missing:
        raise click.BadParameter(f"the manifest has no column {missing[0]!r} (it has: {', '.join(columns) or 'none'})",
                                 param_hint="--carry")
    return chosen


def _share(value: str) -> float:
    """``"5%"`` (or ``"0.05"``) as a share in [0, 1]; anything else is a usage error."""
    try:
        share = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        share = -1.0
    if not 0 <= share <= 1:
        raise click.BadParameter(f"{value!r}: want a share such as 5% or 0.05", param_hint="--allow-failures")
    return share


@click.command()
@click.argument("ko_dir", type=click.Path(file_okay=False))
@click.argument("en_dir", type=click.Path(file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Manifest to write (TSV: id, ko, en, score, evidence); the documents left unmatched, with "
                   "the reason, go to OUTPUT's name + .unmatched.tsv.")
@click.option("--threshold", type=SCORE, default=DEFAULT_MATCH_THRESHOLD, show_default=True,
              help="Least score of a pair (share of both articles' sentences that find their translation).")
@click.option("-m", "--model", default=None, help="Encoder, as for `align pair`.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@one_line_errors
def match(ko_dir, en_dir, output, threshold, model, quiet):
    """Pair the Korean articles of KO_DIR with their English editions in EN_DIR, one to one, and write
    the manifest `align batch` reads."""
    from ..match import manifest_files, match_directories
    from ..match.manifest import unmatched_path

    for folder in (ko_dir, en_dir):
        if os.path.realpath(Path(output).absolute().parent) == os.path.realpath(folder):
            # it could overwrite an article, and would be read as one on the next run
            raise click.UsageError(f"-o {output} is inside the input folder {folder}: write it elsewhere")
    result = match_directories(ko_dir, en_dir, model=model, threshold=threshold)
    write.write_all(manifest_files(result, output))
    if not quiet:
        click.echo(f"{len(result.matches)} pairs in {output}, {len(result.unmatched)} documents unmatched "
                   f"(see {unmatched_path(output)})\n{result.signature}", err=True)
