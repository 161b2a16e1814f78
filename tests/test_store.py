"""The batch part store: parts are JSON data, checked on read; a bad part is redone, never executed."""

import json
import pickle

from align.batch.manifest import Entry
from align.batch.store import PartStore
from align.batch.worker import PairResult
from align.types import Alignment, Bead, Flag, Sentence

KO, EN = "첫 문장이다. 둘째 문장이다.\n\n기사 이미지 확대 보기", "The first sentence. The second one."


def alignment() -> Alignment:
    ko = [Sentence(0, "첫 문장이다.", 0, 7, 0), Sentence(1, "둘째 문장이다.", 8, 16, 0),
          Sentence(2, "기사 이미지 확대 보기", 18, 30, 1)]
    en = [Sentence(0, "The first sentence.", 0, 19, 0), Sentence(1, "The second one.", 20, 35, 0)]
    beads = [Bead((0,), (0,), 0.97, "1-1", flags=(Flag("number", "3 ≠ 4"),)), Bead((1,), (1,), 0.91, "1-1"),
             Bead((2,), (), 0.0, "leftover", "ko", "ui", "a site string")]
    return Alignment(KO, EN, ko, en, beads, 0.93, "align:x|merge_costs:0.1,0.2",
                     {"model": "use-m3", "merge_costs": (0.1, 0.2)}, "doc.ko.txt")


def entry(entry_id: str = "a/b c") -> Entry:
    return Entry(entry_id, "k.txt", "e.txt", {"url": "https://x", "rank": 3, "note": None})


def test_a_committed_result_reads_back_equal(tmp_path):
    store = PartStore(tmp_path)
    for result in (PairResult(entry(), alignment()), PairResult(entry("failed"), error="k.txt: no such file")):
        store.commit(result)
        assert store.done(result.entry.id) and store.load(result.entry.id) == result


def test_parts_are_json_not_pickles_and_a_planted_pickle_is_never_loaded(tmp_path):
    store = PartStore(tmp_path)
    store.commit(PairResult(entry(), alignment()))
    path = store.path("a/b c")
    assert path.suffix == ".json" and path.read_bytes().startswith(b"{")

    class Boom:
        def __reduce__(self):
            return (exec, ("open(%r, 'w').write('pwned')" % str(tmp_path / "pwned"),))
    path.write_bytes(pickle.dumps(Boom()))
    assert store.load("a/b c") is None and not store.done("a/b c")
    assert not (tmp_path / "pwned").exists()


def test_truncated_malformed_or_foreign_parts_are_redone(tmp_path):
    store = PartStore(tmp_path)
    store.commit(PairResult(entry(), alignment()))
    whole = store.path("a/b c").read_text("utf-8")
    for bad in (whole[: len(whole) // 2], "[]", whole.replace('"doc.ko.txt"', "7"),
                whole.replace("[0, 7, 0]", "[0, 999, 0]"), whole.replace("[[2], []", "[[9], []")):
        store.path("a/b c").write_text(bad, encoding="utf-8")
        assert not store.done("a/b c"), bad[:80]
    # another id's part copied under this name is not taken for this id
    store.commit(PairResult(entry("other"), alignment()))
    store.path("a/b c").write_bytes(store.path("other").read_bytes())
    assert not store.done("a/b c")


def test_ids_alike_in_their_first_80_characters_get_their_own_files(tmp_path):
    store = PartStore(tmp_path)
    stem = "x" * 100
    ids = [stem + "1", stem + "2", stem.replace("x", "é"), "a b", "a_b", "a/b"]
    assert len({store.path(i) for i in ids}) == len(ids)
    assert all(len(store.path(i).name) < 120 for i in ids)


def test_parts_made_with_other_settings_are_redone_not_mixed(tmp_path):
    PartStore(tmp_path, "align:1|split:auto").commit(PairResult(entry(), alignment()))
    assert PartStore(tmp_path, "align:1|split:auto").load("a/b c") == PairResult(entry(), alignment())
    assert not PartStore(tmp_path, "align:1|split:lines").done("a/b c")
    assert json.loads(PartStore(tmp_path).path("a/b c").read_text("utf-8"))["settings"] == "align:1|split:auto"
