"""Consistency checks on aligned pairs: what differs is flagged and said; what is the same is not."""

from __future__ import annotations

import pytest

from align.checks import check_names, check_numbers, check_pair
from align.checks.numbers import english_numbers, korean_numbers


@pytest.mark.parametrize("text, values", [
    ("사건은 2019년 2천698건에서 2022년 3천201건으로 늘었다.", [2019, 2698, 2022, 3201]),
    ("94만 달러(약 12억원)", [940_000]),       # the won equivalent in brackets is a gloss
    ("94만 달러와 12억원", [940_000, 1_200_000_000]),
    ("1억1천만 달러짜리 설비", [110_000_000]),
    ("초당 12조3천억 번", [12.3e12]),
    ("하루 평균 1만2천 명", [12_000]),
    ("1,000.5원이다.", [1000.5]),
    ("3월 12일 개막", [3, 12]),
    ("27일 밝혔다", []),                     # a bare day (English writes a weekday) is not exact
    ("만들었다, 천천히, 백화점, 조사", []),   # unit syllables inside words are not numbers
])
def test_korean_numbers_are_read_as_values(text, values):
    assert [n.value for n in korean_numbers(text) if n.exact] == values


def test_english_numbers_and_number_words():
    found = {(n.value, n.exact) for n in english_numbers("a $940,000 fund, $110 million, 3,201 cases, three officers")}
    assert {(940_000, True), (110e6, True), (3201, True), (3, False)} <= found


@pytest.mark.parametrize("ko, en", [
    ("이번 사업에는 94만 달러의 기금이 투입된다.", "The project is backed by a $940,000 fund."),
    ("1억1천만 달러짜리 설비를 공개했다.", "They showed off the $110 million machine."),
    ("초당 12조3천억 번의 계산을 한다.", "It performs 12.3 trillion calculations a second."),
    ("경찰관 3명을 파견한다.", "Three officers will lecture."),
    ("경찰청은 27일 밝혔다.", "The agency said Sunday."),
    ("다음 달 1일부터 늘린다.", "It will rise on April 1."),
    ("3월 12일 개막한다.", "It opens on March 12."),
    ("35% 늘었다.", "It rose 35 percent."),
    ("94만 달러(약 12억원)의 기금", "a $940,000 fund"),     # the won equivalent is a gloss
    ("500억 달러를 요청했다.", "He asked for $50bn."),
    ("기금 50억 달러를 마련했다.", "They raised $5bn."),
    ("시속 150km의 강풍", "gusts of 90 mph"),               # converted units
    ("해발 2956m의 봉우리", "this 9,700-foot peak"),
    ("두 배로 늘었다.", "It doubled."),
])
def test_the_same_figures_are_not_flagged(ko, en):
    assert check_numbers(ko, en) == []


@pytest.mark.parametrize("ko, en, message", [
    ("2022년 3천201건으로 늘었다.", "rose to 3,021 in 2022.", "numbers differ: 3천201 in Korean, 3,021 in English"),
    ("2022년에 늘었다.", "It rose in 2023.", "numbers differ: 2022 in Korean, 2023 in English"),
    ("94만 달러와 12억원의 기금", "a $940,000 fund", "12억 in Korean has no match in English"),
    ("3월 12일 개막한다.", "It opens on March 13.", "numbers differ: 3월 12일 in Korean, March 13 in English"),
    ("기금을 마련했다.", "They raised $5 million.", "$5 million in English has no match in Korean"),
    ("기금 60억 달러를 마련했다.", "They raised $5bn.", "numbers differ: 60억 in Korean, $5bn in English"),
    ("2022년 3천201건에 158명이 다쳤다.", "In 2022, 3,201 cases hurt 101 people.", "numbers differ: 158 in Korean, 101 in English"),
])
def test_different_figures_are_flagged_saying_what_differs(ko, en, message):
    assert [f.message for f in check_numbers(ko, en)] == [message]


def test_latin_names_kept_in_korean_must_appear_in_english():
    assert check_names("UNDP와 협약을 맺었다.", "It signed a deal with the UNDP.") == []
    assert check_names("IOC는 거부했다.", "The International Olympic Committee refused.") == []
    assert check_names("국제올림픽위원회(IOC)는 거부했다.", "The committee refused.") == []  # a gloss
    assert check_names("10km를 달렸다.", "He ran 6 miles.") == []
    flags = check_names("UNDP와 KNPA가 협력한다.", "The UNDP and the police cooperate.")
    assert [f.message for f in flags] == ["KNPA in Korean is missing from the English"]
    assert all(f.kind == "name" for f in flags)


def test_a_name_may_appear_anywhere_in_the_english_article():
    assert check_pair("KNPA가 발표했다.", "The police announced it.", "Police (KNPA) ... The police announced it.") == ()


def test_check_pair_combines_both():
    kinds = [f.kind for f in check_pair("KNPA 사건은 3천201건이다.", "There were 3,021 cases.")]
    assert sorted(kinds) == ["name", "number"]
