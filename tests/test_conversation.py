"""Follow-up questions and the Markdown export."""

from __future__ import annotations

from assistant.answering.conversation import contextualise, is_follow_up
from assistant.render import answer_markdown
from assistant.types import Answer, Citation


def test_follow_ups_take_the_topic_of_the_previous_question():
    history = ["What did Ofsted say about care leavers?"]
    assert contextualise("and what did they say in 2014?", history) == "care leavers: and what did they say in 2014?"
    assert contextualise("what about Leicester?", history) == "care leavers: what about Leicester?"
    assert contextualise("is it improving?", history) == "care leavers: is it improving?"


def test_a_follow_up_replaces_the_year_or_council_it_names_and_keeps_the_rest():
    first = "What did Ofsted say about care leavers in Rotherham in 2017?"
    assert contextualise("and in 2014?", [first]) == "care leavers rotherham: and in 2014?"
    assert contextualise("what about Leicester?", [first]) == "care leavers 2017: what about Leicester?"
    searched = contextualise("and what did they say in 2014?", ["What did Ofsted say about care leavers?"])
    assert contextualise("what about 2015?", ["What did Ofsted say about care leavers?", searched]) == (
        "care leavers: what about 2015?"
    )


def test_what_about_a_new_subject_keeps_only_the_year_and_council():
    first = "What did Ofsted say about care leavers in Rotherham in 2017?"
    assert contextualise("What about foster carers?", [first]) == "2017 rotherham: What about foster carers?"
    assert contextualise("What about foster carers?", ["What did Ofsted say about care leavers?"]) == (
        "What about foster carers?"
    )
    assert contextualise("2014?", ["What did Ofsted say about care leavers?"]) == "care leavers: 2014?"


def test_new_questions_stand_alone():
    history = ["What did Ofsted say about care leavers?"]
    assert contextualise("What did inspectors say about supervision?", history) == (
        "What did inspectors say about supervision?"
    )
    assert contextualise("and what did they say in 2014?", []) == "and what did they say in 2014?"
    assert not is_follow_up("How are UASC supported?")


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
