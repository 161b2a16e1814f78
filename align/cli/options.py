"""What every command shares: one-line errors, parameter types, checks that nothing is lost."""

from __future__ import annotations

import math
import os
import sys
from functools import wraps

import click
import regex

from ..errors import AlignError


def one_line_errors(command):
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


def language_tag(ctx, param, value: str) -> str:
    """A BCP 47 tag such as ko-KR or en (what TMX's xml:lang holds); anything else is a usage error."""
    if not regex.fullmatch(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*", value):
        raise click.BadParameter(f"{value!r} is not a language tag such as ko-KR or en-US")
    return value


class Number(click.FloatRange):
    """A number in a range; click's FloatRange lets ``nan`` through, and every comparison with it is false."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number", param, ctx)
        return number


SCORE = Number(0, 1)  # --min-score, --threshold


def tmx_only(fmt: str, tmx_units: str | None) -> None:
    """--tmx-units shapes TMX units only; with another format it would be silently ignored."""
    if tmx_units and fmt != "tmx":
        raise click.UsageError("--tmx-units is for --format tmx")


def distinct_files(inputs: dict[str, str], outputs: dict[str, str | None]) -> None:
    """Refuse, before anything is read or written, an output that is an input or another output."""
    seen = {os.path.realpath(path): f"the input {path}" for path in inputs.values()}
    for option, path in outputs.items():
        if path is None:
            continue
        real = os.path.realpath(path)
        if real in seen:
            raise click.UsageError(f"{option} {path} is {seen[real]}: give another file, so that nothing is lost")
        seen[real] = f"the {option} file"
