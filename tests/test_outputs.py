"""Every output format, produced from the samples by the CLI and read back with an independent reader."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import main
from conftest import SAMPLES, read_gold

KO, EN = str(SAMPLES / "knpa-undp.ko.txt"), str(SAMPLES / "knpa-undp.en.txt")
GOLD = read_gold(SAMPLES / "knpa-undp.gold")
GOLD_PAIRS = {b for b in GOLD if b[0] and b[1]}
DTD = Path(__file__).parent / "data" / "tmx14-subset.dtd"


def run(*args):
    result = CliRunner().invoke(main, ["pair", KO, EN, *args])
    assert result.exit_code == 0, result.output
    return result


def test_tmx_is_valid_against_the_dtd_and_every_pair_reads_back(tmp_path):
    etree = pytest.importorskip("lxml.etree")
    out = tmp_path / "memory.tmx"
    run("-f", "tmx", "-o", str(out), "--ko-lang", "ko", "--en-lang", "en-GB")
    doc = etree.parse(str(out))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    header = doc.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr)
    assert header.get("srclang") == "ko" and header.get("segtype") == "sentence"
    tus = doc.findall("body/tu")
    assert len(tus) == len(GOLD_PAIRS)  # leftovers are not translation units
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tu in tus:
        assert [tuv.get(xml_lang) for tuv in tu.findall("tuv")] == ["ko", "en-GB"]
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        assert 0 <= float(props["x-score"]) <= 1 and props["x-kind"] in {"1-1", "2-1", "1-2"}
        assert props["x-document"] == "knpa-undp.ko.txt"
    segs = {tu.findall("tuv/seg")[1].text for tu in tus}
    assert "The project is backed by a $940,000 fund." in segs
    flagged = [tu for tu in tus if tu.find("prop[@type='x-flag']") is not None]
    assert len(flagged) == 1
    # the leftovers went to a side file: nothing is lost
    assert len((tmp_path / "memory.tmx.leftovers.jsonl").read_text("utf-8").splitlines()) == len(GOLD) - len(GOLD_PAIRS)


def test_tmx_escapes_markup_and_drops_xml_illegal_characters():
    etree = pytest.importorskip("lxml.etree")
    from align import align_texts
    from align.write import render
    result = align_texts("경찰은 <b>\"위험\"</b> & 경고를 냈다.\x07", "Police issued a <b>\"danger\"</b> & warning.\x07")
    tmx = render(result, "tmx")
    doc = etree.fromstring(tmx.encode("utf-8"), etree.XMLParser(dtd_validation=False))
    segs = [seg.text for seg in doc.iter("seg")]
    assert segs == ["경찰은 <b>\"위험\"</b> & 경고를 냈다.", "Police issued a <b>\"danger\"</b> & warning."]


def test_moses_files_are_line_aligned_with_ids(tmp_path):
    prefix = tmp_path / "corpus"
    run("-f", "moses", "-o", str(prefix))
    ko = (tmp_path / "corpus.en-ko.ko").read_text("utf-8").splitlines()
    en = (tmp_path / "corpus.en-ko.en").read_text("utf-8").splitlines()
    ids = [line.split("\t") for line in (tmp_path / "corpus.en-ko.ids").read_text("utf-8").splitlines()]
    assert len(ko) == len(en) == len(ids) == len(GOLD_PAIRS)
    assert {(tuple(map(int, k.split(","))), tuple(map(int, e.split(",")))) for _, k, e, _, _ in ids} == GOLD_PAIRS
    assert all(doc == "knpa-undp.ko.txt" and verified == "false" for doc, *_, verified in ids)
    merged = ids.index(next(i for i in ids if i[1] == "3,4"))
    assert ko[merged].startswith("경찰청이 유엔개발계획") and " 경찰청은 27일" in ko[merged]


def test_a_line_break_inside_a_sentence_never_breaks_line_alignment(tmp_path):
    from align import align_texts
    from align.write.corpus import moses_files
    result = align_texts("경찰은 오늘\n발표했다. 그는 말했다.", "The police announced it\ntoday. He said so.", split="lines")
    files = moses_files([(result, result.pairs)])
    assert len(files[".en-ko.ko"].splitlines()) == len(files[".en-ko.en"].splitlines()) == len(result.pairs)


def test_separators_that_splitlines_breaks_at_never_desynchronise_moses_or_tsv():
    from align import align_texts
    from align.write import render
    from align.write.corpus import moses_files
    result = align_texts("경찰은\x1c오늘 발표했다.\n그는\x1d말했다.\n끝\x1e이다.", "The police\x1cannounced it today.\n"
                         "He\x1dsaid so.\nIt\x1eended.", split="lines")
    from dataclasses import replace
    files = moses_files([(replace(result, name="a\tb\nc.ko.txt"), result.pairs)])  # a name with a tab and a newline
    assert len(files[".en-ko.ko"].splitlines()) == len(files[".en-ko.en"].splitlines()) == len(files[".en-ko.ids"]
                                                                                                .splitlines())
    assert all(len(line.split("\t")) == 5 for line in files[".en-ko.ids"].splitlines())
    assert len(render(result, "tsv").splitlines()) == len(result.beads)


def test_hf_jsonl_has_the_translation_layout(tmp_path):
    out = tmp_path / "corpus.jsonl"
    run("-f", "hf", "-o", str(out), "--min-score", "0.5")
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert records and all(set(r["translation"]) == {"ko", "en"} for r in records)
    assert all(r["score"] >= 0.5 and r["kind"] != "leftover" for r in records)
    assert all(set(r) >= {"score", "kind", "document", "ko_ids", "en_ids", "flags", "verified"} for r in records)
    assert not any(r["verified"] for r in records)  # a bool in every row; no person has checked these


def test_hf_jsonl_loads_with_the_datasets_library(tmp_path):
    datasets = pytest.importorskip("datasets", reason="datasets is not installed (a heavy dependency): "
                                                      "the layout test above stands in for it")
    out = tmp_path / "corpus.jsonl"
    run("-f", "hf", "-o", str(out))
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    loaded = datasets.load_dataset("json", data_files=str(out), split="train")
    assert len(loaded) == len(records) == len(GOLD_PAIRS)
    assert loaded[0]["translation"]["en"] == records[0]["translation"]["en"]


def test_tsv_keeps_score_and_kind_columns_and_kinds_filter(tmp_path):
    out = tmp_path / "pairs.tsv"
    run("-o", str(out), "--kinds", "1-1")
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and all(r[3] == "1-1" and float(r[2]) >= 0 for r in rows)
    aside = (tmp_path / "pairs.tsv.leftovers.jsonl").read_text("utf-8").splitlines()
    assert len(rows) + len(aside) == len(GOLD)


def test_html_page_is_self_contained_and_escapes_article_text():
    from align import align_texts
    from align.write import render
    result = align_texts("<script>alert('ko')</script> 경찰이 발표했다.", "<script>alert('en')</script> Police said so.")
    page = render(result, "html")
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;ko&#x27;)" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page


def test_html_page_shows_control_characters_as_symbols_never_raw():
    from align import align_texts
    from align.write import render
    result = align_texts("경찰이 발표했다.\x1b[31m\x07 시민들은 안도했다.", "Police said so.\x1b[31m\x07 Citizens were relieved.")
    page = render(result, "html")
    assert "\x1b" not in page and "\x07" not in page and "␛[31m␇" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed: the page was not rendered")
def test_review_page_in_a_real_headless_chromium(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    page_file = tmp_path / "review.html"
    run("--html", str(page_file), "-o", str(tmp_path / "out.tsv"))
    flags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync"]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=flags)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_file.as_uri())
        rows = page.locator("tr.bead")
        assert rows.count() == len(GOLD)  # every bead and leftover has a row
        colour = lambda sel: page.evaluate(f"getComputedStyle(document.querySelector('{sel}')).backgroundColor")  # noqa: E731
        assert colour("tr.high") == "rgb(231, 245, 234)"       # green
        assert colour("tr.leftover") == "rgb(241, 241, 244)"   # grey
        leftovers = page.locator("tr.leftover")
        assert leftovers.count() == len(GOLD) - len(GOLD_PAIRS)
        assert page.locator("tr.leftover .cat.omission").count() == 1
        assert "3천201" in page.locator("tr.pair .flags").inner_text()
        assert page.locator("tr.pair.high .flags").count() == 0  # a flagged pair is never shown as fine
        assert colour("tr.pair:has(.flags)") == colour("tr.mid")  # amber: check
        page.keyboard.press("n")
        assert page.locator("tr.current").count() == 1
        page.check("#only-problems")
        visible = page.evaluate("[...document.querySelectorAll('tr.bead')].filter(r => !r.hidden).length")
        problems = page.locator("tr.problem").count()
        assert visible == problems < len(GOLD)
        page.uncheck("#only-problems")
        page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
        browser.close()
    assert (tmp_path / "review.png").stat().st_size > 10_000


def test_jsonl_escapes_what_splitlines_breaks_at_and_reads_back_unchanged():
    from align import align_texts
    from align.write import render
    ko, en = "경찰은\x1c오늘\u2028발표했다.\n그는\x85말했다.", "The police\u2029announced it\x1d today.\nHe\x1esaid so."
    result = align_texts(ko, en, split="lines")
    lines = render(result, "jsonl").splitlines()
    assert len(lines) == len(result.beads)
    records = [json.loads(line) for line in lines]
    assert [(r["ko_text"], r["en_text"]) for r in records] == [result.texts(b) for b in result.beads]
    assert any("\x1c" in r["ko_text"] for r in records) and any("\x85" in r["ko_text"] for r in records)
