"""The reviewer's edits: what each does, what each refuses, and the invariant no sequence of them breaks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.types import Bead, Sentence
from align_review.edits import (EditError, Review, accept, apply, cycle_category,
                                edit_text, invariant_problem, link, merge, move, set_category, split, unlink)


def sentences(texts):
    out, start = [], 0
    for i, t in enumerate(texts):
        out.append(Sentence(i, t, start, start + len(t), 0))
        start += len(t) + 1
    return tuple(out)


def review_of(spec, ko_texts=None, en_texts=None) -> Review:
    """A review from (ko, en, category) beads over sentences named k0.. and e0.."""
    n_ko = sum(len(b[0]) for b in spec)
    n_en = sum(len(b[1]) for b in spec)
    ko = sentences(ko_texts or [f"k{i}." for i in range(n_ko)])
    en = sentences(en_texts or [f"e{j}." for j in range(n_en)])
    beads = tuple(Bead(k, e, 0.8, f"{len(k)}-{len(e)}") if k and e else
                  Bead(k, e, 0.0, "leftover", "ko" if k else "en", cat, "x")
                  for k, e, cat in spec)
    review = Review(ko, en, tuple(s.text for s in ko), tuple(s.text for s in en), beads)
    assert invariant_problem(review) is None
    return review


def shape(review):
    return [(b.ko, b.en) for b in review.beads]


BASE = [((0,), (0,), None), ((1, 2), (1,), None), ((3,), (), "omission"), ((), (2,), "addition"),
        ((4,), (3, 4), None), ((), (5,), "ui"), ((), (6,), "copyright")]


def test_merge_joins_a_bead_with_the_next_into_a_verified_pair():
    r = apply(review_of(BASE), merge(review_of(BASE), 0))
    assert shape(r)[0] == ((0, 1, 2), (0, 1)) and r.beads[0].kind == "3-2" and r.beads[0].verified
    assert r.beads[0].score == 1.0  # a pair a person made was not scored by the model


def test_split_cuts_after_the_first_sentences_and_leaves_the_rest_as_leftovers():
    r = apply(review_of(BASE), split(review_of(BASE), 1))
    assert shape(r)[1:3] == [((1,), (1,)), ((2,), ())]
    assert r.beads[2].category == "omission" and r.beads[2].verified
    r = apply(review_of(BASE), split(review_of(BASE), 4, ko_cut=0, en_cut=1))
    assert shape(r)[4:6] == [((), (3,)), ((4,), (4,))]


def test_unlink_makes_every_sentence_of_a_pair_a_leftover_korean_first():
    r = apply(review_of(BASE), unlink(review_of(BASE), 4))
    assert shape(r)[4:7] == [((4,), ()), ((), (3,)), ((), (4,))]
    assert [b.category for b in r.beads[4:7]] == ["omission", "addition", "addition"]


def test_link_joins_a_leftover_to_a_neighbouring_pair_or_a_leftover_of_the_other_side():
    base = review_of(BASE)
    assert shape(apply(base, link(base, 2, 1)))[2] == ((3,), (2,))
    assert shape(apply(base, link(base, 2, -1)))[1] == ((1, 2, 3), (1,))
    assert shape(apply(base, link(base, 5, -1)))[4] == ((4,), (3, 4, 5))


def test_move_shifts_one_boundary_sentence_and_keeps_the_rest():
    base = review_of(BASE)
    down = apply(base, move(base, 1, "ko", 1))  # k2 leaves (k1 k2 : e1) for the next bead, a leftover of k3
    assert shape(down)[1:4] == [((1,), (1,)), ((2,), ()), ((3,), ())]
    up = apply(base, move(base, 1, "ko", -1))   # k1 joins the pair above
    assert shape(up)[:2] == [((0, 1), (0,)), ((2,), (1,))] and up.beads[0].kind == "2-1"
    beside = apply(base, move(base, 4, "en", -1))  # e3 has no pair above (an English leftover): left alone
    assert shape(beside)[3:6] == [((), (2,)), ((), (3,)), ((4,), (4,))]


def test_category_and_accept_and_text():
    base = review_of(BASE)
    r = apply(base, set_category(base, 5, "addition"))
    assert r.beads[5].category == "addition" and r.beads[5].verified and "was ui" in r.beads[5].reason
    assert apply(base, cycle_category(base, 5, -1)).beads[5].category == "addition"
    assert apply(base, cycle_category(base, 2, 1)).beads[2].category == "ui"
    assert apply(base, accept(base, 0)).beads[0].verified
    edited = apply(base, edit_text(base, "en", 0, "E zero, edited."))
    assert edited.en_now[0] == "E zero, edited." and edited.en[0].text == "e0."  # the original is kept
    assert edited.beads[0].verified


def test_editing_a_figure_checks_the_pair_again():
    base = review_of([((0,), (0,), None)], ["사건은 3천201건으로 증가했다."], ["Cases rose to 3,201."])
    wrong = apply(base, edit_text(base, "en", 0, "Cases rose to 3,021."))
    assert [f.kind for f in wrong.beads[0].flags] == ["number"]
    right = apply(wrong, edit_text(wrong, "en", 0, "Cases rose to 3,201 in 2022."))
    assert right.beads[0].flags == ()


@pytest.mark.parametrize("make, message", [
    (lambda r: merge(r, 6), "no next bead"),
    (lambda r: merge(r, 5), "both English leftovers"),
    (lambda r: split(r, 0), "nothing to split"),
    (lambda r: split(r, 1, ko_cut=2, en_cut=1), "cannot be cut"),
    (lambda r: unlink(r, 2), "no pair to unlink"),
    (lambda r: link(r, 0), "not a leftover"),
    (lambda r: link(r, 5, 1), "both English leftovers"),
    (lambda r: link(r, 6, 1), "no next bead"),
    (lambda r: move(r, 0, "ko", -1), "no previous bead"),
    (lambda r: move(r, 3, "ko", 1), "no Korean sentence"),
    (lambda r: set_category(r, 2, "addition"), "not a category of a Korean leftover"),
    (lambda r: set_category(r, 0, "ui"), "only a leftover"),
    (lambda r: accept(accept_all(r), 0), "already verified"),
    (lambda r: edit_text(r, "ko", 0, "   "), "cannot be empty"),
    (lambda r: edit_text(r, "ko", 99, "x"), "no ko sentence 99"),
    (lambda r: merge(r, -1), "no bead -1"),
])
def test_invalid_edits_are_refused_with_a_reason(make, message):
    with pytest.raises(EditError, match=message):
        make(review_of(BASE))


def accept_all(review):
    return Review(review.ko, review.en, review.ko_now, review.en_now,
                  tuple(Bead(b.ko, b.en, b.score, b.kind, b.side, b.category, b.reason, b.flags, True)
                        for b in review.beads))


def test_a_change_made_on_another_state_or_breaking_the_invariant_is_refused():
    base = review_of(BASE)
    change = merge(base, 0)
    merged = apply(base, change)
    with pytest.raises(EditError, match="another state"):
        apply(merged, change)  # stale: the beads it replaces are gone
    crossing = change.__class__("forged", 0, base.beads[:2],
                                (Bead((1, 2), (0,), 1.0, "2-1"), Bead((0,), (1,), 1.0, "1-1")))
    with pytest.raises(EditError, match="in order"):
        apply(base, crossing)


# --- any sequence of edits ---------------------------------------------------------------------------

EDITS = st.one_of(
    st.tuples(st.just("merge"), st.integers(-1, 12)),
    st.tuples(st.just("split"), st.integers(-1, 12), st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("unlink"), st.integers(-1, 12)),
    st.tuples(st.just("link"), st.integers(-1, 12), st.sampled_from([1, -1, 2])),
    st.tuples(st.just("move"), st.integers(-1, 12), st.sampled_from(["ko", "en", "fr"]), st.sampled_from([1, -1])),
    st.tuples(st.just("cycle"), st.integers(-1, 12), st.sampled_from([1, -1])),
    st.tuples(st.just("accept"), st.integers(-1, 12)),
    st.tuples(st.just("text"), st.sampled_from(["ko", "en"]), st.integers(-1, 8), st.text(max_size=5)),
)
OPS = {"merge": merge, "split": split, "unlink": unlink, "link": link, "move": move, "cycle": cycle_category,
       "accept": accept, "text": edit_text}


@settings(max_examples=300, deadline=None)
@given(st.lists(EDITS, max_size=25))
def test_any_sequence_of_edits_keeps_every_sentence_in_one_bead_in_order_and_undoes_exactly(edits):
    state = review_of(BASE)
    history = [state]
    changes = []
    for name, *args in edits:
        try:
            change = OPS[name](state, *args)
            new = apply(state, change)
        except EditError:
            continue  # refused: nothing changed (the review is immutable), and it is said why
        assert invariant_problem(new) is None
        assert new != state
        changes.append(change)
        history.append(new)
        state = new
    for change, before in zip(reversed(changes), reversed(history[:-1])):
        state = apply(state, change.inverse())
        assert state == before
