"""Which of a council's documents a question points to: the year it names, or "the latest" (real reports of two
councils from the national record, the real model and FAISS)."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.search.query import newest_asked
from assistant.types import SearchFilters

from .conftest import DATA, assistant_over

SCOPE = DATA / "national-scope"


def test_newest_is_asked_with_the_visit_named_after_it():
    assert newest_asked("What did the latest Middlesbrough inspection say about fostering?") == (
        frozenset({"inspection"}),
        frozenset(),
    )
    assert newest_asked("the most recent focused visit letter") == (
        frozenset({"focused", "visit"}),
        frozenset({"letter"}),
    )
    assert newest_asked("What has changed since the last inspection?") is None


@pytest.fixture(scope="module")
def scoped(tmp_path_factory, embedder):
    from assistant.api import build_settings
    from assistant.ingest.index import build_index

    settings = Settings(corpus_dirs=(SCOPE,), index_dir=tmp_path_factory.mktemp("scope") / "index")
    report = build_index([SCOPE], settings.index_dir, build_settings(settings), embedder, progress=None)
    assert report.documents == 6
    return assistant_over(settings, embedder)


def _top(assistant, question: str, k: int = 5):
    query = assistant.read(question)
    filters, _ = assistant.scope(query, SearchFilters())
    return filters, assistant.retriever.search(query, k, filters)


@pytest.mark.slow
def test_a_year_prefers_the_documents_of_that_year(scoped):
    filters, passages = _top(scoped, "Were social worker caseloads too high in Stockport in 2017?")
    assert filters.authority == "Stockport" and filters.years == ("2017",)
    assert passages[0].doc_id == "stockport-inspection-25-august-2017"
    # the year filter also admits the later documents that mention 2017: the preference, not the filter, chose
    assert {p.doc_id for p in passages} - {"stockport-inspection-25-august-2017"}
    filters, passages = _top(scoped, "How high were social worker caseloads in Stockport's locality teams in 2019?")
    assert passages[0].doc_id == "stockport-focused-visit-11-march-2019"


@pytest.mark.slow
def test_the_latest_prefers_the_newest_document_of_the_kind_named(scoped):
    _, passages = _top(scoped, "What did the latest Middlesbrough inspection say about fostering?")
    assert passages[0].doc_id == "middlesbrough-inspection-28-july-2026"
    _, passages = _top(scoped, "What did the most recent Stockport inspection say about caseloads?")
    assert passages[0].doc_id == "stockport-inspection-15-july-2025"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "doc_id"),
    [
        ("Has Stockport got worse since it was rated good in 2017?", "stockport-inspection-25-august-2017"),
        ("middlesbrough childrens services ratings since 2016", "middlesbrough-inspection-19-february-2016"),
    ],
)
def test_an_older_report_stating_its_grade_in_words_is_a_passage_stating_grades(scoped, question, doc_id):
    from assistant.ingest.metadata import stated_judgement

    document = scoped.documents[doc_id]
    overall = next(j for j in document.judgements if j.area == "Overall effectiveness")
    start, end = stated_judgement(document.text, overall.area, overall.grade)
    assert not document.text[start:end].startswith("Overall effectiveness")  # the SIF report's own words
    _, passages = _top(scoped, question, 3)
    stating = [p for p in passages if p.doc_id == doc_id and p.start <= start and end <= p.end]
    assert stating == passages[:1]
