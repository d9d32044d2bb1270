"""Answers: every sentence a verbatim quote with its citation; abstention with the named phrase."""

from __future__ import annotations

import re

import pytest

from assistant.answer import NO_ANSWER
from assistant.errors import EmptyQuery, InvalidInput
from assistant.retrieval import expand_query
from assistant.types import SearchFilters

pytestmark = pytest.mark.slow


def assert_grounded(assistant, answer):
    assert not answer.abstained and answer.citations
    for citation in answer.citations:
        document = assistant.documents[citation.doc_id]
        assert document.text[citation.start : citation.end] == citation.quote
        assert f"{citation.quote} [{citation.n}]" in answer.answer
        assert citation.title == document.title and citation.date == document.date
    # Nothing in the answer stands outside a cited quote, but the council and year each quote is about when an
    # answer mixes councils.
    expected = [c.quote for c in answer.citations]
    if len({c.authority for c in answer.citations}) > 1:
        expected = [f"{c.authority} ({c.date[:4]}): {c.quote}" for c in answer.citations]
    assert re.sub(r"\s*\[\d+\]", "", answer.answer).strip() == " ".join(expected)


def test_supervision_question_is_answered_from_the_letter(assistant):
    answer = assistant.ask("What did Ofsted say about supervision?")
    assert_grounded(assistant, answer)
    assert "supervision" in answer.citations[0].quote.lower()
    assert answer.citations[0].kind == "inspection letter"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("NEET care leavers?", "education, employment"),
        ("how are UASC supported?", "unaccompanied asylum-seeking"),
        ("what did inspectors say about IROs", "independent reviewing officers"),
        ("ASYE social workers", "assessed and supported year in employment"),
    ],
)
def test_abbreviations_find_the_spelled_out_passage(assistant, question, expected):
    answer = assistant.ask(question)
    assert_grounded(assistant, answer)
    assert any(expected in c.quote for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    [
        "What are the council's parking charges?",
        "When are the bins collected?",
        "What did Ofsted say about care leavers in Manchester?",
        "How did Birmingham do in its inspection?",
    ],
)
def test_questions_the_documents_cannot_answer_abstain(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and answer.answer.startswith(NO_ANSWER)
    assert answer.citations == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Are pathway plans any better?", "pathway plans"),
        ("Did the inspectors talk to care leavers?", "care leavers"),
    ],
)
def test_chat_phrasing_words_do_not_cause_an_abstention(assistant, question, expected):
    answer = assistant.ask(question)
    assert_grounded(assistant, answer)
    assert any(expected in c.quote.lower() for c in answer.citations)


def test_chat_phrasing_words_do_not_make_an_off_topic_question_answerable(assistant):
    answer = assistant.ask("How are parking fines handled now?")
    assert answer.abstained and "parking" in answer.answer


def test_a_how_many_question_is_answered_with_a_count_or_not_at_all(assistant):
    counted = assistant.ask("How many improvement visits did inspectors make?")
    assert_grounded(assistant, counted)
    assert "four improvement visits" in counted.citations[0].quote
    uncounted = assistant.ask("How many children are looked after by Rotherham at the moment?")
    assert uncounted.abstained and "number" in uncounted.answer and uncounted.citations == []


def test_filters_that_match_nothing_say_so(assistant):
    answer = assistant.ask("care leavers", SearchFilters(authority="Leicester", since="2020"))
    assert answer.abstained and "filters" in answer.answer and "Leicester" in answer.answer
    assert assistant.search("care leavers", 5, SearchFilters(authority="Leicester", since="2020")) == []


def test_answers_mixing_councils_name_each_quote_s_council_and_year(assistant):
    answer = assistant.ask("How many care leavers stay put with former foster carers?")
    assert_grounded(assistant, answer)
    assert {c.authority for c in answer.citations} == {"Leicester", "Rotherham"}
    for citation in answer.citations:
        assert f"{citation.authority} ({citation.date[:4]}): {citation.quote} [{citation.n}]" in answer.answer


def test_filters_restrict_the_sources(assistant):
    answer = assistant.ask("What did inspectors find about care leavers?", SearchFilters(authority="Leicester"))
    assert_grounded(assistant, answer)
    assert {c.authority for c in answer.citations} == {"Leicester"}
    assert answer.filters == "authority: Leicester"


def test_empty_and_oversized_questions_are_refused(assistant):
    with pytest.raises(EmptyQuery):
        assistant.ask("   ")
    with pytest.raises(InvalidInput, match="limit"):
        assistant.ask("care " * 1000)


def test_query_expansion_keeps_the_question_and_adds_meanings():
    assert expand_query("LAC and CSE") == "LAC and CSE (looked after children; child sexual exploitation)"
    assert expand_query("send me the report") == "send me the report"  # "send" is a word, not SEND
