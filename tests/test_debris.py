"""Page debris is recognised from the text, and real sentences never are."""

import pytest

from align.leftovers import classify_debris


@pytest.mark.parametrize("text, category", [
    ("기사 이미지 확대 보기", "ui"),
    ("닫기", "ui"),
    ("페이스북 트위터 카카오톡", "ui"),
    ("Facebook Twitter Email", "ui"),
    ("<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", "copyright"),
    ("Copyright © The Korea Times. All rights reserved.", "copyright"),
    ("ⓒ 서울신문 무단전재 및 재배포 금지", "copyright"),
    ("(END)", "marker"),
    ("(끝)", "marker"),
    ("입력 2024.03.12 10:30 수정 2024.03.12 14:05", "timestamp"),
    ("Posted : Nov. 27, 2022, 15:20 Updated : Nov. 27, 2022, 18:02", "timestamp"),
    ("Photograph by Yoo Dae-gil = dbeorlf123@ajunews.com", "credit"),
    ("[사진=연합뉴스]", "credit"),
    ("[JoongAng Photo]", "credit"),
    ("김민준 기자 mjkim@yna.co.kr", "byline"),
    ("By Kim Joo-heon Posted : October 20, 2023, 16:09 Updated : October 20, 2023, 17:30", "byline"),
    ("By Lee Ji-yoon", "byline"),
    ("(서울=연합뉴스) 홍길동 기자 =", "dateline"),
    ("SEOUL, Nov. 24 (Yonhap) --", "dateline"),
    ("▶ 관련기사: 서울 택시 기본요금 4천800원으로 인상", "related"),
    ("A man walks past a display of televisions in Seoul on Monday. (Yonhap)", "caption"),
    # standing notes of the trade, whatever the outlet
    ("※ 외부 기고는 본지의 편집 방향과 다를 수 있습니다.", "notice"),
    ("본 기사는 투자 참고용이며, 투자 판단의 최종 책임은 투자자 본인에게 있습니다.", "notice"),
    ("* 이 기사는 지역신문발전기금을 지원받아 작성되었습니다.", "notice"),
    ("[알려왔습니다] 지난달 12일자 보도와 관련해 해당 업체는 사실이 아니라고 알려왔습니다.", "notice"),
    ("The opinions expressed in this column are those of the author and do not reflect the paper's views.",
     "notice"),
    ("Editor's note: Names have been changed to protect the family.", "notice"),
    ("This story was originally published by CalMatters and is republished with permission.", "notice"),
    ("Got a tip? Email the newsroom at tips@example.com.", "notice"),
])
def test_debris_is_named(text, category):
    assert classify_debris(text)[0] == category


@pytest.mark.parametrize("text", [
    "경찰청은 27일 UNDP 서울정책센터와 업무협약을 맺었다고 밝혔다.",
    "문의는 help@police.go.kr로 하면 된다.",
    "By Monday, the government will decide.",
    "Reporters said the government had lied.",
    "The copyright lawsuit was filed in 2020.",
    "Photographs by amateurs flooded social media.",
    "수정 예산안은 2023년 12월 국회를 통과했다.",
    "The project is backed by a $940,000 fund.",
    "오세훈 서울시장은 \"늦은 밤에도 시민들이 안전하게 집에 갈 수 있도록 하겠다\"고 말했다.",
    "Share prices rose 3 percent on Tuesday.",
    "Close to 3,000 people attended the rally.",
    # news about disclaimers, articles and tips is news
    "이 기사는 지난 3일 보도된 뒤 큰 파장을 일으켰다.",
    "금감원은 투자자 보호를 위해 공시 기준을 바꾸겠다고 밝혔다.",
    "He said the views expressed in the memo were his own.",
    "The story was published on Monday and drew wide criticism.",
    "Police said they had received a tip about the car.",
])
def test_real_sentences_are_not_debris(text):
    assert classify_debris(text) is None
