"""Follow-up questions and the Markdown export."""

from __future__ import annotations

from assistant.render import answer_markdown
from assistant.search.query import build_query, refers_back
from assistant.types import Answer, Citation


def _read(question: str, *history: str):
    previous = []
    for turn in history:
        previous.append(build_query(turn, previous))
    return build_query(question, previous)


def test_follow_ups_take_the_topic_of_the_previous_question():
    history = "What did Ofsted say about care leavers?"
    assert (
        _read("and what did they say in 2014?", history).searched_for == "care leavers: and what did they say in 2014?"
    )
    assert _read("what about Leicester?", history).searched_for == "care leavers: what about Leicester?"
    assert _read("is it improving?", history).searched_for == "care leavers: is it improving?"


def test_a_follow_up_replaces_the_year_or_council_it_names_and_keeps_the_rest():
    first = "What did Ofsted say about care leavers in Rotherham in 2017?"
    follow = _read("and in 2014?", first)
    assert follow.searched_for == "care leavers Rotherham: and in 2014?"
    assert follow.years == ("2014",) and follow.authorities == ("Rotherham",)
    leicester = _read("what about Leicester?", first)
    assert leicester.searched_for == "care leavers 2017: what about Leicester?"
    assert leicester.authorities == ("Leicester",)
    assert _read(
        "what about 2015?", "What did Ofsted say about care leavers?", "and what did they say in 2014?"
    ).searched_for == ("care leavers: what about 2015?")


def test_what_about_a_new_subject_keeps_only_the_year_and_council():
    first = "What did Ofsted say about care leavers in Rotherham in 2017?"
    assert _read("What about foster carers?", first).searched_for == "2017 Rotherham: What about foster carers?"
    assert _read("What about foster carers?", "What did Ofsted say about care leavers?").searched_for == (
        "What about foster carers?"
    )
    assert _read("2014?", "What did Ofsted say about care leavers?").searched_for == "care leavers: 2014?"


def test_new_questions_stand_alone():
    history = "What did Ofsted say about care leavers in Rotherham?"
    fresh = _read("What did inspectors say about supervision?", history)
    assert fresh.searched_for == "What did inspectors say about supervision?"
    assert fresh.authorities == () and not fresh.intent.follow_up
    assert _read("and what did they say in 2014?").searched_for == "and what did they say in 2014?"
    assert not refers_back("How are UASC supported?")


def test_markdown_export_carries_quotes_titles_dates_and_spans():
    citation = Citation(
        1,
        "letter",
        "letter#3",
        "Monitoring visit",
        "inspection letter",
        "2017-06-13",
        "Rotherham",
        "Supervision is not sufficiently outcome focused.",
        120,
        168,
        page=2,
    )
    answer = Answer(
        "What about supervision?",
        "Supervision is not sufficiently outcome focused. [1]",
        False,
        [citation],
        filters="authority: Rotherham",
    )
    markdown = answer_markdown(answer)
    assert "**Question:** What about supervision?" in markdown
    assert "*Filters: authority: Rotherham*" in markdown
    assert "[1] *Monitoring visit* (inspection letter, Rotherham, 2017-06-13; characters 120-168, page 2)" in markdown
    assert "> Supervision is not sufficiently outcome focused." in markdown
