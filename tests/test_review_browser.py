"""The editor in Debian's Chromium: a broken alignment of the KNPA sample fixed with the keyboard alone,
the state intact after a reload, a TMX export equal to the gold; hostile article text stays inert."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from align.types import Alignment, Bead, Sentence
from align_review import Project
from align_review.server import ReviewServer
from review_helpers import BROKEN, FIXES, broken_project, gold_texts

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed: the editor was not run")
DTD = Path(__file__).parent / "data" / "tmx14-subset.dtd"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def serving(project: Project) -> ReviewServer:
    server = ReviewServer(project)
    server.start()
    return server


def open_page(browser, server, errors):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(server.url)
    page.wait_for_selector("tr.bead.current")
    return page


def current(page) -> int:
    return int(page.get_attribute("tr.current", "data-index"))


def go_to(page, row: int) -> None:
    """Move the focus to ``row`` with j and k only."""
    while current(page) != row:
        page.keyboard.press("j" if current(page) < row else "k")


def wait_for_edits(page, n: int) -> None:
    from playwright.sync_api import expect  # the page's CSP forbids eval, which wait_for_function needs
    expect(page.locator("#summary")).to_contain_text(f", {n} edits")


def test_a_broken_alignment_is_fixed_with_the_keyboard_alone_kept_over_a_reload_and_exported(browser, tmp_path):
    etree = pytest.importorskip("lxml.etree")
    server = serving(broken_project(tmp_path))
    errors = []
    try:
        page = open_page(browser, server, errors)
        assert page.locator("tr.bead").count() == len(BROKEN)
        page.keyboard.press("n")  # the least confident problem first; the debris leftover (row 10) is skipped
        assert current(page) == 6
        page.keyboard.press("n")
        assert current(page) == 9
        page.keyboard.press("n")
        assert current(page) == 17  # then pairs, least confident first
        page.screenshot(path=str(tmp_path / "editor.png"))
        for done, (row, key) in enumerate(FIXES, start=1):
            go_to(page, row)
            page.keyboard.press(key)
            wait_for_edits(page, done)
            assert "✗" not in page.inner_text("#status")
        # the omission called debris (row 10 before the fixes above it) is named so now
        assert page.get_attribute("tr[data-index='8']", "data-category") == "omission"
        shown = page.locator("tr.bead").all_inner_texts()
        page.keyboard.press("u")  # the last fix undone, then redone with shift+u
        wait_for_edits(page, len(FIXES) + 1)
        assert page.locator("tr.bead").all_inner_texts() != shown
        page.keyboard.press("U")
        wait_for_edits(page, len(FIXES) + 2)
        assert page.locator("tr.bead").all_inner_texts() == shown
        page.reload()
        page.wait_for_selector("tr.bead.current")
        wait_for_edits(page, len(FIXES) + 2)
        assert page.locator("tr.bead").all_inner_texts() == shown  # the state is intact
        page.keyboard.press("w")  # export in the chosen format, TMX by default
        from playwright.sync_api import expect
        expect(page.locator("#status")).to_contain_text("exported to")
        tmx = tmp_path / "knpa-undp.ko.reviewed.tmx"
        assert str(tmx) in page.inner_text("#status")
        assert errors == []
    finally:
        server.shutdown()
        server.server_close()
    doc = etree.parse(str(tmx))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    assert {tuple(seg.text for seg in tu.findall("tuv/seg")) for tu in doc.findall("body/tu")} == gold_texts()
    assert (tmp_path / "editor.png").stat().st_size > 10_000


HOSTILE_KO = ["<script>window.pwned = 1</script> 경찰이 발표했다.",
              "</textarea><img src=x onerror=\"window.pwned = 2\"> 둘째 문장이다.",
              "<a href=\"javascript:window.pwned = 3\">누르기</a> 셋째 문장이다."]
HOSTILE_EN = ["<script>window.pwned = 1</script> Police said so.",
              "</textarea><img src=x onerror=\"window.pwned = 2\"> A second sentence.",
              "javascript:window.pwned = 3"]


def hostile_project(directory: Path) -> Project:
    texts = {"ko": "\n".join(HOSTILE_KO) + "\n", "en": "\n".join(HOSTILE_EN) + "\n"}
    sentences = {}
    for side, text in texts.items():
        (directory / f"hostile.{side}.txt").write_text(text, "utf-8")
        start, sentences[side] = 0, []
        for i, line in enumerate(text.splitlines()):
            sentences[side].append(Sentence(i, line, start, start + len(line), i))
            start += len(line) + 1
    beads = [Bead((0,), (0,), 0.7, "1-1"), Bead((1,), (1,), 0.95, "1-1"),
             Bead((2,), (), 0.0, "leftover", "ko", "omission", "<script>window.pwned = 4</script>"),
             Bead((), (2,), 0.0, "leftover", "en", "ui", "javascript:window.pwned = 5")]
    alignment = Alignment(texts["ko"], texts["en"], sentences["ko"], sentences["en"], beads, 0.5, "align:test",
                          {}, "<img src=x onerror=window.pwned=6>")
    return Project.create(alignment, directory / "hostile.ko.txt", directory / "hostile.en.txt")


def test_article_text_with_markup_stays_inert_text(browser, tmp_path):
    server = serving(hostile_project(tmp_path))
    errors = []
    try:
        page = open_page(browser, server, errors)
        table = page.inner_text("#beads")
        for text in (HOSTILE_KO[0], HOSTILE_EN[1], HOSTILE_EN[2], "<script>window.pwned = 4</script>"):
            assert text in table  # shown as the text it is
        assert page.locator("#beads img, #beads a, #beads script, #beads textarea").count() == 0
        assert page.locator("script").count() == 1  # app.js alone
        go_to(page, 1)
        page.keyboard.press("e")  # the text editor puts "</textarea>..." into a textarea's value, not markup
        page.wait_for_selector("dialog[open] textarea")
        assert page.locator("dialog textarea").first.input_value() == HOSTILE_KO[1]
        page.keyboard.press("Escape")
        page.click("tr[data-index='3'] td:nth-child(4)")  # clicking a javascript: text follows nothing
        assert page.evaluate("window.pwned") is None
        assert page.url == server.url and errors == []
    finally:
        server.shutdown()
        server.server_close()


def test_browser_shortcuts_and_fields_keep_their_keys_and_every_badge_is_readable(browser, tmp_path):
    server = serving(broken_project(tmp_path))
    errors = []
    try:
        page = open_page(browser, server, errors)
        for key in ("Control+f", "Control+m", "Alt+m", "Meta+m"):
            page.keyboard.press(key)
        assert page.evaluate("document.activeElement === document.body")
        page.keyboard.press("f")  # the filter takes the focus; what is typed there is the filter's
        assert page.evaluate("document.activeElement.id") == "filter-category"
        page.keyboard.press("m")
        page.keyboard.press("Escape")
        page.keyboard.press("j")
        assert current(page) == 1 and server.project.version == 0
        page.select_option("#filter-category", "debris")
        visible = page.evaluate("[...document.querySelectorAll('tr.bead')].filter(r => !r.hidden).length")
        assert visible == sum(1 for _, _, _, cat in BROKEN if cat not in (None, "omission", "addition"))
        badges = page.evaluate("""[...document.querySelectorAll('.badge')].map(b => {
            const s = getComputedStyle(b);
            return [b.className, b.textContent, s.color, s.backgroundColor];
        })""")
        assert {c.split()[1] for c, *_ in badges} == {"sure", "check", "doubtful", "content", "debris"}
        for cls, label, fg, bg in badges:
            assert contrast(fg, bg) >= 4.5, (cls, fg, bg)
            icon, word = label.split(" ", 1)
            assert not icon.isalnum() and word.isalpha()  # a symbol and a word besides the colour
        assert errors == []
    finally:
        server.shutdown()
        server.server_close()


def contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two ``rgb(r, g, b)`` colours."""
    def luminance(colour):
        channels = [int(v) / 255 for v in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)
