"""The real web app, started on a free local port and driven through its API with gradio_client."""

from __future__ import annotations

import shutil

import pytest

from assistant.answering.compose import NO_ANSWER
from assistant.errors import AssistantError
from assistant.ingest.index import load_index
from assistant.web.app import _auth
from assistant.web.views import escape_markdown, highlighted

from .ui_server import AppServer


@pytest.fixture(scope="module")
def server(seed_workspace, tmp_path_factory):
    workspace = tmp_path_factory.mktemp("ui-api")
    shutil.copytree(seed_workspace / "corpus", workspace / "corpus")
    shutil.copytree(seed_workspace / "index", workspace / "index")
    app = AppServer(workspace)
    yield app, workspace
    app.close()


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server[0].url, verbose=False)


@pytest.mark.slow
def test_answer_citations_point_at_real_spans(server, client):
    _, workspace = server
    answer = client.predict("What did Ofsted say about supervision?", "", "", "", "", api_name="/ask")
    assert not answer["abstained"] and answer["citations"]
    documents = load_index(workspace / "index").documents
    for citation in answer["citations"]:
        assert documents[citation["doc_id"]].text[citation["start"] : citation["end"]] == citation["quote"]
        assert f"[{citation['n']}]" in answer["answer"]


@pytest.mark.slow
def test_unanswerable_question_gets_the_abstention_phrase(client):
    answer = client.predict("What are the council's parking charges?", "", "", "", "", api_name="/ask")
    assert answer["abstained"] and answer["answer"].startswith(NO_ANSWER) and answer["citations"] == []


@pytest.mark.slow
def test_filters_through_the_api(client):
    answer = client.predict("What did inspectors find about care leavers?", "Leicester", "", "", "", api_name="/ask")
    assert {c["authority"] for c in answer["citations"]} == {"Leicester"}
    assert answer["filters"] == "authority: Leicester"
    nothing = client.predict("care leavers", "Leicester", "", "2020", "", api_name="/ask")
    assert nothing["abstained"] and "filters" in nothing["answer"]
    passages = client.predict("staying put", 3, "", "inspection letter", api_name="/search")
    assert passages and {p["kind"] for p in passages} == {"inspection letter"}


@pytest.mark.slow
def test_claim_check_through_the_api(client):
    check = client.predict("Supervision of social workers is sufficiently outcome focused.", api_name="/check")
    assert check["verdict"] == "altered"
    assert check["evidence"] and check["evidence"][0]["kind"] == "inspection letter"
    assert any(op["op"] != "equal" for op in check["diff"])


@pytest.mark.slow
def test_login_is_required_when_configured(seed_workspace, tmp_path):
    from gradio_client import Client

    shutil.copytree(seed_workspace / "corpus", tmp_path / "corpus")
    shutil.copytree(seed_workspace / "index", tmp_path / "index")
    logins = tmp_path / "logins.txt"
    logins.write_text("officer:s3cret:with-colon\n", encoding="utf-8")
    app = AppServer(tmp_path, env={"ASSISTANT_AUTH": str(logins)})
    try:
        with pytest.raises(Exception):  # noqa: B017 (gradio_client raises a plain Exception or ValueError)
            Client(app.url, verbose=False).predict("supervision", 1, "", "", api_name="/search")
        client = Client(app.url, auth=("officer", "s3cret:with-colon"), verbose=False)
        assert client.predict("supervision", 1, "", "", api_name="/search")
    finally:
        app.close()


def test_login_setting_is_a_pair_or_a_file(tmp_path):
    assert _auth("") is None
    assert _auth("ann:pw:x") == [("ann", "pw:x")]
    logins = tmp_path / "logins"
    logins.write_text("ann:one\n\nbob:two\n", encoding="utf-8")
    assert _auth(str(logins)) == [("ann", "one"), ("bob", "two")]
    with pytest.raises(AssistantError):
        _auth("no-colon")


def test_document_text_is_escaped_for_html_and_markdown():
    hostile = '<img src=x onerror="window.__xss=1"> [click](javascript:alert(1))'
    shown = highlighted(hostile, 0, 4)
    assert "<img" not in shown and shown.startswith("<mark>&lt;img</mark>")
    escaped = escape_markdown(hostile)
    assert "\\<img" in escaped and "\\]\\(javascript" in escaped and "](javascript" not in escaped


def test_citation_markers_link_to_source_cards_and_document_words_stay_inert():
    from assistant.types import Answer
    from assistant.web.views import chat_text

    answer = Answer(
        "q", "Ofsted's inspection letter (Rotherham, 2017) says: Care [leavers] are *well* served. [1]", False
    )
    shown = chat_text(answer)
    assert shown.endswith("[\\[1\\]](#source-1)")
    assert "\\[leavers\\]" in shown and "\\*well\\*" in shown


def _ask_handler(seed_workspace):
    """The app's question handler, as Gradio would call it, over the seed index (no server)."""
    import gradio as gr

    from assistant.api import Assistant
    from assistant.config import Settings
    from assistant.web import layout

    settings = Settings(corpus_dirs=(seed_workspace / "corpus",), index_dir=seed_workspace / "index")
    assistant = Assistant.load(settings.index_dir, settings)
    handlers = {}
    original = gr.Textbox.submit

    def capture(self, fn, *args, **kwargs):
        handlers[fn.__name__] = fn
        return original(self, fn, *args, **kwargs)

    gr.Textbox.submit = capture
    try:
        layout.build_app(assistant)
    finally:
        gr.Textbox.submit = original
    return handlers["on_ask"]


def test_refusals_are_messages_not_errors(seed_workspace, caplog):
    """An empty or over-long question and a refused upload return a message (no exception, so no component turns
    into an "Error" label) and log one line without a traceback."""
    import logging

    on_ask = _ask_handler(seed_workspace)
    with caplog.at_level(logging.INFO, logger="assistant.web"):
        for question, expected in (("   ", "Type a question first"), ("care " * 1000, "limit")):
            outputs = on_ask(question, [], [], "Any", "Any", "", "")
            assert len(outputs) == 9 and expected in outputs[4]
    lines = [r for r in caplog.records if r.name == "assistant.web"]
    assert len(lines) == 2 and all(r.exc_info is None for r in lines)


def test_downloads_are_named_after_what_they_hold_and_kept_in_one_folder(seed_workspace):
    """The answer export is named after the question and, like the audit downloads, written under the app's own
    downloads folder (removed when the app stops), not loose in the system's temp folder."""
    from pathlib import Path

    from assistant.web import layout

    outputs = _ask_handler(seed_workspace)("What did Ofsted say about supervision?", [], [], "Any", "Any", "", "")
    export = Path(outputs[6])
    assert export.name == "answer-what-did-ofsted-say-about-supervision.md"
    assert export.parent.parent == layout.downloads_folder()
    assert "supervision" in export.read_text(encoding="utf-8")
    second = Path(layout.write_download("x", export.name))
    assert second != export and second.name == export.name  # two downloads of one name do not collide
