"""Telling Korean from English input by script."""

from align.language import check_pair_languages, detect_language

KO = "경찰청은 UNDP와 함께 디지털 성범죄에 대응한다고 밝혔다."
EN = "The Korean National Police Agency will work with the UNDP."


def test_detects_korean_with_latin_acronyms_and_english():
    assert detect_language(KO) == "ko"
    assert detect_language(EN) == "en"
    assert detect_language("12345 !!!") == "other"


def test_names_the_file_at_fault():
    assert check_pair_languages(KO, EN) is None
    which, problem = check_pair_languages(EN, KO)
    assert which == 0 and "swapped" in problem
    which, problem = check_pair_languages(KO, KO)
    assert which == 1 and "must be English" in problem
    which, problem = check_pair_languages(EN, EN)
    assert which == 0 and "must be Korean" in problem
