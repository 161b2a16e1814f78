"""Leftover fragments named and explained: the labelled debris set, glued fragments, page edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from align import segment
from align.leftovers import classify_debris, classify_sentences, detach_glued

LABELLED = [line.split("\t") for line in (Path(__file__).parent / "data" / "debris_labelled.tsv")
            .read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
DEBRIS = [(label, text) for label, text in LABELLED if label != "sentence"]
SENTENCES = [text for label, text in LABELLED if label == "sentence"]


def test_the_labelled_set_is_large_and_in_both_languages():
    assert len(DEBRIS) >= 150 and len(SENTENCES) >= 150
    for group in (DEBRIS, [("sentence", t) for t in SENTENCES]):
        korean = sum(any("가" <= c <= "힣" for c in text) for _, text in group)
        assert 0.3 < korean / len(group) < 0.7


def test_debris_categories_are_at_least_95_percent_right():
    wrong = [(label, text, classify_debris(text)) for label, text in DEBRIS
             if (classify_debris(text) or (None,))[0] != label]
    assert 1 - len(wrong) / len(DEBRIS) >= 0.95, wrong


@pytest.mark.parametrize("text", SENTENCES)
def test_no_real_sentence_is_debris(text):
    assert classify_debris(text) is None


def test_a_fragment_glued_to_a_sentence_is_split_off_with_exact_spans():
    text = "경찰청장이 발언하고 있다 [사진=연합뉴스]\n[사진=뉴스1] 경찰청장이 27일 발언하고 있다."
    pieces = detach_glued(text, segment(text))
    assert [p.text for p in pieces] == ["경찰청장이 발언하고 있다", "[사진=연합뉴스]", "[사진=뉴스1]",
                                        "경찰청장이 27일 발언하고 있다."]
    assert all(text[p.start:p.end] == p.text for p in pieces)
    assert [p.index for p in pieces] == [0, 1, 2, 3]


def test_a_bare_name_is_a_byline_only_on_its_own_line_at_the_edge_of_the_page():
    body = " ".join(f"문장 {i}번이다." for i in range(12))
    text = f"{body}\n이영희\n"
    sentences = segment(text)
    assert classify_sentences(text, sentences)[-1][0] == "byline"
    text = f"이영희\n{body}"  # first line: also an edge
    assert classify_sentences(text, segment(text))[0][0] == "byline"
    middle = f"{body}\n이영희\n{body}"
    assert classify_sentences(middle, segment(middle))[12] is None
