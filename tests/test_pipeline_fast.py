"""The whole question path on the seeds with the hashing embedder (fast tier): ingest, search, ask with a
conversation, check and audit run end to end, every quote is an exact span, and a Query is built once."""

from __future__ import annotations

import pytest

from assistant.errors import EmptyQuery, InvalidInput
from assistant.types import Query, SearchFilters


def _grounded(assistant, answer) -> None:
    for citation in answer.citations:
        document = assistant.documents[citation.doc_id]
        assert document.text[citation.start : citation.end] == citation.quote


def test_search_returns_exact_spans_within_filters(fast_assistant):
    passages = fast_assistant.search("care leavers in education", k=5, filters=SearchFilters(authority="Leicester"))
    assert passages and {p.authority for p in passages} == {"Leicester"}
    for p in passages:
        assert fast_assistant.documents[p.doc_id].text[p.start : p.end] == p.text


def test_an_answer_quotes_exact_spans(fast_assistant):
    answer = fast_assistant.ask("What did Ofsted say about personal advisers for care leavers?")
    assert not answer.abstained and answer.citations
    _grounded(fast_assistant, answer)
    assert answer.query is not None and answer.query.text.startswith("What did Ofsted say")


def test_a_query_is_built_once_per_question(fast_assistant, monkeypatch):
    built = []
    monkeypatch.setattr(Query, "__post_init__", lambda self: built.append(self.text))
    fast_assistant.ask("What did inspectors say about apprenticeships for care leavers?")
    assert built == ["What did inspectors say about apprenticeships for care leavers?"]
    built.clear()
    first = fast_assistant.ask("What did Ofsted say about care leavers in Rotherham?")
    built.clear()
    fast_assistant.ask("and what about apprenticeships?", history=[first])
    assert built == ["and what about apprenticeships?"]  # the earlier turn's Query is reused, not rebuilt


def test_a_follow_up_borrows_and_a_new_question_does_not(fast_assistant):
    first = fast_assistant.ask("What did Ofsted say about care leavers in Leicester?")
    follow = fast_assistant.ask("and what about their accommodation?", history=[first])
    assert follow.query.intent.follow_up and follow.query.authorities == ("Leicester",)
    assert "care leavers" in follow.searched_for
    fresh = fast_assistant.ask("How is supervision of social workers described?", history=[first, follow])
    assert not fresh.query.intent.follow_up and fresh.query.authorities == ()
    assert fresh.searched_for.startswith("How is supervision")


def test_a_new_question_after_an_abstention_starts_fresh(fast_assistant):
    parking = fast_assistant.ask("What are the parking charges in Rotherham town centre?")
    assert parking.abstained
    next_answer = fast_assistant.ask("What did inspectors say about personal advisers?", history=[parking])
    assert not next_answer.query.intent.follow_up
    assert "parking" not in next_answer.answer.lower() and "parking" not in next_answer.searched_for


@pytest.mark.parametrize("bad", ["", "   ", None])
def test_empty_questions_are_refused(fast_assistant, bad):
    with pytest.raises(EmptyQuery):
        fast_assistant.ask(bad)


def test_too_long_and_broken_text_is_refused(fast_assistant):
    with pytest.raises(InvalidInput, match="limit"):
        fast_assistant.ask("care " * 1000)
    with pytest.raises(InvalidInput, match="not valid text"):
        fast_assistant.ask("care leavers \udcff")


def test_check_and_audit_run_end_to_end(fast_assistant):
    check = fast_assistant.check("The local authority is making progress in improving services for its care leavers.")
    assert check.verdict.value == "verbatim"
    evidence = check.evidence[0]
    assert fast_assistant.documents[evidence.doc_id].text[evidence.start : evidence.end] == evidence.quote
    report = fast_assistant.audit("rotherham-council-press-release-care-leavers-monitoring-visit-2017-06-13")
    assert report.rows and sum(report.counts.values()) == len(report.rows)


def test_a_large_corpus_is_checked_through_retrieval_with_the_same_verdicts(fast_assistant):
    """Above `claim_scope_documents` documents (the national record) a claim is read only against the documents and
    paragraphs retrieval finds: here the limit is lowered to 2 so the five seed documents count as large."""
    from dataclasses import replace

    from assistant.claims.checker import ClaimChecker

    checker = fast_assistant.checker
    narrow = ClaimChecker(
        checker.documents, checker.embedder, checker.search, replace(checker.settings, claim_scope_documents=2)
    )
    claims = [
        "The local authority is making progress in improving services for its care leavers.",
        "The local authority is not making progress in improving services for its care leavers.",
    ]
    for claim in claims:
        wide, cut = checker.check(claim), narrow.check(claim)
        assert cut.verdict == wide.verdict
        evidence = cut.evidence[0]
        assert narrow.documents[evidence.doc_id].text[evidence.start : evidence.end] == evidence.quote
    assert narrow._near and not narrow._sentences  # paragraphs were split, never a whole document
