"""The real web app, started on a free local port and driven through its API with gradio_client."""

from __future__ import annotations

import shutil

import pytest

from assistant.answer import NO_ANSWER
from assistant.index import load_index

from .ui_server import AppServer

pytestmark = pytest.mark.slow


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


def test_answer_citations_point_at_real_spans(server, client):
    _, workspace = server
    answer = client.predict("What did Ofsted say about supervision?", "", "", "", "", api_name="/ask")
    assert not answer["abstained"] and answer["citations"]
    documents = load_index(workspace / "index").documents
    for citation in answer["citations"]:
        assert documents[citation["doc_id"]].text[citation["start"] : citation["end"]] == citation["quote"]
        assert f"[{citation['n']}]" in answer["answer"]


def test_unanswerable_question_gets_the_abstention_phrase(client):
    answer = client.predict("What are the council's parking charges?", "", "", "", "", api_name="/ask")
    assert answer["abstained"] and answer["answer"].startswith(NO_ANSWER) and answer["citations"] == []


def test_filters_through_the_api(client):
    answer = client.predict("What did inspectors find about care leavers?", "Leicester", "", "", "", api_name="/ask")
    assert {c["authority"] for c in answer["citations"]} == {"Leicester"}
    assert answer["filters"] == "authority: Leicester"
    nothing = client.predict("care leavers", "Leicester", "", "2020", "", api_name="/ask")
    assert nothing["abstained"] and "filters" in nothing["answer"]
    passages = client.predict("staying put", 3, "", "inspection letter", api_name="/search")
    assert passages and {p["kind"] for p in passages} == {"inspection letter"}


def test_claim_check_through_the_api(client):
    check = client.predict("Supervision of social workers is sufficiently outcome focused.", api_name="/check")
    assert check["verdict"] == "altered"
    assert check["evidence"] and check["evidence"][0]["kind"] == "inspection letter"
    assert any(op["op"] != "equal" for op in check["diff"])
