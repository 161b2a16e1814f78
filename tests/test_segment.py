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


# The traps of issue 16, in cases written while the rules were written; the held-out cases,
# written apart from the rules, are scored by benchmarks/bench_segment.py.
@pytest.mark.parametrize("text, expected", [
    ("The deal went to Hanwha Ocean Co. Ltd. Shares of the firm jumped 5 percent.",
     ["The deal went to Hanwha Ocean Co. Ltd.", "Shares of the firm jumped 5 percent."]),
    ("Voting closed at 9 a.m. Officials began counting at once.",
     ["Voting closed at 9 a.m.", "Officials began counting at once."]),
    ("The plant belongs to Doosan Corp. Workers there went on strike.",
     ["The plant belongs to Doosan Corp.", "Workers there went on strike."]),
    ("Trading opens at 9 a.m. Monday.", ["Trading opens at 9 a.m. Monday."]),
    ("Polls close at 8 p.m. KST on Wednesday.", ["Polls close at 8 p.m. KST on Wednesday."]),
    ("Samsung Electronics Co. Chairman Lee Jae-yong visited the plant.",
     ["Samsung Electronics Co. Chairman Lee Jae-yong visited the plant."]),
    ("It was bought by LG Corp. CEO Koo Kwang-mo signed it.", ["It was bought by LG Corp. CEO Koo Kwang-mo signed it."]),
])
def test_an_abbreviation_ends_a_sentence_before_a_capitalised_one(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The index rose 3%.The won fell.", ["The index rose 3%.", "The won fell."]),
    ("He resigned.Officials declined to comment.", ["He resigned.", "Officials declined to comment."]),
    ('The minister said.“We will act.”', ["The minister said.", "“We will act.”"]),
    ("Is it over?Nobody knows.", ["Is it over?", "Nobody knows."]),
    ("정말 끝났나?”그는 고개를 저었다.", ["정말 끝났나?”", "그는 고개를 저었다."]),
    ("Visit yna.co.kr or news.Naver.com for more.", ["Visit yna.co.kr or news.Naver.com for more."]),
    ("It grew 3.5 percent in the U.S.A. last year.", ["It grew 3.5 percent in the U.S.A. last year."]),
])
def test_sentences_joined_without_a_space_are_split(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("설명회는 2024. 3. 5.(화) 오후 2시 시청에서 열린다.", ["설명회는 2024. 3. 5.(화) 오후 2시 시청에서 열린다."]),
    ("접수 기간은 2023. 11. 1. ~ 11. 30.이다. 자세한 내용은 누리집을 참고하면 된다.",
     ["접수 기간은 2023. 11. 1. ~ 11. 30.이다.", "자세한 내용은 누리집을 참고하면 된다."]),
    ("협약식은 24. 6. 12. 14:00에 열렸다.", ["협약식은 24. 6. 12. 14:00에 열렸다."]),
    ("공고일은 2022. 9. 7. 신청은 다음 달부터 받는다.", ["공고일은 2022. 9. 7.", "신청은 다음 달부터 받는다."]),
])
def test_korean_dotted_dates_stay_inside_their_sentence(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("그는 소설 『우리는 어디로 가는가?』를 펴냈다. 반응은 뜨거웠다.",
     ["그는 소설 『우리는 어디로 가는가?』를 펴냈다.", "반응은 뜨거웠다."]),
    ("영화 ‘괜찮아?’는 관객 100만 명을 넘었다.", ["영화 ‘괜찮아?’는 관객 100만 명을 넘었다."]),
    ("“왜 우리만?”이라는 불만이 나왔다.", ["“왜 우리만?”이라는 불만이 나왔다."]),
    ("그는 “이제 끝이다.”이날 회견은 짧았다.", ["그는 “이제 끝이다.”", "이날 회견은 짧았다."]),
])
def test_a_quote_closed_inside_a_korean_word_does_not_end_the_sentence(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("소방대원들이 불을 끄고 있다 경찰은 화재 원인을 조사했다",
     ["소방대원들이 불을 끄고 있다", "경찰은 화재 원인을 조사했다"]),
    ("시민들이 광장에 모였다 행사는 밤늦게까지 이어진다", ["시민들이 광장에 모였다", "행사는 밤늦게까지 이어진다"]),
    ("일을 하다 보니 늦었다", ["일을 하다 보니 늦었다"]),
    ("비가 왔다 하더라도 경기는 열린다.", ["비가 왔다 하더라도 경기는 열린다."]),
    ("그가 왔다는 소식에 모두 놀랐다.", ["그가 왔다는 소식에 모두 놀랐다."]),
])
def test_korean_sentences_without_final_punctuation_are_split(text, expected):
    assert texts(text) == expected


def test_datelines_are_split_off():
    assert texts("(서울=연합뉴스) 홍길동 기자 = 경찰청은 24일 발표했다.") == [
        "(서울=연합뉴스) 홍길동 기자 =", "경찰청은 24일 발표했다."]
    assert texts("SEOUL, Nov. 24 (Yonhap) -- South Korea said it would act.") == [
        "SEOUL, Nov. 24 (Yonhap) --", "South Korea said it would act."]


@pytest.mark.parametrize("text, expected", [
    ("[스포츠한국 박민지 기자] 가수 한별이 새 앨범을 냈다.", ["[스포츠한국 박민지 기자]", "가수 한별이 새 앨범을 냈다."]),
    ("[경제투데이 오상훈 선임기자]반도체 수출이 늘었다.", ["[경제투데이 오상훈 선임기자]", "반도체 수출이 늘었다."]),
    ("[뉴스원] 정하늘 기자 = 시의회가 예산을 의결했다.", ["[뉴스원] 정하늘 기자 =", "시의회가 예산을 의결했다."]),
    ("[Daily Ledger Reporter Han Byul] Seoul's mayor took office on Monday.",
     ["[Daily Ledger Reporter Han Byul]", "Seoul's mayor took office on Monday."]),
    ("(The reporter was in Busan) He saw it.", ["(The reporter was in Busan) He saw it."]),
    # a bracket that only names a series or a topic stays with its headline
    ("[기획] 지방 소멸의 현장", ["[기획] 지방 소멸의 현장"]),
])
def test_bracketed_bylines_are_split_off_the_lede(text, expected):
    assert texts(text) == expected


def test_bylines_glued_inside_a_line_open_a_segment_however_many_there_are():
    assert texts("반도체 수출 반등[테크일보=한별 기자] 수출이 늘었다.") == [
        "반도체 수출 반등", "[테크일보=한별 기자]", "수출이 늘었다."]
    # a photo credit stays with the caption it credits
    assert texts("박지성 [사진=뉴스원]") == ["박지성 [사진=뉴스원]"]
    # a scraped page that repeats one thousands of times is cut without recursion
    page = "속보 " + "기사 [서울=뉴스원] " * 5000 + "끝났다."
    assert len(texts(page)) == 10_001


def test_an_email_after_the_last_sentence_is_its_own_segment():
    assert texts("금리는 소폭 내렸다. kimjh@newsco.kr") == ["금리는 소폭 내렸다.", "kimjh@newsco.kr"]
    assert texts("Rates fell slightly. j.kim@newsco.com") == ["Rates fell slightly.", "j.kim@newsco.com"]
    # an address inside a sentence does not cut it
    assert texts("Write to tips@newsco.com for details.") == ["Write to tips@newsco.com for details."]


def test_a_line_break_is_a_hard_boundary_and_headlines_stand_alone():
    result = segment("경찰, 디지털 성범죄 대응 강화\n\n경찰청은 발표했다. 이어서 말했다.\n기사 이미지 확대 보기")
    assert [s.text for s in result] == ["경찰, 디지털 성범죄 대응 강화", "경찰청은 발표했다.", "이어서 말했다.",
                                        "기사 이미지 확대 보기"]
    assert [s.paragraph for s in result] == [0, 1, 1, 1]


@pytest.mark.parametrize("blank", ["\n\n", "\r\n\r\n", "\r\r", "\u2029\u2029", "\n \u00a0\t\n", "\n\u3000\r\n"])
def test_a_blank_line_ends_a_paragraph_whatever_breaks_and_spaces_it_is_made_of(blank):
    # pages copied from a browser leave no-break spaces on their blank lines; old Mac files break on \r
    result = segment(f"정부가 대책을 내놨다.{blank}시장은 반응했다.\n이어 말했다.")
    assert [s.text for s in result] == ["정부가 대책을 내놨다.", "시장은 반응했다.", "이어 말했다."]
    assert [s.paragraph for s in result] == [0, 1, 1]


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


@pytest.mark.parametrize("split", ["auto", "lines"])
def test_text_with_no_sentence_punctuation_is_cut_at_spaces_into_bounded_pieces(split):
    from align.segment.splitter import MAX_SENTENCE_CHARS
    text = " ".join(["경찰은 사건을 조사했고"] * 400) + "\n" + "police said " * 300
    sentences = segment(text, split)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    assert "".join("".join(s.text.split()) for s in sentences) == "".join(text.split())
    assert all(not s.text[0].isspace() and not s.text[-1].isspace() for s in sentences)


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


@pytest.mark.parametrize("text, expected", [
    # a stage direction in brackets ends its sentence; a state's abbreviation does only before an opener
    ("We will win. (Laughter.) I mean it.", ["We will win.", "(Laughter.)", "I mean it."]),
    ("She moved to Tampa (Fla.) The city welcomed her.", ["She moved to Tampa (Fla.)", "The city welcomed her."]),
    # a year runs into a word only after a written date
    ("He sold the 2021Hyundai sedan last week.", ["He sold the 2021Hyundai sedan last week."]),
    ("in March 2019Photo: Reuters", ["in March 2019", "Photo: Reuters"]),
    # a time or a ratio in brackets is no speaker's tag
    ("개막식은 [부산/15:00] 시작됐다.", ["개막식은 [부산/15:00] 시작됐다."]),
    ("찬반은 [2/5 : 3/5] 비율이었다.", ["찬반은 [2/5 : 3/5] 비율이었다."]),
    # a score with a dash is no dateline
    ("At Anfield, Liverpool 2 - Leeds 0 after a late goal.", ["At Anfield, Liverpool 2 - Leeds 0 after a late goal."]),
])
def test_the_new_cuts_leave_ordinary_sentences_alone(text, expected):
    assert texts(text) == expected


def test_equal_width_lines_that_end_no_sentence_are_not_a_hard_wrap():
    headlines = ("Samsung Electronics reports record quarterly profit on chips\n"
                 "SK Hynix expands its chip plant in Cheongju with new lines\n"
                 "Hyundai Motor unveils its new electric sedan for Europe\n"
                 "LG Energy Solution signs a battery deal with a US carmaker\n")
    assert len(segment(headlines)) == 4
    table = "Seoul     9,411,000     9,602,000     up 2\nBusan     3,310,000     3,402,000     up 3\n" * 3
    assert len(segment(table)) == 6


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\u2028"])
def test_a_hard_wrap_is_found_whatever_breaks_the_lines(brk):
    lines = ["정부는 내년 예산안을 확정하면서 지역 균형 발전을 위한 사업비를 크게 늘",
             "렸다고 밝혔다. 특히 농어촌 지역의 교통망 확충과 의료 시설 개선에 예산",
             "을 집중 배정했으며 청년 일자리 사업도 대폭 확대하기로 했다. 재정 당국은",
             "올해보다 세수가 늘어날 것으로 내다봤다.", "사진=연합뉴스"]
    got = texts(brk.join(lines))
    assert len(got) == 4 and got[-1] == "사진=연합뉴스"


def test_a_long_text_of_one_word_a_line_is_not_running_text_and_an_article_is():
    from align.segment.shape import WORD_LIST_LINES, not_running_text
    words = " ".join(["경찰은 5일 서울 종로구에서 집회를 열었다고 밝혔다."] * 4000).split()
    one_a_line = "\n".join(words[:WORD_LIST_LINES + 10])
    assert "is not running text" in not_running_text(one_a_line) and "--split lines" in not_running_text(one_a_line)
    assert not_running_text("\n".join(words[:WORD_LIST_LINES - 1])) is None  # below the size that costs minutes
    article = "\n".join(["The police said on Monday that the rally went ahead."] * (WORD_LIST_LINES + 10))
    assert not_running_text(article) is None


def test_subtitles_a_drama_script_and_a_page_of_menus_are_running_text_enough():
    from align.segment.shape import not_running_text
    subtitles = "\n".join(f"{i}\n00:0{i % 10}:01,000 --> 00:0{i % 10}:03,000\n네 알겠어요\n" for i in range(1, 1500))
    script = "\n".join(f"철수\n{line}" for line in ["어디 가?", "집에 가.", "같이 가자."] * 700)
    portal = "\n".join(["정치", "경제", "사회", "전체메뉴 열기", "로그인"] * 380) + "\n경찰은 5일 집회를 열었다고 밝혔다."
    assert not_running_text(subtitles) is None and not_running_text(script) is None
    assert not_running_text(portal) is None
