"""Commands on one article pair or file: ``pair``, ``segment``, ``eval``, ``models``."""

from __future__ import annotations

import json

import click

from .. import write
from .options import SCORE, distinct_files, language_tag, one_line_errors, tmx_only


@click.command()
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
@click.option("--min-score", type=SCORE, default=None,
              help="Keep out pairs scoring below this.")
@click.option("--kinds", default=None, metavar="KINDS", help="Keep only these bead kinds, e.g. 1-1,2-1.")
@click.option("--header", is_flag=True, help="TSV: a first line naming the columns.")
@click.option("--leftovers", "leftovers_file", type=click.Path(dir_okay=False, writable=True),
              help="JSONL file for what is kept out of the output (default with -o: OUTPUT.leftovers.jsonl).")
@click.option("--ko-lang", default="ko-KR", show_default=True, callback=language_tag,
              help="Korean language tag (TMX).")
@click.option("--en-lang", default="en-US", show_default=True, callback=language_tag,
              help="English language tag (TMX).")
@click.option("--tmx-units", type=click.Choice(["pair", "sentence"]), default=None,
              help="TMX: pair (default): a unit a pair; sentence: also a unit for each sentence of a merged pair "
                   "and each segment a CAT tool cuts otherwise, so that OmegaT, Trados or memoQ find them.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr (errors are still reported).")
@one_line_errors
def pair(ko_file, en_file, output, fmt, html_file, split, model, report, drop, min_score, kinds, header,
         leftovers_file, ko_lang, en_lang, tmx_units, quiet):
    """Align KO_FILE (Korean) with EN_FILE (its English version); either can be - (standard input)."""
    from ..embed.registry import check_model
    from ..pipeline import align_files
    from ..select import parse_categories, parse_kinds, select
    from ..summary import summarize

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
    tmx_only(fmt, tmx_units)
    if fmt in write.BINARY and not output:
        raise click.UsageError(f"--format {fmt} writes a binary file: give -o FILE")
    if fmt == "parquet":
        from ..write.parquet import require_pyarrow
        require_pyarrow()  # before the work, not after it
    if (pairs_only or drop or min_score is not None or kinds) and not (output or leftovers_file):
        raise click.UsageError(f"{'--format ' + fmt if pairs_only else '--drop, --min-score and --kinds'} "
                               "set beads aside: give -o or --leftovers so that nothing is lost")
    main_files = ({f"-o{suffix}": f"{output}{suffix}" for suffix in (".en-ko.ko", ".en-ko.en", ".en-ko.ids")}
                  if fmt == "moses" else {"-o": output})
    distinct_files({name: path for name, path in (("KO_FILE", ko_file), ("EN_FILE", en_file)) if path != "-"},
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


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True, help="text: one sentence per line; jsonl: with spans and paragraph.")
@one_line_errors
def segment(file, fmt):
    """Split FILE into sentences."""
    from ..segment import segment as split_sentences
    from ..textio import read_text
    from ..write.jsonl import json_line
    from ..write.text import visible

    for s in split_sentences(read_text(file)):
        if fmt == "text":
            click.echo(visible(" ".join(s.text.split())))
        else:
            click.echo(json_line({"index": s.index, "text": s.text, "start": s.start, "end": s.end,
                                  "paragraph": s.paragraph}), nl=False)


@click.command("eval")
@click.argument("pred", type=click.Path(dir_okay=False))
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object on standard output.")
@one_line_errors
def evaluate(pred, gold, as_json):
    """Score the alignment PRED against the gold alignment GOLD: strict and lax F1 (Vecalign's),
    unaligned P/R, and the share of PRED's pairs that GOLD changed. Each file is `align pair -f jsonl`
    output (or a review project) or Vecalign's format ([0,1]:[0] a line)."""
    from ..evaluate import evaluate_files, format_evaluation

    evaluation = evaluate_files(pred, gold)
    click.echo(json.dumps(evaluation.as_dict(), ensure_ascii=False) if as_json else format_evaluation(evaluation),
               nl=as_json)


@click.command()
def models():
    """List the encoders align knows and which is the default."""
    from ..embed.registry import default_model, is_available, registered_models

    default = default_model()
    for spec in registered_models():
        ok, why = is_available(spec)
        mark = "*" if spec.name == default else " "
        click.echo(f"{mark} {spec.name:<60} {'available' if ok else 'unavailable'} ({why})")
        click.echo(f"    {spec.description}; aliases: {', '.join(spec.aliases) or '-'}")
    click.echo("* default. Any other sentence-transformers name or local path works with --model.")
