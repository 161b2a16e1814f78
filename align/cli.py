"""The ``align`` command: a thin layer over the library."""

from __future__ import annotations

import json
import math
import os
import sys
from functools import wraps
from pathlib import Path

import click
import regex

from . import write
from .errors import AlignError
from .match import DEFAULT_THRESHOLD as DEFAULT_MATCH_THRESHOLD
from .pipeline import __version__


def _one_line_errors(command):
    """Turn the library's errors into one-line messages and exit code 1, and Ctrl-C into exit code
    130 as shells expect (outputs are written whole or not at all, so nothing is left half-written)."""
    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except AlignError as err:
            raise click.ClickException(str(err)) from None
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
    return wrapper


def _language_tag(ctx, param, value: str) -> str:
    """A BCP 47 tag such as ko-KR or en (what TMX's xml:lang holds); anything else is a usage error."""
    if not regex.fullmatch(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*", value):
        raise click.BadParameter(f"{value!r} is not a language tag such as ko-KR or en-US")
    return value


class _Number(click.FloatRange):
    """A number in a range; click's FloatRange lets ``nan`` through, and every comparison with it is false."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number", param, ctx)
        return number


_SCORE = _Number(0, 1)  # --min-score, --threshold


def _tmx_only(fmt: str, tmx_units: str | None) -> None:
    """--tmx-units shapes TMX units only; with another format it would be silently ignored."""
    if tmx_units and fmt != "tmx":
        raise click.UsageError("--tmx-units is for --format tmx")


def _distinct_files(inputs: dict[str, str], outputs: dict[str, str | None]) -> None:
    """Refuse, before anything is read or written, an output that is an input or another output."""
    seen = {os.path.realpath(path): f"the input {path}" for path in inputs.values()}
    for option, path in outputs.items():
        if path is None:
            continue
        real = os.path.realpath(path)
        if real in seen:
            raise click.UsageError(f"{option} {path} is {seen[real]}: give another file, so that nothing is lost")
        seen[real] = f"the {option} file"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
def main():
    """Align a Korean article with its English version, sentence by sentence."""


@main.command()
@click.argument("ko_file", type=click.Path(dir_okay=False))
@click.argument("en_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write here (atomically) instead of standard output (-); for moses, a name prefix.")
@click.option("-f", "--format", "fmt", type=click.Choice(write.FORMATS), default="tsv", show_default=True,
              help="tsv/jsonl: every bead; tmx, hf, moses, parquet: pairs only; html: the review page.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, writable=True),
              help="Also write the HTML review page here.")
@click.option("--split", type=click.Choice(["auto", "lines"]), default="auto", show_default=True,
              help="auto: segment into sentences; lines: the files are one sentence per line.")
@click.option("-m", "--model", default=None,
              help="Encoder: a name from `align models`, or a sentence-transformers name or path.")
@click.option("--report", is_flag=True, help="Print a summary report (coverage, leftovers, flags) on stderr.")
@click.option("--drop", default=None, metavar="CATEGORIES",
              help="Leftover categories to keep out of the output, comma-separated; "
                   "'debris' stands for all page debris.")
@click.option("--min-score", type=_SCORE, default=None,
              help="Keep out pairs scoring below this.")
@click.option("--kinds", default=None, metavar="KINDS", help="Keep only these bead kinds, e.g. 1-1,2-1.")
@click.option("--header", is_flag=True, help="TSV: a first line naming the columns.")
@click.option("--leftovers", "leftovers_file", type=click.Path(dir_okay=False, writable=True),
              help="JSONL file for what is kept out of the output (default with -o: OUTPUT.leftovers.jsonl).")
@click.option("--ko-lang", default="ko-KR", show_default=True, callback=_language_tag,
              help="Korean language tag (TMX).")
@click.option("--en-lang", default="en-US", show_default=True, callback=_language_tag,
              help="English language tag (TMX).")
@click.option("--tmx-units", type=click.Choice(["pair", "sentence"]), default=None,
              help="TMX: pair (default): a unit a pair; sentence: also a unit for each sentence of a merged pair "
                   "and each segment a CAT tool cuts otherwise, so that OmegaT, Trados or memoQ find them.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr (errors are still reported).")
@_one_line_errors
def pair(ko_file, en_file, output, fmt, html_file, split, model, report, drop, min_score, kinds, header,
         leftovers_file, ko_lang, en_lang, tmx_units, quiet):
    """Align KO_FILE (Korean) with EN_FILE (its English version); either can be - (standard input)."""
    from .embed.registry import check_model
    from .pipeline import align_files
    from .select import parse_categories, parse_kinds, select
    from .summary import summarize

    if ko_file == "-" and en_file == "-":
        raise click.UsageError("only one of KO_FILE and EN_FILE can be standard input (-)")
    if html_file == "-":
        raise click.UsageError("--html - : give the review page a file name (standard output carries the alignment)")
    output = None if output == "-" else output
    try:
        drop, kinds = parse_categories(drop), parse_kinds(kinds)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    pairs_only = fmt in write.PAIRS_ONLY
    if fmt == "moses" and not output:
        raise click.UsageError("--format moses writes three files: give -o NAME")
    _tmx_only(fmt, tmx_units)
    if fmt in write.BINARY and not output:
        raise click.UsageError(f"--format {fmt} writes a binary file: give -o FILE")
    if fmt == "parquet":
        from .write.parquet import require_pyarrow
        require_pyarrow()  # before the work, not after it
    if (pairs_only or drop or min_score is not None or kinds) and not (output or leftovers_file):
        raise click.UsageError(f"{'--format ' + fmt if pairs_only else '--drop, --min-score and --kinds'} "
                               "set beads aside: give -o or --leftovers so that nothing is lost")
    main_files = ({f"-o{suffix}": f"{output}{suffix}" for suffix in (".en-ko.ko", ".en-ko.en", ".en-ko.ids")}
                  if fmt == "moses" else {"-o": output})
    _distinct_files({name: path for name, path in (("KO_FILE", ko_file), ("EN_FILE", en_file)) if path != "-"},
                    {**main_files, "--leftovers": leftovers_file or (output and f"{output}.leftovers.jsonl"),
                     "--html": html_file})
    check_model(model)  # a misspelt --model fails before the inputs are read
    result = align_files(ko_file, en_file, model=model, split=split)
    kept, aside = select(result, drop, min_score, kinds, pairs_only=pairs_only)
    options = ({"ko_lang": ko_lang, "en_lang": en_lang, "units": tmx_units or "pair"} if fmt == "tmx"
               else {"header": header} if fmt == "tsv" else {})
    write.write_all(write.alignment_files(result, kept, aside, output, fmt, leftovers_file, html_file, **options))
    if not output:
        click.echo(write.render(result, fmt, kept, **options), nl=False)
    if report:
        click.echo(write.format_report(summarize(result)), err=True, nl=False)
    elif not quiet:
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
    from .write.jsonl import json_line
    from .write.text import visible

    for s in split_sentences(read_text(file)):
        if fmt == "text":
            click.echo(visible(" ".join(s.text.split())))
        else:
            click.echo(json_line({"index": s.index, "text": s.text, "start": s.start, "end": s.end,
                                  "paragraph": s.paragraph}), nl=False)


@main.command()
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
@click.option("--min-score", type=_SCORE, default=None, help="Keep out pairs scoring below this.")
@click.option("--max-length-sd", type=_Number(0), default=3.0, show_default=True,
              help="Keep out pairs whose length ratio strays more standard deviations than this.")
@click.option("--no-script-check", is_flag=True, help="Keep pairs whose sides are not Hangul / Latin text.")
@click.option("--keep-duplicates", is_flag=True, help="Keep exact repeats of a pair.")
@click.option("--boilerplate/--no-boilerplate", default=True, show_default=True,
              help="Lines recurring across a source's documents (manifest column `source`, else the run) are debris.")
@click.option("--ko-lang", default="ko-KR", show_default=True, callback=_language_tag,
              help="Korean language tag (TMX).")
@click.option("--en-lang", default="en-US", show_default=True, callback=_language_tag,
              help="English language tag (TMX).")
@click.option("--allow-failures", default="0%", show_default=True, metavar="N%",
              help="Exit 0 while at most this share of the pairs failed (they are in errors.jsonl either way).")
@click.option("--progress/--no-progress", default=None, help="A progress bar on stderr (default: on a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("-v", "--verbose", is_flag=True, help="Also list each failed pair and why.")
@_one_line_errors
def batch(source, en_dir, out_dir, fmt, carry, header, workers, engine, address, shard_spec, limit, split, model,
          min_score, max_length_sd, no_script_check, keep_duplicates, boilerplate, ko_lang, en_lang, allow_failures,
          progress, quiet, verbose):
    """Align many article pairs: SOURCE is a manifest (TSV or JSONL: id, ko, en, ...), or a
    folder of Korean files paired by name with the files of EN_DIR.

    Killed or crashed, the same command resumes where it stopped."""
    from .batch import (QualityFilters, input_overlap, manifest_columns, pair_directories,
                        read_manifest, run_batch, shard)
    from .write.text import visible

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
        from .write.parquet import require_pyarrow
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


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--no-browser", is_flag=True, help="Only print the URL (headless use, tests).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--split", type=click.Choice(["auto", "lines"]), default="auto", show_default=True)
@click.option("-m", "--model", default=None, help="Encoder, as for `align pair`.")
@_one_line_errors
def review(files, no_browser, port, split, model):
    """Correct an alignment in the browser: KO_FILE EN_FILE (aligned, or the review of them resumed)
    or PROJECT (a KO_FILE.review.jsonl). Every edit is saved at once."""
    if len(files) > 2:
        raise click.UsageError("give KO_FILE EN_FILE, or a review PROJECT")
    from align_review import open_review, serve
    serve(open_review(*files, model=model, split=split), port=port, open_browser=not no_browser, echo=click.echo)


@main.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(["tmx", "tsv", "jsonl", "moses", "hf", "parquet"]),
              default="tmx", show_default=True,
              help="tmx, hf, parquet, moses: pairs only (leftovers to OUTPUT.leftovers.jsonl).")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Write here; for moses, a name prefix (default: next to the project).")
@click.option("--tmx-units", type=click.Choice(["pair", "sentence"]), default=None,
              help="TMX: pair (default) or sentence, as for `align pair` (sentence: for a CAT tool's lookups).")
@_one_line_errors
def export(project, fmt, output, tmx_units):
    """Write the corrected alignment of a review PROJECT; human-verified beads say so."""
    from align_review import Project, export as export_review
    _tmx_only(fmt, tmx_units)
    if output == "-":
        raise click.UsageError("-o - : export writes files (the leftovers beside them), give a file name")
    options = {"units": tmx_units} if tmx_units else {}
    reviewed = Project.open(project, read_only=True)  # read-only: a server may hold the project
    if reviewed.warning:
        click.echo(f"warning: {reviewed.warning}", err=True)
    click.echo(f"wrote {', '.join(export_review(reviewed, fmt, output, **options))}", err=True)


@main.command("eval")
@click.argument("pred", type=click.Path(dir_okay=False))
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object on standard output.")
@_one_line_errors
def evaluate(pred, gold, as_json):
    """Score the alignment PRED against the gold alignment GOLD: strict and lax F1 (Vecalign's),
    unaligned P/R, and the share of PRED's pairs that GOLD changed. Each file is `align pair -f jsonl`
    output (or a review project) or Vecalign's format ([0,1]:[0] a line)."""
    from .evaluate import evaluate_files, format_evaluation

    evaluation = evaluate_files(pred, gold)
    click.echo(json.dumps(evaluation.as_dict(), ensure_ascii=False) if as_json else format_evaluation(evaluation),
               nl=as_json)


@main.command()
@click.argument("ko_dir", type=click.Path(file_okay=False))
@click.argument("en_dir", type=click.Path(file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Manifest to write (TSV: id, ko, en, score, evidence); the documents left unmatched, with "
                   "the reason, go to OUTPUT's name + .unmatched.tsv.")
@click.option("--threshold", type=_SCORE, default=DEFAULT_MATCH_THRESHOLD, show_default=True,
              help="Least score of a pair (share of both articles' sentences that find their translation).")
@click.option("-m", "--model", default=None, help="Encoder, as for `align pair`.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@_one_line_errors
def match(ko_dir, en_dir, output, threshold, model, quiet):
    """Pair the Korean articles of KO_DIR with their English editions in EN_DIR, one to one, and write
    the manifest `align batch` reads."""
    from .match import manifest_files, match_directories
    from .match.manifest import unmatched_path

    for folder in (ko_dir, en_dir):
        if os.path.realpath(Path(output).absolute().parent) == os.path.realpath(folder):
            # it could overwrite an article, and would be read as one on the next run
            raise click.UsageError(f"-o {output} is inside the input folder {folder}: write it elsewhere")
    result = match_directories(ko_dir, en_dir, model=model, threshold=threshold)
    write.write_all(manifest_files(result, output))
    if not quiet:
        click.echo(f"{len(result.matches)} pairs in {output}, {len(result.unmatched)} documents unmatched "
                   f"(see {unmatched_path(output)})\n{result.signature}", err=True)


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
