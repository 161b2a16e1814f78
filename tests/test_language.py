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


# --- identification of the language, not only the script (py3langid) ---

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from align.cli import main  # noqa: E402
from conftest import SAMPLES  # noqa: E402

FOREIGN = Path(__file__).parent / "data" / "foreign"
NAMES = {"fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "id": "Indonesian",
         "ja": "Japanese", "zh": "Chinese", "pt": "Portuguese", "nl": "Dutch", "vi": "Vietnamese", "ru": "Russian",
         "sv": "Swedish", "tr": "Turkish"}
KO_PAGE = (SAMPLES / "owl-bus.ko.txt").read_text("utf-8")
EN_PAGE = (SAMPLES / "owl-bus.en.txt").read_text("utf-8")


@pytest.mark.parametrize("path", sorted(FOREIGN.rglob("*.txt")), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_foreign_edition_is_refused_naming_the_side_and_the_language(path):
    code, text = path.stem, path.read_text("utf-8")
    for paragraph in (text, text.split("\n\n")[0]):  # a whole story, or its first paragraph only
        as_english = check_pair_languages(KO_PAGE, paragraph)
        assert as_english is not None and as_english[0] == 1 and f"is {NAMES[code]} (detected {code})" in as_english[1]
        as_korean = check_pair_languages(paragraph, EN_PAGE)
        assert as_korean is not None and as_korean[0] == 0 and NAMES[code] in as_korean[1]


def test_mixed_pages_are_not_refused():
    menu = "\nHome | World | Business | Sign in | Subscribe\nⓒ The Korea Daily. All rights reserved.\n"
    korean_with_english_menus = menu + KO_PAGE + menu * 3
    english_with_korean_names = EN_PAGE.replace("Seoul", "Seoul (서울)") + "\n기사 제보: 홍길동 기자\n"
    assert check_pair_languages(korean_with_english_menus, english_with_korean_names) is None
    # a line or two of English is too short to judge by its words: its script decides
    assert check_pair_languages("경찰이 발표했다.", "Testosterone") is None


def test_pair_refuses_a_french_english_edition_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["pair", str(SAMPLES / "knpa-undp.ko.txt"), str(FOREIGN / "fr.txt"),
                                       "-o", str(tmp_path / "out.tsv")])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "fr.txt: is French (detected fr), not English" in result.stderr and not list(tmp_path.iterdir())
    japanese = CliRunner().invoke(main, ["pair", str(FOREIGN / "ja.txt"), str(SAMPLES / "knpa-undp.en.txt")])
    assert japanese.exit_code == 1 and "ja.txt: is Japanese (detected ja), not Korean" in japanese.stderr


def test_batch_records_a_wrong_language_side_in_errors_and_goes_on(tmp_path):
    for name, ko, en in (("good", SAMPLES / "owl-bus.ko.txt", SAMPLES / "owl-bus.en.txt"),
                         ("french", SAMPLES / "knpa-undp.ko.txt", FOREIGN / "fr.txt")):
        (tmp_path / f"{name}.ko.txt").write_bytes(ko.read_bytes())
        (tmp_path / f"{name}.en.txt").write_bytes(en.read_bytes())
    (tmp_path / "pairs.tsv").write_text("id\tko\ten\ngood\tgood.ko.txt\tgood.en.txt\nfr-edition\tfrench.ko.txt\t"
                                        "french.en.txt\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "pairs.tsv"), "-o", str(tmp_path / "out"), "-w", "1"])
    assert result.exit_code == 1 and "1 of 2 pairs failed" in result.stderr
    (error,) = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text("utf-8").splitlines()]
    assert error["id"] == "fr-edition" and "french.en.txt: is French (detected fr), not English" in error["error"]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert (summary["done"], summary["failed"]) == (1, 1)


def test_plain_english_is_accepted_without_loading_the_language_model(monkeypatch):
    def no_model():
        raise AssertionError("the language model was loaded for plainly English text")

    monkeypatch.setattr("align.language._model", no_model)
    assert check_pair_languages(KO_PAGE, EN_PAGE) is None
