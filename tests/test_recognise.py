"""Page debris recognised by what it is, on pages of a site the recogniser never saw.

The two pages below were written for these tests, in the shape of a news page of an
invented outlet: its menus, byline, times, bio, prompts and copyright are in no pattern
file and no labelled page. The benchmark on real pages of unseen outlets is
``benchmarks/bench_debris.py``; these pin the behaviour the pipeline relies on.
"""

from __future__ import annotations

import pytest

from align.leftovers import DebrisCall, recognise
from align.leftovers.boilerplate import normalised, recurring_lines
from align.pipeline import sentences_of

ENGLISH_PAGE = """Skip to main content
Morning Ledger
World | Business | Tech | Culture | Opinion
Port city opens new ferry terminal
By Dana Whitfield
Published 14 March 2025, 09:12 GMT
The city of Harborview opened a new ferry terminal on Friday, officials said.
The terminal cost 40 million dollars and will serve 2 million passengers a year.
"This connects our islands to the mainland," the mayor told reporters.
Construction began in 2022 and was delayed by two storms.
Dana Whitfield covers transport for the Morning Ledger. Write to her at dana.w@morningledger.example
Sign up for our morning newsletter
Share this story
© 2025 Morning Ledger Media Group. All rights reserved.
"""

KOREAN_PAGE = """본문 바로가기
한빛일보
정치 | 경제 | 사회 | 국제 | 문화 | 오피니언
항구도시에 새 여객터미널 문 열어
입력 2025.03.14 09:12 수정 2025.03.14 10:30
한빛시는 14일 새 여객터미널을 개장했다고 밝혔다.
터미널 건설에는 400억 원이 들었으며 연간 200만 명이 이용할 예정이다.
시장은 "섬과 육지를 잇는 다리가 될 것"이라고 말했다.
공사는 2022년 시작됐지만 두 차례 태풍으로 늦어졌다.
김도윤 기자 dykim@hanbit.example
기사 공유하기
Copyright ⓒ 한빛일보 무단전재 및 재배포 금지
"""

STORY = {
    "en": ["Port city opens new ferry terminal",
           "The city of Harborview opened a new ferry terminal on Friday, officials said.",
           "The terminal cost 40 million dollars and will serve 2 million passengers a year.",
           '"This connects our islands to the mainland," the mayor told reporters.',
           "Construction began in 2022 and was delayed by two storms."],
    "ko": ["항구도시에 새 여객터미널 문 열어", "한빛시는 14일 새 여객터미널을 개장했다고 밝혔다.",
           "터미널 건설에는 400억 원이 들었으며 연간 200만 명이 이용할 예정이다.",
           '시장은 "섬과 육지를 잇는 다리가 될 것"이라고 말했다.', "공사는 2022년 시작됐지만 두 차례 태풍으로 늦어졌다."],
}
FURNITURE = {
    "en": {"Skip to main content": "ui", "World | Business | Tech | Culture | Opinion": "ui",
           "By Dana Whitfield": "byline", "Published 14 March 2025, 09:12 GMT": "timestamp",
           "Share this story": "ui", "© 2025 Morning Ledger Media Group. All rights reserved.": "copyright"},
    "ko": {"본문 바로가기": "ui", "정치 | 경제 | 사회 | 국제 | 문화 | 오피니언": "ui",
           "입력 2025.03.14 09:12 수정 2025.03.14 10:30": "timestamp", "김도윤 기자 dykim@hanbit.example": "byline",
           "기사 공유하기": "ui", "Copyright ⓒ 한빛일보 무단전재 및 재배포 금지": "copyright"},
}
PAGES = {"en": ENGLISH_PAGE, "ko": KOREAN_PAGE}


@pytest.fixture(scope="module")
def calls(encoder):
    from align.embed import embed_runs
    out = {}
    for lang, page in PAGES.items():
        sentences = sentences_of(page)
        out[lang] = {s.text: c for s, c in zip(sentences, recognise(page, sentences, embed_runs(
            encoder, [s.text for s in sentences], 1)[0], encoder))}
    return out


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_story_itself_is_never_debris(calls, lang):
    for sentence in STORY[lang]:
        assert not calls[lang][sentence].is_debris, sentence


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_furniture_of_an_unseen_site_is_named_by_kind(calls, lang):
    for text, category in FURNITURE[lang].items():
        call = calls[lang][text]
        assert call.is_debris and call.category == category, (text, call)
        assert "debris probability" in call.reason


def test_every_segment_gets_one_call_and_probabilities_are_probabilities(encoder):
    sentences = sentences_of(ENGLISH_PAGE)
    result = recognise(ENGLISH_PAGE, sentences)  # without vectors: the evidence of the text and the page
    assert len(result) == len(sentences) and all(isinstance(c, DebrisCall) for c in result)
    assert all(0.0 <= c.probability <= 1.0 for c in result)
    assert all(c.is_debris == (c.category is not None) for c in result)
    assert recognise("", []) == []


def test_a_lower_naming_threshold_names_more_and_never_fewer(encoder):
    # the pipeline names its leftovers from a lower probability than a page's segments
    from align.embed import embed_runs
    sentences = sentences_of(ENGLISH_PAGE)
    vectors = embed_runs(encoder, [s.text for s in sentences], 1)[0]
    page = recognise(ENGLISH_PAGE, sentences, vectors, encoder)
    leftovers = recognise(ENGLISH_PAGE, sentences, vectors, encoder, name=0.35)
    assert [c.probability for c in page] == [c.probability for c in leftovers]
    assert all(b.is_debris for a, b in zip(page, leftovers) if a.is_debris)
    assert all(c.is_debris for c in leftovers if c.probability >= 0.35)
    assert all(c.is_debris for c in recognise(ENGLISH_PAGE, sentences, vectors, encoder, name=0.0))


def test_a_recogniser_given_is_the_one_that_judges(encoder):
    # a benchmark scores weights it has just fitted without touching the shipped ones
    from dataclasses import replace

    from align.leftovers.recognise import debris_model
    sentences = sentences_of(ENGLISH_PAGE)
    eager = replace(debris_model(), name=0.0, fix=0.0)
    assert all(c.is_debris and c.fixed for c in recognise(ENGLISH_PAGE, sentences, model=eager))
    assert not all(c.is_debris for c in recognise(ENGLISH_PAGE, sentences))


def test_lines_recurring_across_a_sources_documents_are_boilerplate():
    pages = [f"Morning Ledger\nStory number {i} happened on day {i}.\nSign up for our newsletter\n" for i in range(20)]
    recurring = recurring_lines(pages)
    assert recurring == {normalised("Morning Ledger"), normalised("Sign up for our newsletter")}
    assert recurring_lines(pages[:4]) == frozenset()  # a story and its updates may share lines: four prove nothing
    sentences = sentences_of(pages[0])
    calls = recognise(pages[0], sentences, boilerplate=recurring)
    assert [c.fixed for c in calls] == [True, False, True]
    assert "boilerplate" in calls[0].reason


def test_a_portal_byline_with_its_input_and_update_times_is_debris(encoder):
    from align.embed import embed_runs
    page = ("여야, 예산안 처리 놓고 막판 협상\n박서준 기자 입력 2024.12.01 09:12 업데이트 2024.12.01 11:40\n"
            "여야는 1일 내년도 예산안 처리를 위한 막판 협상에 들어갔다.\n양당 원내대표는 이날 오전 국회에서 만나 쟁점 예산을 논의했다.\n")
    sentences = sentences_of(page)
    calls = recognise(page, sentences, embed_runs(encoder, [s.text for s in sentences], 1)[0], encoder)
    assert [c.is_debris for c in calls] == [False, True, False, False]
    assert calls[1].category in ("byline", "timestamp")
