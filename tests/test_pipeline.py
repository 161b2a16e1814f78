"""The library end to end on the samples: gold reproduced, nothing lost, errors named."""

from __future__ import annotations

import pytest

from align import (Alignment, Bead, InputError, NotTranslationError, align_files, align_sentences, align_texts,
                   sentences_of)
from conftest import SAMPLE_NAMES, SAMPLES, read_gold


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_samples_reproduce_their_gold_alignment(sample_alignments, name):
    result = sample_alignments[name]
    assert {(b.ko, b.en) for b in result.beads} == read_gold(SAMPLES / f"{name}.gold")


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_non_space_character_ends_up_in_exactly_one_bead(sample_alignments, name):
    result = sample_alignments[name]
    for text, sentences, side in ((result.ko_text, result.ko, "ko"), (result.en_text, result.en, "en")):
        owner = [None] * len(text)
        for n, bead in enumerate(result.beads):
            for i in getattr(bead, side):
                for k in range(sentences[i].start, sentences[i].end):
                    assert owner[k] is None
                    owner[k] = n
        assert all(owner[k] is not None or text[k].isspace() for k in range(len(text)))


def test_leftovers_say_which_side_and_why(sample_alignments):
    result = sample_alignments["owl-bus"]
    by_text = {result.texts(b)[0] or result.texts(b)[1]: b for b in result.leftovers}
    omission = by_text["한편 시는 이용객 의견을 반영해 하반기에 노선을 추가로 조정할 방침이다."]
    assert (omission.side, omission.category) == ("ko", "omission")
    assert "no English counterpart" in omission.reason
    addition = by_text["The Owl Bus service was first launched in 2013."]
    assert (addition.side, addition.category) == ("en", "addition")
    assert by_text["(END)"].category == "marker"
    assert by_text["입력 2024.03.12 10:30 수정 2024.03.12 14:05"].category == "timestamp"


def test_results_are_typed_and_name_what_produced_them(sample_alignments):
    result = sample_alignments["knpa-undp"]
    assert isinstance(result, Alignment) and all(isinstance(b, Bead) for b in result.beads)
    assert result.signature.startswith("align:") and "model:use-m3" in result.signature
    assert result.settings["model"] == "use-m3"
    assert 0.8 < result.doc_score <= 1.0
    assert {b.kind for b in result.pairs} == {"1-1", "2-1", "1-2"}


def test_output_is_deterministic(encoder):
    ko = (SAMPLES / "owl-bus.ko.txt").read_text("utf-8")
    en = (SAMPLES / "owl-bus.en.txt").read_text("utf-8")
    assert align_texts(ko, en, model=encoder) == align_texts(ko, en, model=encoder)


def test_texts_cut_beforehand_align_as_the_texts_do(encoder):
    ko = (SAMPLES / "owl-bus.ko.txt").read_text("utf-8")
    en = (SAMPLES / "owl-bus.en.txt").read_text("utf-8")
    cut = align_sentences(ko, en, sentences_of(ko), sentences_of(en), model=encoder)
    assert cut == align_texts(ko, en, model=encoder)


def test_pre_segmented_lines(encoder):
    result = align_texts("첫째 문장이다. 둘째도 여기 있다.\n경찰청은 협약을 맺었다.\n",
                         "The first sentence. The second is here too.\nThe police signed an agreement.\n",
                         model=encoder, split="lines")
    assert [(b.ko, b.en) for b in result.beads] == [((0,), (0,)), ((1,), (1,))]


def test_texts_that_are_not_translations_are_refused(tmp_path, encoder):
    ko = SAMPLES / "knpa-undp.ko.txt"
    with pytest.raises(NotTranslationError, match=r"owl-bus\.en\.txt: does not look like a translation .*document score"):
        align_files(ko, SAMPLES / "owl-bus.en.txt", model=encoder)


def test_a_loose_rewrite_sharing_one_sure_pair_is_aligned_not_refused(tmp_path, encoder):
    # the English edition keeps the Korean headline and tells another story: little pairs, but what pairs is sure
    ko, en = tmp_path / "rewrite.ko.txt", tmp_path / "rewrite.en.txt"
    ko.write_text("경찰청, UNDP와 손잡고 디지털 성범죄 대응 나선다\n\n"
                  + (SAMPLES / "owl-bus.ko.txt").read_text("utf-8").split("\n", 2)[2], "utf-8")
    en.write_text((SAMPLES / "knpa-undp.en.txt").read_text("utf-8"), "utf-8")
    result = align_files(ko, en, model=encoder)
    assert result.doc_score < 0.25
    assert any(b.score >= 0.9 and b.ko == (0,) for b in result.pairs)


def test_unrelated_pages_sharing_a_copied_line_are_still_refused(tmp_path, encoder):
    # "Photo: Yonhap" on both pages pairs near certainly, but a Korean side with no Korean proves nothing
    ko, en = tmp_path / "bus.ko.txt", tmp_path / "football.en.txt"
    ko.write_text((SAMPLES / "owl-bus.ko.txt").read_text("utf-8") + "\nPhoto: Yonhap\n", "utf-8")
    en.write_text("Son Heung-min scored twice as Tottenham beat Everton 3-1 on Saturday.\nPhoto: Yonhap\n"
                  "The win lifts Spurs to fourth place in the league table.\n"
                  "Manager Ange Postecoglou praised his captain after the match.\n", "utf-8")
    with pytest.raises(NotTranslationError, match="football.en.txt: does not look like a translation"):
        align_files(ko, en, model=encoder)
    en.write_text(en.read_text("utf-8").replace("Photo: Yonhap", "기사 이미지 확대 보기"), "utf-8")
    ko.write_text(ko.read_text("utf-8").replace("Photo: Yonhap", "기사 이미지 확대 보기"), "utf-8")
    with pytest.raises(NotTranslationError, match="football.en.txt: does not look like a translation"):
        align_files(ko, en, model=encoder)


def test_wrong_languages_name_the_file(encoder):
    ko, en = SAMPLES / "knpa-undp.ko.txt", SAMPLES / "knpa-undp.en.txt"
    with pytest.raises(InputError, match="knpa-undp.en.txt: is English .* swapped"):
        align_files(en, ko, model=encoder)
    with pytest.raises(InputError, match="knpa-undp.ko.txt: is Korean"):
        align_files(ko, ko, model=encoder)


def test_reports_show_the_seeded_omissions_additions_and_debris(sample_alignments):
    from align.summary import summarize
    knpa = summarize(sample_alignments["knpa-undp"])
    assert knpa.omissions == ["국내 디지털 성범죄는 꾸준히 늘고 있다."] and knpa.additions == []
    assert knpa.leftovers == {"ui": 2, "dateline": 1, "byline": 2, "timestamp": 1, "credit": 2,
                              "copyright": 2, "omission": 1}
    assert [m for _, _, m in knpa.flags] == ["numbers differ: 3천201 in Korean, 3,021 in English"]
    owl = summarize(sample_alignments["owl-bus"])
    assert owl.omissions == ["한편 시는 이용객 의견을 반영해 하반기에 노선을 추가로 조정할 방침이다."]
    assert owl.additions == ["The Owl Bus service was first launched in 2013."]
    assert owl.leftovers == {"timestamp": 1, "ui": 1, "dateline": 1, "marker": 1, "related": 1, "copyright": 1,
                             "omission": 1, "addition": 1}
    assert owl.ko.aligned_sentences == 10 and owl.en.aligned_sentences == 8


def test_flags_travel_on_the_pair_beads(sample_alignments):
    result = sample_alignments["knpa-undp"]
    flagged = [b for b in result.pairs if b.flags]
    assert len(flagged) == 1
    assert result.texts(flagged[0])[1] == "According to police statistics, such cases rose from 2,698 in 2019 to 3,021 in 2022."


def test_best_matches_of_leftovers_are_looked_for_near_their_place_in_a_long_text(monkeypatch):
    import numpy as np

    from align import pipeline
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(50, 8)), rng.normal(size=(30, 8))
    rows, places = [1, 4, 9, 20, 33, 49], [0, 2, 5, 12, 20, 30]
    whole = pipeline._best_match(x, y, rows, places)
    assert list(whole) == rows
    assert np.allclose([whole[r] for r in rows], [(x[r] @ y.T).max() for r in rows])
    monkeypatch.setattr(pipeline, "COSINE_CELLS", 60)  # a long text with many leftovers, as far as it knows
    monkeypatch.setattr(pipeline, "BEST_MATCH_REACH", 3)
    monkeypatch.setattr(pipeline, "BEST_MATCH_BLOCK", 2)
    near = pipeline._best_match(x, y, rows, places)
    assert list(near) == rows
    assert np.allclose([near[r] for r in rows], [(x[r] @ y[max(0, p - 3):p + 4].T).max() for r, p in zip(rows, places)])
