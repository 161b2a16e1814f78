"""Remake samples/knpa-undp.editor.png: the editor of a real `align review` session on the KNPA sample.

    python samples/screenshot.py            # needs playwright and Debian's chromium (/usr/bin/chromium)

The sample is copied to a temporary folder first (the review project is written next to the
inputs, and samples/ must stay as it is), `align review KO EN --no-browser` aligns it with the
default encoder and serves it, and headless Chromium, 1280 px wide, shows the page after **n**
(the current row is the least confident problem).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import click

SAMPLES = Path(__file__).resolve().parent
ROOT = SAMPLES.parent
# the launch flags of tests/test_review_browser.py: no sandbox in a container, no calls home
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def start_review(ko: Path, en: Path) -> tuple[subprocess.Popen, str]:
    """``align review KO EN --no-browser`` as a child process, and the URL it prints."""
    process = subprocess.Popen([sys.executable, "-m", "align.cli", "review", str(ko), str(en), "--no-browser"],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if " at http://127.0.0.1:" not in line:
        process.terminate()
        raise click.ClickException(f"align review printed no URL (exit {process.wait()}): {line.strip()!r}")
    return process, line.split(" at ")[1].strip()


@click.command()
@click.option("--name", default="knpa-undp", show_default=True, help="The sample: samples/NAME.{ko,en}.txt.")
@click.option("--chromium", default="/usr/bin/chromium", show_default=True, type=click.Path(exists=True))
@click.option("--problems", default=1, show_default=True, help="How many times to press n before the shot.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Default: samples/NAME.editor.png.")
def main(name, chromium, problems, output):
    from playwright.sync_api import expect, sync_playwright

    output = Path(output or SAMPLES / f"{name}.editor.png")
    with tempfile.TemporaryDirectory() as folder:
        ko, en = (Path(shutil.copy(SAMPLES / f"{name}.{side}.txt", folder)) for side in ("ko", "en"))
        process, url = start_review(ko, en)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url)
                page.wait_for_selector("tr.bead.current")
                expect(page.locator("#status")).to_contain_text("loaded")
                for _ in range(problems):
                    page.keyboard.press("n")
                page.screenshot(path=str(output), full_page=True)
                current = page.inner_text("tr.current")
                browser.close()
        finally:
            process.terminate()
            process.wait()
            process.stdout.close()
    click.echo(f"wrote {output}; the current row:\n{current}", err=True)


if __name__ == "__main__":
    main()
