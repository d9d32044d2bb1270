"""The command line: JSON shapes, batch mode, filters and clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.answering.compose import NO_ANSWER
from assistant.cli import main
from assistant.config import ROOT

pytestmark = pytest.mark.slow


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_search_json_shape_and_filters(seed_workspace, capsys):
    index = str(seed_workspace / "index")
    code, out, _ = run(capsys, "search", "care leavers apprenticeships", "--index", index, "--k", "3", "--json")
    assert code == 0
    passages = json.loads(out)
    assert len(passages) == 3
    assert {"doc_id", "title", "kind", "date", "text", "start", "end", "score"} <= set(passages[0])
    assert "apprenticeships" in passages[0]["text"]
    code, out, _ = run(capsys, "search", "care leavers", "--index", index, "--authority", "Leicester", "--json")
    assert code == 0 and {p["doc_id"] for p in json.loads(out)} == {
        "leicester-city-council-press-release-care-leavers-monitoring-visit-2016-08-01"
    }
    code, out, _ = run(
        capsys, "search", "care leavers", "--index", index, "--kind", "inspection letter", "--until", "2017", "--json"
    )
    assert {p["kind"] for p in json.loads(out)} == {"inspection letter"}


def test_ask_json_and_batch(seed_workspace, capsys, tmp_path):
    index = str(seed_workspace / "index")
    code, out, _ = run(capsys, "ask", "What did Ofsted say about supervision?", "--index", index, "--json")
    answer = json.loads(out)
    assert code == 0 and not answer["abstained"] and answer["citations"]
    assert {"n", "doc_id", "title", "kind", "date", "quote", "start", "end"} <= set(answer["citations"][0])
    batch = tmp_path / "questions.txt"
    batch.write_text("How are care leavers supported into apprenticeships?\n\nWhat are the parking charges?\n")
    code, out, _ = run(capsys, "ask", "--batch", str(batch), "--index", index)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 2
    assert not lines[0]["abstained"]
    assert lines[1]["abstained"] and lines[1]["answer"].startswith(NO_ANSWER)


def test_empty_question_and_bad_date_are_clear_errors(seed_workspace, capsys):
    index = str(seed_workspace / "index")
    code, _, err = run(capsys, "ask", "   ", "--index", index)
    assert code == 2 and "empty" in err
    code, _, err = run(capsys, "search", "care leavers", "--index", index, "--since", "last year")
    assert code == 2 and "YYYY" in err
    code, _, err = run(capsys, "search", "care leavers", "--index", index, "--region", "Narnia")
    assert code == 2 and "not a region of England" in err and "Yorkshire and the Humber" in err


def test_a_region_keeps_its_councils(seed_workspace, capsys):
    index = str(seed_workspace / "index")
    code, out, _ = run(capsys, "search", "care leavers", "--index", index, "--region", "east midlands", "--json")
    assert code == 0 and {p["doc_id"] for p in json.loads(out)} == {
        "leicester-city-council-press-release-care-leavers-monitoring-visit-2016-08-01"
    }


def test_module_entry_point_builds_a_missing_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.md").write_text("# Fostering\n\nThe fostering panel is chaired well and makes timely decisions.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "search",
            "fostering panel",
            "--corpus",
            str(corpus),
            "--index",
            str(tmp_path / "index"),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["doc_id"] == "note"
    assert (tmp_path / "index" / "manifest.json").exists()


def test_check_batch_and_audit_formats(seed_workspace, capsys, tmp_path):
    index = str(seed_workspace / "index")
    claims = tmp_path / "claims.txt"
    claims.write_text(
        "The local authority is making progress in improving services for its care leavers.\n"
        "Supervision of social workers is sufficiently outcome focused.\n"
        "Ofsted praised the council's parking enforcement.\n"
    )
    code, out, _ = run(capsys, "check", "--batch", str(claims), "--index", index)
    verdicts = [json.loads(line)["verdict"] for line in out.splitlines()]
    assert code == 0 and verdicts == ["verbatim", "altered", "not_found"]
    release = "rotherham-council-press-release-care-leavers-monitoring-visit-2017-06-13"
    code, out, _ = run(capsys, "audit", release, "--index", index, "--format", "csv")
    assert (
        code == 0
        and out.splitlines()[0] == "n,verdict,shown_as,claim,attributed_to,explanation,source_note,evidence,diff"
    )
    assert "supported" in out and "not_found" in out
    code, out, _ = run(capsys, "audit", release, "--index", index, "--format", "json")
    report = json.loads(out)
    assert report["doc_id"] == release and sum(report["counts"].values()) == len(report["rows"])


def test_chat_batch_is_one_conversation(seed_workspace, capsys, tmp_path):
    index = str(seed_workspace / "index")
    turns = tmp_path / "turns.txt"
    turns.write_text(
        "What did Ofsted say about care leavers in Leicester?\n"
        "and what about their accommodation?\n"
        "What are the parking charges in Rotherham town centre?\n"
        "What did inspectors say about personal advisers?\n"
    )
    code, out, _ = run(capsys, "chat", "--batch", str(turns), "--index", index)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 4
    assert all("searched_for" in line and "glossary" in line for line in lines)
    assert lines[1]["query"]["intent"]["follow_up"] and lines[1]["query"]["authorities"] == ["Leicester"]
    assert lines[2]["abstained"]
    fresh = lines[3]
    assert not fresh["query"]["intent"]["follow_up"] and "parking" not in fresh["searched_for"]
    assert not fresh["abstained"] and fresh["query"]["authorities"] == []


def test_a_missing_index_folder_is_an_error_naming_the_flag(tmp_path, capsys):
    missing = str(tmp_path / "no-such-index")
    code, _, err = run(capsys, "ask", "What did Ofsted say about supervision?", "--index", missing)
    assert code == 2 and "does not exist" in err and f"ingest --index {missing}" in err
    assert not (tmp_path / "no-such-index").exists()
    code, _, err = run(capsys, "documents", "--index", missing)
    assert code == 2 and "does not exist" in err


def test_audit_refuses_a_file_that_is_not_a_press_release(seed_workspace, capsys, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Setup notes\n\nRun make test to install everything and run the whole test suite.\n")
    code, _, err = run(capsys, "audit", str(notes), "--index", str(seed_workspace / "index"))
    assert code == 2 and "not a council press release or press article" in err


def test_documents_and_help_load_no_model(seed_workspace, capsys, monkeypatch):
    import assistant.ingest.embedding as embedding

    def refuse(*_):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(embedding, "_load", refuse)
    code, out, _ = run(capsys, "documents", "--index", str(seed_workspace / "index"), "--json")
    assert code == 0 and len(json.loads(out)) == 5
    with pytest.raises(SystemExit):
        main(["--help"])


def test_an_answer_keeps_its_paragraphs(seed_workspace, capsys):
    # each passage's quotes, introduced by their voice, stand in a paragraph of their own
    index = str(seed_workspace / "index")
    code, out, _ = run(
        capsys, "ask", "What did Ofsted and the council say about care leavers' apprenticeships?", "--index", index
    )
    answer = out.split("\n[1] ")[0]
    assert code == 0 and all(len(line) <= 100 for line in answer.splitlines())
    paragraphs = answer.split("\n\n")
    assert len(paragraphs) >= 2 and all(" says: " in p or p.startswith("(filters") for p in paragraphs)
