"""`align match`: two unpaired folders of articles in, the manifest `align batch` reads out.

Articles: the two samples and the pairs of tests/data/match/ (short news written for these
tests), renamed so nothing but the text can pair them, with a Korean and an English article
that have no partner.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from align.batch import read_manifest
from align.cli import main
from align.match import DEFAULT_THRESHOLD, match_directories
from align.match.assign import link
from align.match.candidates import candidate_pairs, top_k
from align.match.evidence import EvidenceWeights, english_evidence, korean_evidence
from conftest import SAMPLES

DATA = Path(__file__).resolve().parent / "data" / "match"
# true pairs: Korean file -> English file, each under a name that says nothing of its partner
PAIRS = {SAMPLES / "knpa-undp.ko.txt": SAMPLES / "knpa-undp.en.txt", SAMPLES / "owl-bus.ko.txt": SAMPLES / "owl-bus.en.txt",
         DATA / "library.ko.txt": DATA / "library.en.txt", DATA / "heatwave.ko.txt": DATA / "heatwave.en.txt"}
ALONE_KO, ALONE_EN = DATA / "baseball.ko.txt", DATA / "museum.en.txt"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """Two folders (Korean, English) and the truth: Korean file name -> English file name."""
    root = tmp_path_factory.mktemp("crawl")
    ko_dir, en_dir = root / "ko", root / "en"
    ko_dir.mkdir()
    en_dir.mkdir()
    truth = {}
    for n, (ko, en) in enumerate(PAIRS.items()):
        # the English names run the other way, so sorting the names pairs nothing
        shutil.copy(ko, ko_dir / f"ko-{n}.txt")
        shutil.copy(en, en_dir / f"en-{len(PAIRS) - n}.txt")
        truth[f"ko-{n}.txt"] = f"en-{len(PAIRS) - n}.txt"
    shutil.copy(ALONE_KO, ko_dir / "ko-alone.txt")
    shutil.copy(ALONE_EN, en_dir / "en-alone.txt")
    return ko_dir, en_dir, truth


@pytest.fixture(scope="module")
def result(crawl, encoder):
    return match_directories(crawl[0], crawl[1], model=encoder)


def test_the_true_pairs_are_found_one_to_one(crawl, result):
    found = {Path(m.ko).name: Path(m.en).name for m in result.matches}
    assert found == crawl[2]
    assert all(DEFAULT_THRESHOLD <= m.score <= 1 for m in result.matches)
    # figures and names both editions give are reported with the pair
    knpa = next(m for m in result.matches if Path(m.ko).name == "ko-0.txt")
    assert "UNDP" in knpa.evidence and knpa.evidence.startswith("sentences ")


def test_documents_without_partner_are_left_unmatched_with_the_reason(result):
    alone = {Path(u.path).name: u for u in result.unmatched}
    assert set(alone) == {"ko-alone.txt", "en-alone.txt"}
    assert alone["ko-alone.txt"].side == "ko" and alone["en-alone.txt"].side == "en"
    for u in alone.values():
        assert u.reason.startswith(f"below threshold {DEFAULT_THRESHOLD:g} (best: ")


def test_the_result_names_model_and_settings(result):
    assert f"|task:match|model:use-m3|threshold:{DEFAULT_THRESHOLD:g}|margin:" in result.signature


def test_a_higher_threshold_leaves_weaker_pairs_unmatched(crawl, encoder):
    weakest = min(m.score for m in match_directories(crawl[0], crawl[1], model=encoder).matches)
    strict = match_directories(crawl[0], crawl[1], model=encoder, threshold=weakest + 0.001)
    assert len(strict.matches) == len(crawl[2]) - 1
    assert sum(u.reason.startswith(f"below threshold {weakest + 0.001:g}") for u in strict.unmatched) == 4


def test_unreadable_files_and_pages_of_the_other_language_are_listed_not_fatal(tmp_path, crawl, encoder):
    ko_dir = tmp_path / "ko"
    shutil.copytree(crawl[0], ko_dir)
    (ko_dir / "broken.txt").write_bytes(b"")
    # an English page in the Korean crawl, which would otherwise pair with its own copy
    shutil.copy(SAMPLES / "owl-bus.en.txt", ko_dir / "english.txt")
    result = match_directories(ko_dir, crawl[1], model=encoder)
    assert {Path(m.ko).name: Path(m.en).name for m in result.matches} == crawl[2]
    reasons = {Path(u.path).name: u.reason for u in result.unmatched}
    assert reasons["broken.txt"] == "unreadable: is empty"
    assert reasons["english.txt"] == "not Korean text (too few Hangul letters)"


def test_cli_writes_the_manifest_align_batch_reads(tmp_path, crawl):
    manifest = tmp_path / "pairs.tsv"
    run = CliRunner().invoke(main, ["match", str(crawl[0]), str(crawl[1]), "-o", str(manifest)])
    assert run.exit_code == 0, run.output
    assert "4 pairs in" in run.output and "align:" in run.output
    entries = read_manifest(manifest)
    assert {Path(e.ko).name: Path(e.en).name for e in entries} == crawl[2]
    assert all(Path(e.ko).is_file() and Path(e.en).is_file() for e in entries)
    assert set(entries[0].meta) == {"score", "evidence"}
    # paths are relative to the manifest's folder, as `align batch` takes them
    rows = list(csv.DictReader(manifest.read_text("utf-8").splitlines(), delimiter="\t"))
    assert all(not Path(r["ko"]).is_absolute() for r in rows)
    unmatched = list(csv.DictReader((tmp_path / "pairs.unmatched.tsv").read_text("utf-8").splitlines(),
                                    delimiter="\t"))
    assert sorted(Path(r["path"]).name for r in unmatched) == ["en-alone.txt", "ko-alone.txt"]
    assert all(r["reason"] for r in unmatched)
    out = tmp_path / "out"
    batch = CliRunner().invoke(main, ["batch", str(manifest), "-o", str(out), "--workers", "1", "-q"])
    assert batch.exit_code == 0, batch.output
    assert (out / "corpus.jsonl").read_text("utf-8").count("\n") > 20


def test_cli_threshold_option(tmp_path, crawl):
    manifest = tmp_path / "pairs.tsv"
    run = CliRunner().invoke(main, ["match", str(crawl[0]), str(crawl[1]), "-o", str(manifest),
                                    "--threshold", "0.99", "-q"])
    assert run.exit_code == 0 and run.output == ""
    assert manifest.read_text("utf-8") == "id\tko\ten\tscore\tevidence\n"
    assert (tmp_path / "pairs.unmatched.tsv").read_text("utf-8").count("below threshold 0.99") == 10


@pytest.mark.parametrize("problem", ["empty", "missing"])
def test_cli_an_empty_or_missing_folder_is_a_one_line_error(tmp_path, crawl, problem):
    folder = tmp_path / "ko"
    if problem == "empty":
        folder.mkdir()
    manifest = tmp_path / "pairs.tsv"
    run = CliRunner().invoke(main, ["match", str(folder), str(crawl[1]), "-o", str(manifest)])
    assert run.exit_code == 1
    assert run.output.count("\n") == 1 and str(folder) in run.output
    assert ("holds no documents" if problem == "empty" else "no such folder") in run.output
    assert not manifest.exists() and not (tmp_path / "pairs.unmatched.tsv").exists()


def test_a_folder_of_unreadable_files_only_is_an_error(tmp_path, crawl):
    folder = tmp_path / "ko"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x00\x01\x02" * 30)
    run = CliRunner().invoke(main, ["match", str(folder), str(crawl[1]), "-o", str(tmp_path / "m.tsv")])
    assert run.exit_code == 1
    assert run.output == f"Error: {folder}: holds no Korean document that can be read (1 files; a.txt: " \
                         "unreadable: is a binary file, not text)\n"


# -- the parts, as properties ---------------------------------------------------------------

def unit_rows(draw_seed: int, n: int, dim: int = 8) -> np.ndarray:
    x = np.random.default_rng(draw_seed).normal(size=(n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@given(st.integers(0, 10_000), st.integers(1, 30), st.integers(1, 30), st.integers(1, 6))
@settings(max_examples=60, deadline=None)
def test_top_k_is_the_exact_nearest_both_ways(seed, n, m, k):
    x, y = unit_rows(seed, n), unit_rows(seed + 1, m)
    sims = x @ y.T
    for index, cos, full in zip(top_k(x, y, k)[::2], top_k(x, y, k)[1::2], (sims, sims.T)):
        assert np.allclose(cos, np.sort(full, axis=1)[:, ::-1][:, :min(k, full.shape[1])], atol=1e-6)
        assert np.allclose(np.take_along_axis(full, index, axis=1), cos, atol=1e-6)


def test_top_k_over_many_blocks(monkeypatch):
    import align.match.candidates as candidates
    monkeypatch.setattr(candidates, "COSINE_CELLS", 50)  # blocks of a few rows: the column view is merged
    x, y = unit_rows(1, 40), unit_rows(2, 17)
    _, _, index, cos = candidates.top_k(x, y, 5)
    assert np.allclose(cos, np.sort((x @ y.T).T, axis=1)[:, ::-1][:, :5], atol=1e-6)
    assert np.allclose(np.take_along_axis((x @ y.T).T, index, axis=1), cos, atol=1e-6)


@given(st.integers(0, 10_000), st.integers(1, 20), st.integers(1, 20), st.integers(1, 4))
@settings(max_examples=60, deadline=None)
def test_every_document_gets_candidates_and_each_pair_appears_once(seed, n, m, k):
    i, j = candidate_pairs(unit_rows(seed, n), unit_rows(seed + 1, m), k)
    assert set(i.tolist()) == set(range(n)) and set(j.tolist()) == set(range(m))
    assert len(set(zip(i.tolist(), j.tolist()))) == len(i)


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.floats(0, 1)), min_size=1, max_size=40,
                unique_by=lambda t: t[:2]),
       st.floats(0, 1), st.sampled_from([0.0, 0.05]))
@settings(max_examples=150, deadline=None)
def test_linking_is_one_to_one_above_threshold_and_explains_the_rest(cands, threshold, margin):
    i, j, s = (np.array(v) for v in zip(*cands))
    names = {"ko": [f"k{n}" for n in range(7)], "en": [f"e{n}" for n in range(7)]}
    links, reasons = link(i, j, s.astype(np.float64), threshold, margin, names)
    assert len({x.ko for x in links}) == len(links) == len({x.en for x in links})
    assert all(x.score >= threshold for x in links)
    taken = {("ko", x.ko) for x in links} | {("en", x.en) for x in links}
    every = {("ko", a) for a in i.tolist()} | {("en", b) for b in j.tolist()}
    assert set(reasons) == every - taken and all(reasons.values())
    # a pair is only left when something better, or too close, stands in its way
    for doc, reason in reasons.items():
        assert reason.startswith(("below threshold", "its best partner", "ambiguous"))


def test_evidence_agrees_on_figures_and_names_across_the_languages():
    ko = korean_evidence("UNDP는 올해 예산 94만 달러를 배정했다. 회의는 3월 12일 열린다.")
    en = english_evidence("The UNDP allotted $940,000 this year. The meeting is on March 12.")
    other = english_evidence("Samsung sold 3,021 phones in Busan.")
    weights = EvidenceWeights([ko], [en, other])
    share, account = weights.agreement(ko, en)
    assert share == 1.0 and "names 1/1 (UNDP)" in account
    assert weights.agreement(ko, other)[0] == 0.0
    assert weights.agreement(korean_evidence("오늘은 맑다."), english_evidence("It is sunny."))[0] is None


def test_document_vectors_are_weighted_means_and_page_furniture_weighs_nothing(encoder, monkeypatch):
    import align.match.vectors as vectors
    from align.match.documents import Document
    from align.pipeline import sentences_of

    monkeypatch.setattr(vectors, "_BATCH", 2)  # documents summed a few at a time
    menu = "로그인 회원가입 구독신청"
    texts = [f"{menu}\n\n시청은 {n}일 새 도서관을 열었다고 밝혔다. 도서관에는 책 {n}천 권이 있다.\n" for n in range(1, 8)]
    docs = [Document(f"d{n}", t, tuple(sentences_of(t))) for n, t in enumerate(texts)]
    side = vectors.embed_side(encoder, docs)
    for n, doc in enumerate(docs):
        v, w = side.sentences_of(n)
        assert np.isclose(w.sum(), 1.0)
        mean = (v * w[:, None]).sum(axis=0)
        assert np.allclose(side.docs[n], mean / np.linalg.norm(mean), atol=1e-5)
        # the menu line recurs on every page: page furniture, whatever it says
        assert w[[s.text for s in doc.sentences].index(menu)] == 0


def test_manifest_ids_are_unique_and_paths_relative_to_the_manifest(tmp_path):
    from align.match import DocumentMatch, MatchResult, MatchSettings, Unmatched, manifest_files
    pairs = [DocumentMatch(str(tmp_path / "ko" / name), str(tmp_path / "en" / f"{n}.txt"), 0.9, "sentences 0.90")
             for n, name in enumerate(["story.txt", "story.md", "a\tb.txt"])]
    result = MatchResult(tuple(pairs), (Unmatched(str(tmp_path / "en" / "x.txt"), "en", "below threshold"),),
                         MatchSettings("use-m3", 0.435, 0.02, 8))
    files = manifest_files(result, tmp_path / "out" / "pairs.tsv")
    (tmp_path / "out").mkdir()
    for path, content in files.items():
        Path(path).write_text(content, encoding="utf-8")
    entries = read_manifest(tmp_path / "out" / "pairs.tsv")
    assert [e.id for e in entries] == ["story.txt", "story.md", "a\tb"]
    assert [Path(e.ko).resolve() for e in entries] == [Path(p.ko).resolve() for p in pairs]
    assert set(files) == {str(tmp_path / "out" / "pairs.tsv"), str(tmp_path / "out" / "pairs.unmatched.tsv")}
    assert files[str(tmp_path / "out" / "pairs.unmatched.tsv")] == "path\tside\treason\n../en/x.txt\ten\tbelow threshold\n"


def test_cli_refuses_a_manifest_inside_an_input_folder(crawl):
    before = sorted(p.name for p in crawl[0].iterdir())
    run = CliRunner().invoke(main, ["match", str(crawl[0]), str(crawl[1]), "-o", str(crawl[0] / "ko-0.txt")])
    assert run.exit_code == 2 and "inside the input folder" in run.output
    assert sorted(p.name for p in crawl[0].iterdir()) == before
    assert (crawl[0] / "ko-0.txt").read_bytes() == (SAMPLES / "knpa-undp.ko.txt").read_bytes()


def test_link_says_why_each_document_was_left():
    names = {"ko": ["k0", "k1", "k2"], "en": ["e0", "e1", "e2"]}
    # k0-e0 is clear; k1 wants e0 too but e0 is taken; k2 has two partners too close to tell apart
    i, j = np.array([0, 1, 2, 2]), np.array([0, 0, 1, 2])
    scores = np.array([0.9, 0.6, 0.71, 0.70])
    links, reasons = link(i, j, scores, threshold=0.5, margin=0.02, names=names)
    assert [(x.ko, x.en) for x in links] == [(0, 0)]
    assert reasons[("ko", 1)] == "its best partner e0 (0.60) matched k0 better (0.90)"
    assert reasons[("ko", 2)] == "ambiguous: e1 (0.71) and e2 (0.70) are within the margin 0.02"
    assert reasons[("en", 1)] == "ambiguous: its best partner k2 (0.71) fits e2 nearly as well (0.70, margin 0.02)"
    # without the margin the better one is taken, and the other is below nothing but its rival
    links, reasons = link(i, j, scores, threshold=0.5, margin=0.0, names=names)
    assert [(x.ko, x.en) for x in links] == [(0, 0), (2, 1)]
    assert reasons[("en", 2)] == "its best partner k2 (0.70) matched e1 better (0.71)"


def test_folders_fifos_and_copies_are_listed_and_one_copy_is_matched(tmp_path, crawl, encoder):
    ko_dir, en_dir = tmp_path / "ko", tmp_path / "en"
    shutil.copytree(crawl[0], ko_dir)
    shutil.copytree(crawl[1], en_dir)
    (ko_dir / "old").mkdir()
    shutil.copy(ALONE_KO, ko_dir / "old" / "story.txt")
    os.mkfifo(en_dir / "pipe")
    shutil.copy(ko_dir / "ko-1.txt", ko_dir / "ko-1b.txt")  # the same article saved twice
    result = match_directories(ko_dir, en_dir, model=encoder)
    assert {Path(m.ko).name: Path(m.en).name for m in result.matches} == crawl[2]  # ko-1.txt sorts first
    reasons = {Path(u.path).name: (u.side, u.reason) for u in result.unmatched}
    assert reasons["story.txt"] == ("ko", "in a subfolder: not read")
    assert reasons["pipe"] == ("en", "not a regular file")
    assert reasons["ko-1b.txt"] == ("ko", f"duplicate of {ko_dir / 'ko-1.txt'}")
    assert len(reasons) == len(result.unmatched) == 5  # and the two articles that have no partner


def test_cli_threshold_nan_is_a_usage_error(tmp_path, crawl):
    run = CliRunner().invoke(main, ["match", str(crawl[0]), str(crawl[1]), "-o", str(tmp_path / "m.tsv"),
                                    "--threshold", "nan"])
    assert run.exit_code == 2 and "'nan' is not a number" in run.output
    assert not (tmp_path / "m.tsv").exists()
