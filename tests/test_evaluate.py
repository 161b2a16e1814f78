"""`align eval`: Vecalign's strict and lax scores, unaligned P/R and the share of pairs a reviewer changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from align.cli import main
from align.errors import InputError
from align.evaluate import doc_counts, from_counts, read_beads, score
from conftest import SAMPLES

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
# right on 0-0 and on the leftover 3; splits the 2-1 into a 1-1 and a false leftover
TEST = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ())]
KO, EN = str(SAMPLES / "knpa-undp.ko.txt"), str(SAMPLES / "knpa-undp.en.txt")
KNPA_GOLD = str(SAMPLES / "knpa-undp.gold")


def test_strict_and_lax_scores_follow_vecalign():
    s = score(TEST, GOLD)
    assert s.precision_strict == 0.5      # 0-0 and the leftover 3, of four test beads
    assert s.precision_lax == 0.75        # the 1-1 overlaps the gold 2-1; the leftover 2 does not
    assert s.recall_strict == 0.5         # of the gold pairs 0-0 and 2-1, only 0-0 (null beads left out)
    assert s.recall_lax == 1.0
    assert s.f1_strict == 0.5
    assert s.f1_lax == pytest.approx(2 * 0.75 / 1.75)


def test_unaligned_scores_see_a_leftover_that_lax_scores_cannot():
    s = score(TEST, GOLD)
    assert s.unaligned_precision == 0.5   # 2 is wrongly left, 3 rightly
    assert s.unaligned_recall == 1.0


def test_changed_is_the_share_of_predicted_pairs_the_gold_does_not_hold():
    s = score(TEST, GOLD)
    assert (s.changed_pairs, s.predicted_pairs, s.changed) == (1, 2, 0.5)  # the 1-1 of 1 with 1 is not in the gold
    # a reviewer who only unlinked pairs changed them all, though the gold adds none
    assert score(GOLD, [((0,), ()), ((), (0,)), ((1,), ()), ((2,), ()), ((), (1,)), ((3,), ())]).changed == 1.0


def test_counts_add_up_over_documents():
    one = doc_counts(GOLD, TEST)
    two = from_counts(one + one)
    assert (two.f1_strict, two.unaligned_precision, two.changed) == (0.5, 0.5, 0.5)
    assert (two.changed_pairs, two.predicted_pairs) == (2, 4)


@st.composite
def alignments(draw, max_beads=12):
    """A monotone alignment covering every sentence once, with 1-1, merges and leftovers."""
    shapes = draw(st.lists(st.sampled_from([(1, 1), (1, 1), (2, 1), (1, 2), (2, 2), (1, 0), (0, 1)]),
                           min_size=1, max_size=max_beads))
    beads, i, j = [], 0, 0
    for a, b in shapes:
        beads.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return beads


@settings(max_examples=150, deadline=None)
@given(alignments())
def test_a_prediction_equal_to_the_gold_scores_one_everywhere(gold):
    assume(any(x and y for x, y in gold))  # with no pair at all, recall has nothing to find
    s = score(gold, gold)
    assert (s.changed, s.changed_pairs, s.predicted_pairs) == (0.0, 0, sum(bool(x and y) for x, y in gold))
    assert all(v == 1.0 for k, v in s.as_dict().items() if "changed" not in k and k != "predicted_pairs")


@settings(max_examples=150, deadline=None)
@given(alignments(), alignments(), st.randoms(use_true_random=False), st.integers(0, 50), st.integers(0, 50))
def test_scores_do_not_depend_on_bead_order_or_where_the_indices_start(pred, gold, rnd, ko_shift, en_shift):
    def moved(beads):
        out = [(tuple(i + ko_shift for i in x), tuple(j + en_shift for j in y)) for x, y in beads]
        rnd.shuffle(out)
        return out

    assert score(moved(pred), moved(gold)) == score(pred, gold)


@settings(max_examples=150, deadline=None)
@given(alignments(), alignments())
def test_scores_are_shares_and_strict_never_beats_lax(pred, gold):
    s = score(pred, gold)
    assert all(0.0 <= v <= 1.0 for k, v in s.as_dict().items() if k not in ("changed_pairs", "predicted_pairs"))
    assert s.precision_strict <= s.precision_lax and s.recall_strict <= s.recall_lax
    # without leftovers, recall is precision with the roles swapped (Vecalign's definition)
    pairs_only = [b for b in pred if b[0] and b[1]], [b for b in gold if b[0] and b[1]]
    if pairs_only[0] and pairs_only[1]:
        assert score(*pairs_only).recall_strict == score(*reversed(pairs_only)).precision_strict


def test_jsonl_with_a_project_header_and_vecalign_lines_read_alike(tmp_path):
    project = tmp_path / "project.jsonl"
    project.write_text(json.dumps({"project": "knpa", "edits": []}) + "\n"
                       + "".join(json.dumps({"document": "a", "kind": "x", "ko": list(x), "en": list(y)}) + "\n"
                                 for x, y in GOLD), "utf-8")
    vecalign = tmp_path / "a.gold"
    vecalign.write_text("[0]:[0]\n[1, 2]:[1]\n\n[3]:[]\n", "utf-8")
    assert read_beads(project) == read_beads(vecalign) == GOLD


@pytest.mark.parametrize("content, message", [
    ('{"ko": [0], "en": [0]}\n{"ko": [1], "en": [1\n', "bad.txt: line 2: not JSON"),
    ('{"ko": [0], "en": ["0"]}\n', "bad.txt: line 1: ko and en must be lists of sentence indices"),
    ('{"ko": [0], "en": [-1]}\n', "bad.txt: line 1: ko and en must be lists"),
    ("[0]:[0]\n[1]:[1]\nbanana\n", "bad.txt: line 3: 'banana' is not a bead"),
    ("[0]:[0]\n[1,,2]:[1]\n", "bad.txt: line 2: '[1,,2]:[1]' has an empty index"),
    ("[0]:[0]\n[0]:[1]\n", "bad.txt: line 2: Korean sentence 0 is already in the bead of line 1"),
    ('{"header": true}\n', "bad.txt: holds no bead"),
    ('{"document": "a", "ko": [0], "en": [0]}\n{"document": "b", "ko": [1], "en": [1]}\n', "holds 2 documents"),
    ("", "bad.txt: is empty"),
])
def test_a_malformed_file_is_one_error_naming_the_file_and_line(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_text(content, "utf-8")
    with pytest.raises(InputError) as err:
        read_beads(bad)
    assert message in str(err.value) and "\n" not in str(err.value)


@pytest.fixture(scope="module")
def knpa_jsonl(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval") / "knpa.jsonl"
    result = CliRunner().invoke(main, ["pair", KO, EN, "-f", "jsonl", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_eval_of_the_aligned_sample_against_its_gold_is_perfect(knpa_jsonl):
    result = CliRunner().invoke(main, ["eval", str(knpa_jsonl), KNPA_GOLD])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith("strict") and lines[1].endswith("F1 1.000")
    assert lines[4] == "changed    0 of 9 pairs (0.0%)"


def test_eval_json_measures_what_a_reviewer_changed(knpa_jsonl, tmp_path):
    # the reviewer unlinks the 2-1 pair [3,4]:[3] into three leftovers, and links the omission
    # [7]:[] with the next pair [8]:[7] into [7,8]:[7]; the project file starts with a header
    records = [json.loads(line) for line in knpa_jsonl.read_text("utf-8").splitlines()]
    corrected = [{"project": "knpa-undp", "edits": 2}]
    for r in records:
        if r["ko"] == [3, 4]:
            corrected += [{"ko": [3], "en": []}, {"ko": [4], "en": []}, {"ko": [], "en": [3]}]
        elif r["ko"] == [7]:
            corrected.append({"ko": [7, 8], "en": [7], "verified": True})
        elif r["ko"] != [8]:
            corrected.append({"ko": r["ko"], "en": r["en"]})
    gold = tmp_path / "knpa.review.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in corrected), "utf-8")
    result = CliRunner().invoke(main, ["eval", "--json", str(knpa_jsonl), str(gold)])
    assert result.exit_code == 0, result.output
    f = json.loads(result.stdout)
    assert (f["changed_pairs"], f["predicted_pairs"]) == (2, 9)    # [3,4]:[3] and [8]:[7], of 9 pairs
    assert f["precision_strict"] == pytest.approx(17 / 20)         # 20 beads, all but those two and [7]:[]
    assert f["precision_lax"] == pytest.approx(18 / 20)            # [8]:[7] overlaps [7,8]:[7]
    assert f["recall_strict"] == pytest.approx(7 / 8)              # 8 corrected pairs, [7,8]:[7] the new one
    assert f["unaligned_precision"] == pytest.approx(10 / 11)      # 11 left alone, Korean 7 no longer
    assert f["unaligned_recall"] == pytest.approx(10 / 13)         # 13 now, Korean 3, 4 and English 3 new
    assert f["pred"] == str(knpa_jsonl) and f["gold"] == str(gold)


def test_eval_of_a_bad_file_is_one_line_and_exit_1(knpa_jsonl, tmp_path):
    bad = tmp_path / "bad.gold"
    bad.write_text("[0]:[0]\n[1]:oops\n", "utf-8")
    result = CliRunner().invoke(main, ["eval", str(knpa_jsonl), str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"Error: {bad}: line 2: '[1]:oops' is not a bead such as [0,1]:[0]"]
    assert CliRunner().invoke(main, ["eval", str(knpa_jsonl)]).exit_code == 2


def test_a_gold_of_other_texts_is_refused_but_a_filtered_prediction_is_scored(knpa_jsonl, tmp_path):
    owl_gold = str(Path(KNPA_GOLD).with_name("owl-bus.gold"))
    result = CliRunner().invoke(main, ["eval", str(knpa_jsonl), owl_gold])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {knpa_jsonl}: does not align the texts {owl_gold} aligns: 16 Korean sentences, the gold has 14"]
    kept = tmp_path / "kept.jsonl"  # what --drop debris kept: some sentences in no bead
    kept.write_text("".join(line + "\n" for line in knpa_jsonl.read_text("utf-8").splitlines()
                            if json.loads(line)["category"] not in ("ui", "byline", "copyright")), "utf-8")
    assert CliRunner().invoke(main, ["eval", str(kept), KNPA_GOLD]).exit_code == 0
