"""TMX for CAT tools: notes, tuids and dates, and sentence-level units that a sentence-by-sentence lookup finds."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import main
from align.write import render_documents
from align.write.tmx import to_tmx, translation_units
from conftest import SAMPLE_NAMES, SAMPLES

DTD = Path(__file__).parent / "data" / "tmx14-subset.dtd"
WHEN = datetime(2024, 3, 5, 1, 2, 3, tzinfo=timezone.utc)


def parse(tmx: str):
    etree = pytest.importorskip("lxml.etree")
    doc = etree.fromstring(tmx.encode("utf-8"))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    return doc


def lookup(units, source: str) -> dict[str, str]:
    """What a CAT tool's exact-match fill (OmegaT's tm/auto) finds for each source text: the last unit wins."""
    target = "en" if source == "ko" else "ko"
    return {getattr(u, source): getattr(u, target) for u in units if getattr(u, source)}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("source", ["ko", "en"])
def test_sentence_units_fill_every_sentence_once_and_the_translation_reads_whole(sample_alignments, name, source):
    alignment = sample_alignments[name]
    target = "en" if source == "ko" else "ko"
    found = lookup(translation_units(alignment, alignment.pairs, "sentence"), source)
    sentences = getattr(alignment, source)
    paired = [i for b in alignment.pairs for i in getattr(b, source)]
    assert all(sentences[i].text in found for i in paired)  # each sentence of a pair, merged or not, is found
    filled = " ".join(found[sentences[i].text] for i in paired)
    expected = " ".join(dict(zip(("ko", "en"), alignment.texts(b)))[target] for b in alignment.pairs)
    assert filled.split() == expected.split()  # each translation once, in order: nothing doubled, nothing lost


def test_pair_units_miss_the_sentences_of_a_merged_side(sample_alignments):
    alignment = sample_alignments["knpa-undp"]
    found = lookup(translation_units(alignment, alignment.pairs, "pair"), "ko")
    merged = next(b for b in alignment.pairs if b.kind == "2-1")
    assert [alignment.ko[i].text in found for i in merged.ko] == [False, False]


def test_a_merged_pair_gets_a_unit_per_sentence_before_its_own(sample_alignments):
    alignment = sample_alignments["knpa-undp"]
    units = translation_units(alignment, alignment.pairs, "sentence", "knpa:")
    ko3, ko4 = alignment.ko[3].text, alignment.ko[4].text
    at = {u.tuid: n for n, u in enumerate(units)}
    first, second, whole = (units[at[t]] for t in ("knpa:3,4:3:ko3", "knpa:3,4:3:ko4", "knpa:3,4:3"))
    assert (first.ko, first.en) == (ko3, whole.en) and (second.ko, second.en) == (ko4, "")
    assert at["knpa:3,4:3:ko3"] < at["knpa:3,4:3:ko4"] < at["knpa:3,4:3"]
    assert "Korean sentence 2 of 2 of a 2-1 pair" in second.notes[0]
    assert ("x-unit", "sentence") in first.props


def test_debris_a_cat_tool_keeps_on_the_sentence_s_line_gets_a_unit(sample_alignments):
    # OmegaT's SRX rules do not split "(서울=연합뉴스) 김민준 기자 = 경찰청이 …": no sentence end between
    alignment = sample_alignments["knpa-undp"]
    run = next(u for u in translation_units(alignment, alignment.pairs, "sentence") if u.tuid == "ko2-3")
    assert run.ko == f"{alignment.ko[2].text} {alignment.ko[3].text}"
    assert run.en == alignment.texts(next(b for b in alignment.pairs if b.ko == (3, 4)))[1]
    assert "with the dateline '(서울=연합뉴스) 김민준 기자 =' that the English leaves out" in run.notes[0]


def test_sentences_run_together_without_a_space_get_one_unit_for_their_pairs(sample_alignments):
    alignment = sample_alignments["owl-bus"]
    units = translation_units(alignment, alignment.pairs, "sentence")
    run = next(u for u in units if "밝혔다.새로" in u.ko)
    assert run.en == " ".join(alignment.texts(b)[1] for b in alignment.pairs if b.ko in ((3,), (4,)))
    assert ("x-kind", "1-1+1-1") in run.props


def test_every_unit_has_a_unique_tuid_and_the_creation_date(sample_alignments):
    alignment = sample_alignments["knpa-undp"]
    doc = parse(to_tmx([(alignment, alignment.pairs)] * 2, units="sentence", created=WHEN))  # one name twice
    tuids = [tu.get("tuid") for tu in doc.iter("tu")]
    assert len(tuids) == len(set(tuids)) and all(tuids)
    assert {tu.get("creationdate") for tu in doc.iter("tu")} == {"20240305T010203Z"}
    assert doc.find("header").get("creationdate") == "20240305T010203Z"


def test_flags_and_verification_are_notes_a_cat_tool_shows(sample_alignments):
    alignment = sample_alignments["knpa-undp"]
    beads = [replace(b, verified=b.kind == "1-2") for b in alignment.pairs]  # as a reviewer may hand them over
    doc = parse(render_documents([(alignment, beads)], "tmx"))
    notes = {tu.get("tuid"): tu.findtext("note") for tu in doc.iter("tu")}
    assert notes["knpa-undp.ko.txt:8:7"] == "numbers differ: 3천201 in Korean, 3,021 in English"
    verified = [tu for tu in doc.iter("tu") if tu.find("prop[@type='x-verified']") is not None]
    assert [tu.findtext("note") for tu in verified] == ["verified by a reviewer"]
    plain = parse(render_documents([(alignment, alignment.pairs)], "tmx"))  # nothing verified
    assert plain.find(".//prop[@type='x-verified']") is None


def test_unknown_units_are_refused(sample_alignments):
    alignment = sample_alignments["owl-bus"]
    with pytest.raises(ValueError, match="unknown TMX units 'paragraph'"):
        to_tmx([(alignment, alignment.pairs)], units="paragraph")


def test_cli_writes_sentence_units_and_refuses_the_option_for_other_formats(tmp_path):
    ko, en, out = str(SAMPLES / "knpa-undp.ko.txt"), str(SAMPLES / "knpa-undp.en.txt"), tmp_path / "m.tmx"
    result = CliRunner().invoke(main, ["pair", ko, en, "-f", "tmx", "-o", str(out), "--tmx-units", "sentence", "-q"])
    assert result.exit_code == 0, result.output
    doc = parse(out.read_text("utf-8"))
    assert len(doc.findall(".//prop[@type='x-unit']")) == 5  # 2 for the 2-1, 2 for the 1-2, 1 for the dateline
    result = CliRunner().invoke(main, ["pair", ko, en, "--tmx-units", "sentence"])
    assert result.exit_code == 2 and "--tmx-units is for --format tmx" in result.stderr


def test_a_unit_keeps_the_text_between_sentences_of_a_pair_as_written(sample_alignments):
    alignment = sample_alignments["knpa-undp"]
    bead = next(b for b in alignment.pairs if b.kind == "2-1")
    glued = replace(alignment, ko_text=alignment.ko_text[:alignment.ko[3].end] + alignment.ko_text[alignment.ko[4].start:],
                    ko=[*alignment.ko[:4], *(replace(s, start=s.start - 1, end=s.end - 1) for s in alignment.ko[4:])])
    unit = next(u for u in translation_units(glued, [bead]) if u.tuid == "3,4:3")
    assert unit.ko == alignment.ko[3].text + alignment.ko[4].text  # "…나선다.경찰청은 …": no space added
