"""The segmenter: exact spans, nothing lost, and the cases news text throws at it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align import segment


def texts(text, **kw):
    return [s.text for s in segment(text, **kw)]


@pytest.mark.parametrize("text, expected", [
    ("경제가 흔들리고 있다. 그는 이렇게 말했다.", ["경제가 흔들리고 있다.", "그는 이렇게 말했다."]),
    ("정부는 발표했다.그는 반대했다.", ["정부는 발표했다.", "그는 반대했다."]),
    ("“경제가 어렵다.”라고 말했다. 다음 문장이다.", ["“경제가 어렵다.”라고 말했다.", "다음 문장이다."]),
    ("그는 “끝났다”고 말했다. “이제 시작이다.” 그가 덧붙였다.",
     ["그는 “끝났다”고 말했다.", "“이제 시작이다.”", "그가 덧붙였다."]),
    ("정말요?그렇다고 합니다. 맞죠? 네.", ["정말요?", "그렇다고 합니다.", "맞죠?", "네."]),
    ("미국은 1.5% 성장했다. 1,000.5원이다.", ["미국은 1.5% 성장했다.", "1,000.5원이다."]),
    ("美에너지省은 밝혔다. 다음이다.", ["美에너지省은 밝혔다.", "다음이다."]),
    ("사과, 배, 감 등. 그리고 끝이다.", ["사과, 배, 감 등.", "그리고 끝이다."]),
])
def test_korean_sentences(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('He said, "It is over." Then he left.', ['He said, "It is over."', "Then he left."]),
    ('"It is over," he said. "We lost."', ['"It is over," he said.', '"We lost."']),
    ("Mr. Kim met Dr. Lee at 9 a.m. Monday.", ["Mr. Kim met Dr. Lee at 9 a.m. Monday."]),
    ("It grew in the U.S. The rest did not.", ["It grew in the U.S.", "The rest did not."]),
    ("U.S. President Joe Biden spoke.", ["U.S. President Joe Biden spoke."]),
    ("Samsung Electronics Co. said it earned $1.2 billion. Shares rose 3.5%.",
     ["Samsung Electronics Co. said it earned $1.2 billion.", "Shares rose 3.5%."]),
    ("Kim J. H. arrived. No. 3 left on Jan. 5.", ["Kim J. H. arrived.", "No. 3 left on Jan. 5."]),
    ('"Why?" he asked. Nobody knew...', ['"Why?" he asked.', "Nobody knew..."]),
    ("Wait... what happened? It ended.", ["Wait... what happened?", "It ended."]),
    ("Use version 2.0.1 today. E.g. this works.", ["Use version 2.0.1 today.", "E.g. this works."]),
])
def test_english_sentences(text, expected):
    assert texts(text) == expected


def test_datelines_are_split_off():
    assert texts("(서울=연합뉴스) 홍길동 기자 = 경찰청은 24일 발표했다.") == [
        "(서울=연합뉴스) 홍길동 기자 =", "경찰청은 24일 발표했다."]
    assert texts("SEOUL, Nov. 24 (Yonhap) -- South Korea said it would act.") == [
        "SEOUL, Nov. 24 (Yonhap) --", "South Korea said it would act."]


def test_a_line_break_is_a_hard_boundary_and_headlines_stand_alone():
    result = segment("경찰, 디지털 성범죄 대응 강화\n\n경찰청은 발표했다. 이어서 말했다.\n기사 이미지 확대 보기")
    assert [s.text for s in result] == ["경찰, 디지털 성범죄 대응 강화", "경찰청은 발표했다.", "이어서 말했다.",
                                        "기사 이미지 확대 보기"]
    assert [s.paragraph for s in result] == [0, 1, 1, 1]


def test_soft_wrapped_english_lines_are_joined():
    result = segment("The body begins here and\ncontinues on the next line. Done.")
    assert [s.text for s in result] == ["The body begins here and\ncontinues on the next line.", "Done."]


def test_lines_mode_takes_each_line_as_it_is():
    assert texts("One. Two.\n\n  Three  \n", split="lines") == ["One. Two.", "Three"]


def test_spans_point_into_the_original_text():
    text = "  첫 문장이다.  둘째 문장이다.\n\nThird one. Fourth.  "
    for s in segment(text):
        assert text[s.start:s.end] == s.text


_alphabet = st.sampled_from(list("가나다라 마바사.!?“”\"'()\n\n  abcXYZ.,0123") + ["U.S.", "Mr.", "…", "다.", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=80).map("".join), st.sampled_from(["auto", "lines"]))
def test_spans_cover_every_non_space_character_once_in_order(text, split):
    sentences = segment(text, split=split)
    covered = [False] * len(text)
    last_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert last_end <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text == s.text.strip()
        for k in range(s.start, s.end):
            covered[k] = True
        last_end = s.end
    assert all(covered[k] or text[k].isspace() for k in range(len(text)))
    assert [s.paragraph for s in sentences] == sorted(s.paragraph for s in sentences)


def _hard_cases():
    path = Path(__file__).parent / "data" / "segmentation_cases.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", _hard_cases(), ids=lambda c: c["id"])
def test_hard_cases_from_news_pages(case):
    assert texts(case["text"]) == case["sentences"]
