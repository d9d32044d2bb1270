"""Follow-up questions and the Markdown export."""

from __future__ import annotations

from assistant.render import answer_markdown
from assistant.search.query import build_query, named_visit, refers_back, without_scope_phrases
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


def test_a_question_with_its_own_subject_starts_fresh_whatever_came_before():
    first = "What did Ofsted say about care leavers in Rotherham in 2017?"
    assert not _read("How is supervision of social workers described?", first).intent.follow_up
    kirklees = _read("What did Ofsted say about supervision in Kirklees?", first)
    assert kirklees.authorities == ("Kirklees",) and kirklees.context == "" and kirklees.years == ()
    # A council named two questions back is not carried into a new question.
    third = _read("Are there enough foster carers?", first, "What did inspectors say about supervision?")
    assert third.authorities == () and not third.intent.follow_up
    # Nor after an abstention.
    after = _read("What did inspectors say about personal advisers?", "What are the parking charges in Rotherham?")
    assert after.context == "" and after.authorities == ()


def test_a_follow_up_on_a_new_topic_keeps_the_council_not_the_old_words():
    first = "How are care leavers in Rotherham helped into jobs and college?"
    follow = _read("What did they say about supervision?", first)
    assert follow.intent.follow_up and follow.authorities == ("Rotherham",)
    assert "jobs" not in follow.searched_for and "college" not in follow.topic
    # A pronoun standing for the subject keeps its sector terms, not every word of the question before.
    their = _read("and what about their accommodation?", first)
    assert "care leavers" in their.context and "jobs" not in their.context


def test_pointing_words_with_something_to_point_to_are_not_follow_ups():
    assert not refers_back("Did inspectors find that supervision was good?")
    assert not refers_back("Are there enough foster carers?")
    assert not refers_back("How do they support care leavers in Leicester?")
    assert refers_back("Is that still the case?")
    assert refers_back("What are caseloads like there?")
    assert refers_back("Leicester?") and refers_back("in 2014?")


def test_glossary_lines_come_from_the_vocabulary_and_go_into_the_export():
    from assistant.answering.glossary import glossary
    from assistant.web.views import glossary_markdown

    citation = Citation(1, "d", "d#1", "T", "inspection letter", "2017", "Rotherham", "PAs and the SGO team.", 0, 20)
    answer = Answer("What about PAs?", "PAs and the SGO team. [1]", False, [citation])
    terms = dict(glossary(answer))
    assert terms["PA"].startswith("Personal adviser") and "guardian" in terms["SGO"]
    assert "**PA**" in glossary_markdown(answer)
    assert glossary(Answer("q", "The documents do not answer this question.", True)) == []


def test_a_councils_grades_are_a_timeline_newest_first_each_cited():
    from assistant.answering.judgements import answer_timeline
    from assistant.types import Document, Judgement, Kind, SearchFilters

    def report(year: str, grade: str) -> Document:
        text = f"Inspection of Newtown children's services\n\nOverall effectiveness: {grade}\n\nMore text follows here."
        return Document(
            f"newtown-{year}", "", f"Newtown {year}", Kind.INSPECTION_REPORT, text, "Ofsted", f"{year}-05-01",
            "Newtown", judgements=(Judgement("Overall effectiveness", grade),),
        )  # fmt: skip

    documents = {d.doc_id: d for d in (report("2014", "Inadequate"), report("2018", "Requires improvement to be good"),
                                       report("2023", "Good"))}  # fmt: skip
    query = build_query("How has Newtown's rating changed?")
    query = type(query)(**{**query.__dict__, "authorities": ("Newtown",)})
    filters = SearchFilters(authority="Newtown")
    answer = answer_timeline(query, documents, filters, lambda d: d.authority == filters.authority)
    lines = answer.answer.split("\n\n")
    assert len(lines) == 3 and lines[0].startswith("Latest: ") and lines[1].startswith("Earlier: ")
    assert [c.date[:4] for c in answer.citations] == ["2023", "2018", "2014"]
    for citation, line in zip(answer.citations, lines, strict=True):
        assert documents[citation.doc_id].text[citation.start : citation.end] == citation.quote
        assert line.endswith(f"{citation.quote} [{citation.n}]")
    assert answer_timeline(build_query("What about supervision?"), documents, filters, lambda d: True) is None


def test_a_phrase_naming_the_visit_or_month_is_not_the_topic():
    assert (
        without_scope_phrases(
            "What did Ofsted make of Bedford's approach to permanence at its October 2019 focused visit?"
        )
        == "What did Ofsted make of Bedford's approach to permanence ?"
    )
    assert without_scope_phrases("Was supervision better, according to the latest inspection report?") == (
        "Was supervision better, ?"
    )
    assert without_scope_phrases("How were caseloads in Leeds in 12 March 2024?") == "How were caseloads in Leeds ?"
    # A label naming the document before a colon or dash, as people type a subject line.
    assert without_scope_phrases("Hounslow 2025 visit: children on CP plans stuck in the intake team?") == (
        "children on CP plans stuck in the intake team?"
    )
    assert without_scope_phrases("Luton care leavers visit 2024 - PA caseloads") == (
        "Luton care leavers visit 2024 - PA caseloads"
    )
    # A point in time the answer is measured against, a visit asked about, and visits as a topic all stay.
    for kept in (
        "Has Somerset improved since its last inspection?",
        "Who did the care leavers monitoring visit?",
        "Are visits to children in Leeds timely?",
        "What did the report say about leaders in May?",
    ):
        assert without_scope_phrases(kept) == kept
    question = build_query("What did Ofsted say about caseloads in Hull at its October 2019 focused visit?")
    assert question.topic == ("caseloads",)
    # Asking for a grade, which inspection is part of what is asked.
    graded = build_query("How was leadership in Hull judged at its October 2019 focused visit?")
    # A month with its year is a date, as the year is ("Jan 2019", "12 March"), and a council written short
    # ("North Lincs", "Cambs") is a place: neither is a topic word. "May" alone may be the verb.
    assert graded.intent.grade and graded.topic == ("leadership", "focused", "visit")
    assert build_query("Herefordshire Jan 2019 - re-referrals in CIN assessments?").topic == (
        "referrals",
        "cin",
        "assessments",
    )
    short = build_query("does North Lincs use agency fostering placements?")
    assert short.authorities == ("North Lincolnshire",)
    assert short.topic == ("agency", "fostering", "placements")
    assert build_query("Cambs - what does the RAPS team do?").authorities == ("Cambridgeshire",)
    assert "may" in build_query("Who may attend a child protection conference?").topic
    assert named_visit("What about caseloads at Hull's October 2019 focused visit letter?") == (
        {"october 2019"},
        {"focused", "visit"},
        {"letter"},
    )
    assert named_visit("Has Hull improved since its last inspection?") == (set(), set(), set())
    assert named_visit("Did a cyber-attack in February 2020 cost Hull its systems?") == (set(), set(), set())


def test_a_document_is_the_visit_a_question_names():
    from assistant.search.filters import document_is_named
    from assistant.types import Document, Kind

    report = Document(
        doc_id="r",
        path="r.pdf",
        title="t",
        kind=Kind("inspection report"),
        text="",
        date="2015-03-02",
        visit_type="SIF re-inspection",
        inspection_dates="12 January 2015 to 3 February 2015",
    )
    assert document_is_named(report, frozenset({"january 2015"}), frozenset({"reinspection"}), frozenset({"reports"}))
    assert document_is_named(report, frozenset({"march 2015"}), frozenset(), frozenset())  # month published
    assert not document_is_named(report, frozenset({"april 2015"}), frozenset(), frozenset())
    assert not document_is_named(report, frozenset(), frozenset({"focused", "visit"}), frozenset())
    assert not document_is_named(report, frozenset(), frozenset(), frozenset({"letter"}))
