"""The review project on disk (saved at every edit, resumed exactly, crash-safe), the exports, the CLI,
and the server's refusals."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from align.cli import main
from align.errors import InputError
from align_review import EditError, Project, export, open_review
from align_review.server import ReviewServer
from conftest import SAMPLES
from review_helpers import BROKEN, FIXES, GOLD_PAIRS, broken_project, gold_texts, request

ROOT = Path(__file__).resolve().parents[1]
DTD = Path(__file__).parent / "data" / "tmx14-subset.dtd"
EDIT_OPS = {"x": ("unlink", {}), "s": ("split", {}), "C": ("cycle_category", {"step": -1}),
            "L": ("link", {"step": -1}), "m": ("merge", {})}


def fix(project: Project) -> None:
    for i, key in FIXES:
        op, args = EDIT_OPS[key]
        project.edit(op, i=i, **args)


def pairs_of(project: Project) -> set:
    return {(b.ko, b.en) for b in project.review.beads if not b.is_leftover}


def test_the_project_is_the_alignment_as_jsonl_plus_a_header_and_resumes_exactly(tmp_path):
    project = broken_project(tmp_path)
    lines = project.path.read_text("utf-8").splitlines()
    header = json.loads(lines[0])
    assert project.path.name == "knpa-undp.ko.review.jsonl" and header["format"] == "align-review/1"
    assert header["inputs"]["ko"]["path"] == "knpa-undp.ko.txt" and len(header["inputs"]["en"]["sha256"]) == 64
    records = [json.loads(line) for line in lines[1:]]
    assert len(records) == len(BROKEN) and not any(r["verified"] for r in records)
    assert set(records[0]) >= {"kind", "ko", "en", "ko_text", "en_text", "ko_spans", "score", "category", "flags"}
    fix(project)
    project.edit("text", side="en", index=7, text="Cases rose from 2,698 in 2019 to 3,201 in 2022.")
    again = Project.open(project.path)
    assert again.review == project.review and again.version == len(FIXES) + 1
    assert pairs_of(again) == GOLD_PAIRS
    assert again.review.en[7].text.endswith("3,021 in 2022.")  # the original text is kept, and its span
    log = project.log_path.read_text("utf-8").splitlines()
    assert [json.loads(line)["op"] for line in log] == ["unlink", "split", "category", "link", "merge", "text"]
    again.undo()
    assert Project.open(project.path).review.en_now[7] == project.review.en[7].text
    for _ in range(len(FIXES)):
        again.undo()  # the undo history survives reopening
    assert [(b.ko, b.en) for b in Project.open(project.path).review.beads] == [(k, e) for k, e, _, _ in BROKEN]


def test_an_edit_logged_but_not_saved_when_the_server_died_is_made_again_at_open(tmp_path, monkeypatch):
    project = broken_project(tmp_path)
    project.edit("merge", i=5)
    saved = project.path.read_bytes()
    project.edit("split", i=10)
    project.path.write_bytes(saved)  # the state file as it was before the split: the crash came in between
    with project.log_path.open("a", encoding="utf-8") as fh:
        fh.write('{"seq": 3, "op": "unl')  # and the edit in flight was half written
    again = Project.open(project.path)
    assert again.review == project.review and again.version == 2
    assert project.log_path.read_text("utf-8").endswith("}\n")  # the half line is cut off, not built upon
    again.edit("unlink", i=17)
    assert Project.open(project.path).version == 3


def test_review_of_ko_en_aligns_them_into_a_new_project_next_to_the_korean_file(tmp_path, encoder):
    ko, en = (shutil.copy(SAMPLES / f"knpa-undp.{side}.txt", tmp_path) for side in ("ko", "en"))
    project = open_review(ko, en, model=encoder)
    assert project.path == tmp_path / "knpa-undp.ko.review.jsonl" and project.path.exists()
    assert pairs_of(project) == GOLD_PAIRS and project.version == 0
    assert json.loads(project.path.read_text("utf-8").splitlines()[0])["settings"]["model"] == "use-m3"


def test_review_of_ko_en_resumes_its_project_and_refuses_changed_inputs(tmp_path):
    project = broken_project(tmp_path)
    project.edit("accept", i=0)
    ko, en = tmp_path / "knpa-undp.ko.txt", tmp_path / "knpa-undp.en.txt"
    assert open_review(ko, en).review == project.review  # no new alignment, no lost work
    en.write_text(en.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    result = CliRunner().invoke(main, ["review", str(ko), str(en), "--no-browser"])
    assert result.exit_code == 1 and "is not the file the review" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("content, problem", [
    ("", "is not a review project"),
    ('{"format": "align-review/1"}\n', "line 1: not a valid review record"),
])
def test_a_file_that_is_not_a_project_is_refused_in_one_line(tmp_path, content, problem):
    path = tmp_path / "x.review.jsonl"
    path.write_text(content, "utf-8")
    result = CliRunner().invoke(main, ["export", str(path), "-o", str(tmp_path / "out.tmx")])
    assert result.exit_code == 1 and problem in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out.tmx").exists()


def test_a_project_whose_beads_lose_a_sentence_is_refused(tmp_path):
    project = broken_project(tmp_path)
    lines = project.path.read_text("utf-8").splitlines()
    project.path.write_text("\n".join(lines[:3] + lines[4:]) + "\n", "utf-8")
    with pytest.raises(Exception, match="not a whole alignment"):
        Project.open(project.path)


def test_align_export_writes_a_tmx_whose_units_are_the_gold_pairs(tmp_path):
    etree = pytest.importorskip("lxml.etree")
    project = broken_project(tmp_path)
    fix(project)
    out = tmp_path / "memory.tmx"
    result = CliRunner().invoke(main, ["export", str(project.path), "-f", "tmx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = etree.parse(str(out))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    units = {tuple(seg.text for seg in tu.findall("tuv/seg")) for tu in doc.findall("body/tu")}
    assert units == gold_texts()
    signature = doc.find("header/prop[@type='x-signature']").text
    assert "|review:edits=5,verified=" in signature
    aside = (tmp_path / "memory.tmx.leftovers.jsonl").read_text("utf-8").splitlines()
    assert len(aside) + len(units) == len(project.review.beads)  # nothing lost


# --- undo and redo ---------------------------------------------------------------------------------

STEPS = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(["merge", "split", "unlink", "accept", "cycle_category"]),
              st.integers(0, len(BROKEN))),
    st.just(("undo",)), st.just(("redo",))), max_size=14)


@settings(max_examples=40, deadline=None)
@given(STEPS)
def test_redo_makes_again_what_undo_reverted_until_a_new_edit_and_a_reload_keeps_both(steps):
    with tempfile.TemporaryDirectory() as folder:
        project = broken_project(Path(folder))
        past, future = [], []  # the model: the states an undo returns to, and those a redo returns to
        for name, *args in steps:
            before = project.review
            if name == "edit":
                try:
                    project.edit(args[0], i=args[1])
                except EditError:
                    continue  # refused: nothing changed
                past.append(before)
                future.clear()
            else:
                source, target = (past, future) if name == "undo" else (future, past)
                if not source:
                    with pytest.raises(EditError, match=f"no (undone )?edit to {name}"):
                        getattr(project, name)()
                    continue
                getattr(project, name)()
                assert project.review == source.pop()
                target.append(before)
            assert (project.can_undo, project.can_redo) == (bool(past), bool(future))
        again = Project.open(project.path)  # the stacks survive a reload
        assert again.review == project.review and (again.can_undo, again.can_redo) == (bool(past), bool(future))
        final = again.review
        for _ in past:
            again.undo()
        assert again.review == Project.open(project.path).review  # saved like any edit
        for _ in past:
            again.redo()
        assert again.review == final and again.can_redo == bool(future)


def test_a_new_edit_after_an_undo_ends_what_could_be_redone(tmp_path):
    project = broken_project(tmp_path)
    project.edit("accept", i=0)
    project.undo()
    project.edit("accept", i=1)
    with pytest.raises(EditError, match="no undone edit to redo"):
        project.redo()
    log = [json.loads(line) for line in project.log_path.read_text("utf-8").splitlines()]
    assert [(e["op"], e["undoes"], e["redoes"]) for e in log] == [("accept", None, None), ("undo accept", 1, None),
                                                                   ("accept", None, None)]


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(i) for i in text.split(",") if i)


def verified_in(fmt: str, path: Path) -> dict:
    """(Korean indices, English indices) -> verified, as the exported file says it."""
    if fmt in ("jsonl", "hf"):
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        ko, en = ("ko", "en") if fmt == "jsonl" else ("ko_ids", "en_ids")
        return {(tuple(r[ko]), tuple(r[en])): r["verified"] for r in rows}
    if fmt == "parquet":
        rows = pytest.importorskip("pyarrow.parquet").read_table(path).to_pylist()
        return {(tuple(r["ko_ids"]), tuple(r["en_ids"])): r["verified"] for r in rows}
    if fmt == "tsv":  # ko, en, score, kind, note, document, ko_ids, en_ids, verified
        rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()]
        return {(_ids(r[6]), _ids(r[7])): {"true": True, "false": False}[r[8]] for r in rows}
    if fmt == "moses":  # document, ko_ids, en_ids, score, verified
        rows = [line.split("\t") for line in Path(f"{path}.en-ko.ids").read_text("utf-8").splitlines()]
        return {(_ids(r[1]), _ids(r[2])): {"true": True, "false": False}[r[4]] for r in rows}
    units = ElementTree.parse(path).findall("body/tu")  # tmx: tuid DOCUMENT:KO:EN, a prop on verified units
    return {tuple(_ids(i) for i in tu.get("tuid").rsplit(":", 2)[1:]): tu.find("prop[@type='x-verified']") is not None
            for tu in units}


@pytest.mark.parametrize("fmt", ["jsonl", "tsv", "hf", "parquet", "moses", "tmx"])
def test_every_export_says_which_beads_a_person_verified(tmp_path, fmt):
    project = broken_project(tmp_path)
    project.edit("accept", i=0)  # a pair accepted as it is
    project.edit("merge", i=5)  # a pair made by the reviewer
    project.edit("cycle_category", i=9, step=-1)  # a leftover named by the reviewer (now an omission)
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", str(project.path), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    said = verified_in(fmt, out)
    aside = tmp_path / f"out.{fmt}.leftovers.jsonl"
    if aside.exists():  # pairs-only formats: the leftovers, set aside, say it too
        said.update(verified_in("jsonl", aside))
    assert said == {(b.ko, b.en): b.verified for b in project.review.beads}
    assert {k for k, v in said.items() if v} == {((0,), (0,)), ((3, 4), (3,)), ((7,), ())}


def test_export_writes_sentence_units_for_a_cat_tool_on_request(tmp_path):
    project = broken_project(tmp_path)
    fix(project)
    out = tmp_path / "cat.tmx"
    result = CliRunner().invoke(main, ["export", str(project.path), "-o", str(out), "--tmx-units", "sentence"])
    assert result.exit_code == 0, result.output
    doc = ElementTree.parse(out)
    assert len(doc.findall(".//prop[@type='x-unit']")) == 5  # as `align pair` writes for the gold alignment
    assert {tuple(seg.text for seg in tu.findall("tuv/seg")) for tu in doc.findall("body/tu")
            if tu.find("prop[@type='x-unit']") is None} == gold_texts()
    refused = CliRunner().invoke(main, ["export", str(project.path), "-f", "tsv", "--tmx-units", "sentence"])
    assert refused.exit_code == 2 and "--tmx-units is for --format tmx" in refused.stderr


def test_an_export_never_overwrites_the_inputs(tmp_path):
    project = broken_project(tmp_path)
    assert export(project, "jsonl") == [str(tmp_path / "knpa-undp.ko.reviewed.jsonl")]
    with pytest.raises(Exception, match="one of its inputs"):
        export(project, "tsv", tmp_path / "knpa-undp.en.txt")
    assert (tmp_path / "knpa-undp.en.txt").read_bytes() == (SAMPLES / "knpa-undp.en.txt").read_bytes()


def test_export_to_a_dash_is_refused_not_written_to_a_file_named_dash(tmp_path, monkeypatch):
    project = broken_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", str(project.path), "-f", "tsv", "-o", "-"])
    assert result.exit_code == 2 and not (tmp_path / "-").exists()


# --- the server's refusals -----------------------------------------------------------------------------

@pytest.fixture
def server(tmp_path):
    server = ReviewServer(broken_project(tmp_path))
    server.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_server_listens_on_localhost_with_a_token_and_a_strict_csp(server):
    assert server.server_address[0] == "127.0.0.1" and len(server.token) >= 32
    status, headers, body = request(server.url)
    assert status == 200 and b'<script src="app.js">' in body
    assert "default-src 'none'" in headers["content-security-policy"] and "script-src 'self'" in headers[
        "content-security-policy"]
    status, _, body = request(server.url + "api/state")
    assert status == 200 and len(json.loads(body)["beads"]) == len(BROKEN)


@pytest.mark.parametrize("path", ["/", "/api/state", "/app.js", "/WRONG/api/state", "/{token}x/api/state"])
def test_a_request_without_the_token_is_forbidden(server, path):
    status, _, body = request(f"http://127.0.0.1:{server.port}{path.format(token=server.token)}")
    assert status == 403 and b"token" in body


def test_another_host_is_forbidden_against_dns_rebinding(server):
    status, _, _ = request(server.url + "api/state", host=f"evil.example:{server.port}")
    assert status == 403
    status, _, _ = request(server.url + "api/state", host=f"localhost:{server.port}")
    assert status == 200


@pytest.mark.parametrize("origin, content_type", [
    ("http://evil.example", "application/json"),
    (None, "application/json"),
    ("http://127.0.0.1:1", "application/json"),
    ("same", "text/plain"),  # what a cross-site form could send without a preflight
])
def test_a_state_change_from_another_origin_is_refused_and_changes_nothing(server, origin, content_type):
    before = server.project.path.read_bytes()
    status, _, _ = request(server.url + "api/edit", "POST", {"op": "merge", "args": {"i": 0}}, origin=origin,
                           content_type=content_type)
    assert status == 403
    assert server.project.path.read_bytes() == before and server.project.version == 0


def test_a_stale_or_invalid_edit_is_refused_with_the_reason_and_the_current_state(server):
    status, _, body = request(server.url + "api/edit", "POST", {"op": "merge", "args": {"i": 19}, "version": 0})
    assert status == 409 and "no next bead" in json.loads(body)["error"]
    status, _, _ = request(server.url + "api/edit", "POST", {"op": "accept", "args": {"i": 0}, "version": 0})
    assert status == 200
    status, _, body = request(server.url + "api/edit", "POST", {"op": "accept", "args": {"i": 1}, "version": 0})
    assert status == 409 and "reload" in json.loads(body)["error"] and json.loads(body)["version"] == 1


# --- a crash -------------------------------------------------------------------------------------------

def start_review(project: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "align.cli", "review", str(project), "--no-browser"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert " at http://127.0.0.1:" in line, (line, process.stderr.read() if process.poll() is not None else "")
    return process, line.split(" at ")[1].strip()


def test_a_server_killed_with_sigkill_loses_no_acknowledged_edit(tmp_path):
    project = broken_project(tmp_path)
    process, url = start_review(project.path)
    try:
        acknowledged = 0
        for i, key in FIXES:
            op, args = EDIT_OPS[key]
            status, _, _ = request(url + "api/edit", "POST", {"op": op, "args": {"i": i, **args},
                                                              "version": acknowledged})
            assert status == 200
            acknowledged += 1
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()
        process.stderr.close()
    process, url = start_review(project.path)
    try:
        state = json.loads(request(url + "api/state")[2])
    finally:
        process.terminate()
        process.wait()
        process.stdout.close()
        process.stderr.close()
    assert state["version"] == acknowledged
    assert {(tuple(b["ko"]), tuple(b["en"])) for b in state["beads"] if b["kind"] != "leftover"} == GOLD_PAIRS


def test_a_server_stopped_with_sigterm_exits_143_lets_the_project_go_and_reopens(tmp_path):
    project = broken_project(tmp_path)
    lock = tmp_path / "knpa-undp.ko.review.lock"
    process, _ = start_review(project.path)
    try:
        assert lock.exists()
        process.terminate()  # SIGTERM, as kill and service managers send it
        assert process.wait(timeout=120) == 143
    finally:
        process.kill()
        process.stdout.close()
        process.stderr.close()
    assert not lock.exists()  # released, not left behind naming a dead server
    process, url = start_review(project.path)  # and not refused
    try:
        assert json.loads(request(url + "api/state")[2])["version"] == 0
    finally:
        process.terminate()
        process.wait(timeout=120)
        process.stdout.close()
        process.stderr.close()


# --- one editor at a time ------------------------------------------------------------------------------

def test_a_second_server_on_a_held_project_is_refused_naming_the_holder_until_the_first_stops(server):
    with pytest.raises(InputError, match=rf"is open in another align review \(pid {os.getpid()}\)"):
        ReviewServer(Project.open(server.project.path))
    result = CliRunner().invoke(main, ["review", str(server.project.path), "--no-browser"])
    assert result.exit_code == 1 and f"(pid {os.getpid()})" in result.output
    assert len(result.output.strip().splitlines()) == 1
    out = server.project.path.parent / "while-held.jsonl"
    result = CliRunner().invoke(main, ["export", str(server.project.path), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 0 and "warning" not in result.output and out.exists()  # reading needs no lock
    server.shutdown()
    server.server_close()
    again = ReviewServer(Project.open(server.project.path))  # released when the server stopped
    again.server_close()
    assert not (server.project.path.parent / "knpa-undp.ko.review.lock").exists()


def test_open_review_holds_the_project_until_released(tmp_path):
    project = broken_project(tmp_path)
    held = open_review(project.path)
    with pytest.raises(InputError, match="is open in another align review"):
        open_review(project.path)
    held.release()
    open_review(project.path).release()


# --- malformed requests --------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    {"op": "text", "args": {"side": "ko", "index": 0, "text": 123}},
    {"op": "merge", "args": {"i": True}},
    {"op": "merge", "args": {"i": "0"}},
    {"op": "merge", "args": {}},
    {"op": "merge", "args": {"i": 0, "version": 0}},
    {"op": "merge", "args": {"i": 0}, "version": True},
    {"op": "split", "args": {"i": 11, "ko_cut": 1.5}},
    {"op": "move", "args": {"i": 5, "side": ["ko"], "step": 1}},
    {"op": "category", "args": {"i": 1, "category": None}},
    {"op": "explode", "args": {"i": 0}},
    {"op": "merge", "args": [0]},
])
def test_an_edit_with_arguments_of_the_wrong_kind_is_a_bad_request_that_changes_nothing(server, body):
    before = server.project.path.read_bytes()
    status, _, answer = request(server.url + "api/edit", "POST", body)
    assert status == 400 and json.loads(answer)["error"]
    assert server.project.path.read_bytes() == before and server.project.version == 0


def test_an_unknown_category_is_refused_and_a_true_bead_number_is_not_bead_1(tmp_path):
    project = broken_project(tmp_path)
    with pytest.raises(EditError, match="not a category"):
        project.edit("category", i=1, category="weather")
    with pytest.raises(EditError, match="whole number"):
        project.edit("accept", i=True)
    assert project.version == 0


def test_a_body_nested_too_deep_to_parse_is_a_bad_request(server):
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("POST", parts.path + "api/edit", body=b"[" * 100000 + b"]" * 100000,
                 headers={"Origin": f"http://{parts.netloc}", "Content-Type": "application/json"})
    response = conn.getresponse()
    assert response.status == 400 and "not a JSON object" in json.loads(response.read())["error"]
    conn.close()
    assert request(server.url + "api/state")[0] == 200


def test_an_unknown_export_format_is_a_bad_request(server):
    status, _, body = request(server.url + "api/export", "POST", {"format": "docx"})
    assert status == 400 and "not an export format" in json.loads(body)["error"]


def test_a_burst_of_connections_waits_in_the_listen_backlog_instead_of_being_dropped(tmp_path):
    server = ReviewServer(broken_project(tmp_path))  # listening, not yet accepting: every connection queues
    try:
        # with the default backlog of 5 the seventh connection is never completed (its connect times out)
        burst = [socket.create_connection(("127.0.0.1", server.port), timeout=30) for _ in range(40)]
    finally:
        server.start()  # also when the burst failed: shutdown() waits for a loop that has started
    try:
        for sock in burst:
            sock.sendall(f"GET /{server.token}/api/state HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                         "Connection: close\r\n\r\n".encode())
        assert [sock.makefile("rb").readline().split()[1] for sock in burst] == [b"200"] * 40
        for sock in burst:
            sock.close()
    finally:
        server.shutdown()
        server.server_close()


# --- export of a project whose links are broken -------------------------------------------------------

def _change_input(project):
    (project.path.parent / "knpa-undp.en.txt").write_text("Another text.\n", "utf-8")


def _remove_input(project):
    (project.path.parent / "knpa-undp.ko.txt").unlink()


def _cut_log(project):
    with project.log_path.open("a", encoding="utf-8") as fh:
        fh.write('{"seq": 3, "op": "acc')


def _remove_log(project):
    project.log_path.unlink()


def _drop_first_log_line(project):
    project.log_path.write_text("".join(project.log_path.read_text("utf-8").splitlines(True)[1:]), "utf-8")


@pytest.mark.parametrize("damage, said", [
    (_change_input, "English input .* has changed since the review began"),
    (_remove_input, "Korean input .* is missing"),
    (_cut_log, "edit log .* ends in a line cut short"),
    (_remove_log, "edit log .* is missing: the edits cannot be undone"),
    (_drop_first_log_line, "edit log .* lacks some of the project's 2 edits"),
])
def test_export_of_a_project_whose_inputs_or_log_are_gone_works_and_warns_in_one_line(tmp_path, damage, said):
    project = broken_project(tmp_path)
    project.edit("accept", i=0)
    project.edit("merge", i=5)
    damage(project)
    log_before = project.log_path.read_bytes() if project.log_path.exists() else None
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["export", str(project.path), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and re.search(said, warnings[0]), result.stderr
    assert len(out.read_text("utf-8").splitlines()) == len(project.review.beads)  # the reviewed state, whole
    assert (project.log_path.read_bytes() if project.log_path.exists() else None) == log_before  # untouched


def test_export_of_a_sound_project_says_no_warning(tmp_path):
    project = broken_project(tmp_path)
    project.edit("accept", i=0)
    result = CliRunner().invoke(main, ["export", str(project.path), "-f", "jsonl", "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0 and "warning" not in result.output
