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
    # news about disclaimers, articles, corrections and tips is news
    "이 기사는 지난 3일 보도된 뒤 큰 파장을 일으켰다.",
    "해당 기사는 A씨가 직접 작성한 것으로 확인됐다.",
    "해당 칼럼은 지난 5일 지면에 실렸다.",
    "정정보도 청구 소송에서 법원은 원고 패소 판결을 내렸다.",
    "금융당국은 투자 판단의 책임은 투자자 본인에게 있다고 강조했다.",
    "전문가들은 증권사 리포트는 투자 참고용일 뿐이라고 지적했다.",
    "He insisted the views expressed in the post are his own, not the party's.",
    "Google said the opinions expressed in the leaked memo do not represent the company's values.",
    "This report was published by the UN Human Rights Council on Tuesday and accuses both sides of war crimes.",
    "The story was published on Monday and drew wide criticism.",
    "Do you have a tip for first-time buyers? Experts say start small.",
    "Police said they had received a tip about the car.",
])
def test_real_sentences_are_not_debris(text):
    assert classify_debris(text) is None
