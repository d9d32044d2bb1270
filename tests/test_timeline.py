"""A council's grades over time from the structured judgements (issue 12 item 4, issue 16 item 4), over four real
Leeds inspection reports (2015 under the single inspection framework, 2018, 2022 and 2025 under ILACS): the years a
question names pick inspections, and every line is cited where the report states the grade."""

from __future__ import annotations

import json
import shutil

import pytest

from assistant.api import Assistant, build_settings
from assistant.config import Settings
from assistant.ingest.index import build_index, load_index
from assistant.types import SearchFilters
from tests.hashing_embedder import MODEL_NAME, HashingEmbedder

from .conftest import DATA

REPORTS = [
    DATA / "claims-national" / "leeds--inspection-27-march-2015.pdf",
    DATA / "claims-national-9" / "leeds--inspection-18-december-2018.pdf",
    DATA / "ofsted-reports" / "ofsted-inspection-leeds-2022-05-09.pdf",
    DATA / "claims-national" / "leeds--inspection-12-august-2025.pdf",
]


@pytest.fixture(scope="module")
def leeds(tmp_path_factory) -> Assistant:
    root = tmp_path_factory.mktemp("leeds")
    (root / "corpus").mkdir()
    for report in REPORTS:
        shutil.copy(report, root / "corpus" / report.name)
    settings = Settings(corpus_dirs=(root / "corpus",), index_dir=root / "index", model=MODEL_NAME)
    build_index([root / "corpus"], settings.index_dir, build_settings(settings), HashingEmbedder(), progress=None)
    index = load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    return Assistant(index, settings, HashingEmbedder())


def years_cited(assistant: Assistant, question: str) -> list[str]:
    answer = assistant.ask(question)
    assert not answer.abstained and answer.searched_for.startswith("judgements of Leeds"), answer.answer
    for citation in answer.citations:
        assert assistant.index.documents[citation.doc_id].text[citation.start : citation.end] == citation.quote
    return [assistant.index.documents[c.doc_id].date[:4] for c in answer.citations]


def test_a_timeline_lists_every_graded_inspection_newest_first(leeds):
    assert years_cited(leeds, "How has Leeds's Ofsted rating changed since 2015?") == ["2025", "2022", "2018", "2015"]


def test_a_councils_ofsted_history_is_its_timeline(leeds):
    # "Ofsted history" and "inspection record" are everyday words for its judgements over time.
    assert years_cited(leeds, "Leeds Ofsted history - has it improved since 2018?") == ["2025", "2022", "2018"]
    assert years_cited(leeds, "what is Leeds's inspection record") == ["2025", "2022", "2018", "2015"]


def test_an_areas_timeline_takes_the_joint_ilacs_judgement_for_it(leeds):
    # ILACS 2018-2023 graded children in care and care leavers together: that grade is the care leavers' too.
    answer = leeds.ask("How have Leeds's care leavers been judged since 2015?")
    assert [c.quote for c in answer.citations][1:3] == [
        "The experiences and progress of children in care and care leavers: Outstanding",
        "The experiences and progress of children in care and care leavers: Good",
    ]
    asked = "How have Leeds's care leavers been judged since 2015?"
    assert years_cited(leeds, asked) == ["2025", "2022", "2018", "2015"]


def test_search_ranks_first_the_passages_a_structured_answer_cites(leeds):
    # The search behind a grade question shows the judgement lines the answer cites before the retriever's own
    # ranking (the hashing embedder here ranks by shared character n-grams), newest inspection first.
    question = "Is Leeds still rated outstanding?"
    answer = leeds.ask(question)
    passages = leeds.search(question, 6)
    for citation, passage in zip(answer.citations, passages, strict=False):
        assert passage.doc_id == citation.doc_id and passage.start <= citation.start < citation.end <= passage.end
    assert [p.date[:4] for p in passages[:3]] == ["2025", "2022", "2018"]
    assert len({p.chunk_id for p in passages}) == len(passages) == 6
    # a question with no structured answer keeps the retriever's ranking
    plain = leeds.read("How do Leeds social workers use restorative practice?")
    scoped, _ = leeds.scope(plain, SearchFilters())
    assert leeds.search(plain, 5) == leeds.retriever.search(plain, 5, scoped)


def test_what_a_council_got_for_an_area_asks_its_grade(leeds):
    from assistant.search.query import asks_for_grade

    assert years_cited(leeds, "What did Leeds get for care leavers in 2015?") == ["2015"]
    assert not asks_for_grade("What help do Leeds families get for children in care?")
    # a grade verb in its base form after "what/how did" and the one asked about; not a noun after a determiner
    assert years_cited(leeds, "What did the 2015 Leeds inspection judge for care leavers?") == ["2015"]
    assert asks_for_grade("How did Ofsted rate Leeds's leadership?")
    assert not asks_for_grade("What did the judge say about Leeds's care proceedings?")
    # "how did X do for" an area asks the same as "what did X get for" it
    assert asks_for_grade("How did Leeds do for children needing help and protection in 2015?")
    assert not asks_for_grade("How did care leavers do in Leeds?")


def test_a_question_asking_why_is_answered_from_the_reports_words_not_the_judgement_lines(leeds):
    # The grade line says what, not why: "why was Leeds rated outstanding?" is searched for the reports' reasons.
    for question in ("Why was Leeds rated outstanding in 2018?", "How come Leeds's care leavers were judged good?"):
        answer = leeds.ask(question)
        assert not answer.searched_for.startswith("judgements of"), answer.searched_for
    assert years_cited(leeds, "Was Leeds rated outstanding in 2018?") == ["2018"]
    # "Any good" asks about quality in everyday English; it names no grade.
    quality = leeds.ask("Leeds pathway plans for care leavers - are they up to date and any good?")
    assert not quality.searched_for.startswith("judgements of"), quality.searched_for


def test_a_percentage_is_no_judgement(leeds):
    answer = leeds.ask("What percentage of Leeds children in care got grade 4 in GCSE maths?")
    assert "judgements of" not in answer.searched_for
    assert not any(c.quote.startswith("The experiences and progress") for c in answer.citations)


def test_an_older_reports_grade_is_cited_where_it_states_it(leeds):
    # The 2015 report has no "Overall effectiveness" line: its summary says "Children's services in Leeds are good".
    answer = leeds.ask("Leeds's Ofsted grades over the years")
    oldest = answer.citations[-1]
    assert leeds.index.documents[oldest.doc_id].date.startswith("2015")
    assert "Leeds are good" in oldest.quote


def test_a_year_picks_that_years_inspection_not_the_reports_that_mention_it(leeds):
    # Later reports mention the earlier inspections ("since the last inspection in 2022"): they are not of 2022.
    assert years_cited(leeds, "What was Leeds's overall grade in 2015?") == ["2015"]
    assert years_cited(leeds, "Was Leeds rated outstanding in 2022?") == ["2022"]


def test_since_and_between_name_periods(leeds):
    assert years_cited(leeds, "has Leeds kept its rating since the 2018 inspection?") == ["2025", "2022", "2018"]
    assert years_cited(leeds, "How did Leeds's rating change between 2018 and 2022?") == ["2022", "2018"]


def test_a_year_in_the_premise_of_a_question_about_now_starts_the_period(leeds):
    # "Was good in 2018 - what is it rated now?": 2018 is when the premise held; the answer is the newest grade.
    assert years_cited(leeds, "Leeds was good in 2018 - what is it rated now?") == ["2025", "2022", "2018"]
    assert years_cited(leeds, "Is Leeds still outstanding after the 2022 inspection?") == ["2025", "2022"]


def test_a_since_clause_starts_the_period_at_its_year(leeds):
    question = "Has Leeds kept up its rating since being judged good in 2018?"
    assert years_cited(leeds, question) == ["2025", "2022", "2018"]


def test_a_colleges_grade_is_declined_with_who_inspects_it(leeds):
    answer = leeds.ask("What Ofsted grade did Leeds City College get at its last inspection?")
    assert answer.abstained and "further education and skills" in answer.answer
    # Care leavers in college are the council's: their grade is asked of the council.
    assert leeds.ask("What grade did Leeds get for care leavers, many of whom are in college?").citations


def test_a_grade_asked_of_a_year_without_an_inspection_report_is_declined_naming_the_years(leeds):
    # Leeds had no inspection in 2020: a later report's "since the last inspection" is no grade of 2020.
    answer = leeds.ask("What was Leeds's overall grade in 2020?")
    assert answer.abstained and not answer.citations
    assert "No graded inspection of Leeds took place in 2020" in answer.answer
    assert all(year in answer.answer for year in ("2025", "2022", "2018", "2015"))
    # A question about the year that asks no grade is left to search.
    assert not leeds.ask("Was Leeds good at keeping children safe in 2020?").searched_for.startswith("judgements of")


def test_the_evaluation_counts_answers_citing_every_gold_report(leeds, tmp_path):
    from assistant.evaluation import evaluate, load_gold

    by_year = {document.date[:4]: document.doc_id for document in leeds.index.documents.values()}
    stated = {"2015": "Children’s services in Leeds are good", "2018": "Overall effectiveness: Outstanding"}
    lines = [{"doc_id": by_year[year], "text": text} for year, text in stated.items()]
    cases = [
        {"id": "h1", "question": "How has Leeds's rating changed since 2015?", "answers": lines},
        # Answered with the 2015 line only: it quotes a gold passage but does not cite the 2018 report.
        {"id": "k1", "question": "What was Leeds's overall grade in 2015?", "answers": lines},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(case, ensure_ascii=False) for case in cases), encoding="utf-8")
    metrics = evaluate(leeds, load_gold(gold), "hybrid").metrics
    assert metrics["answer_cites_gold"] == 1.0 and metrics["answer_cites_every_doc"] == 0.5


@pytest.fixture(scope="module")
def rutland(tmp_path_factory) -> Assistant:
    """Rutland's 2022 focused visit and 2024 inspection: its 2020 inspection is not indexed, but the 2024 report
    states its grade ("Since the previous inspection in 2020, when services ... were judged to require
    improvement")."""
    root = tmp_path_factory.mktemp("rutland")
    (root / "corpus").mkdir()
    for name in ("ofsted-focused-visit-rutland-2022-02-23.pdf", "ofsted-inspection-rutland-2024-07-12.pdf"):
        shutil.copy(DATA / "ofsted-reports" / name, root / "corpus" / name)
    settings = Settings(corpus_dirs=(root / "corpus",), index_dir=root / "index", model=MODEL_NAME)
    build_index([root / "corpus"], settings.index_dir, build_settings(settings), HashingEmbedder(), progress=None)
    index = load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    return Assistant(index, settings, HashingEmbedder())


def test_an_inspection_before_the_indexed_ones_is_cited_where_a_report_states_its_grade(rutland):
    # fresh21 (read): "went from what to what between 2020 and 2024?"
    answer = rutland.ask("Rutland's Ofsted grade went from what to what between 2020 and 2024?")
    assert [c.quote for c in answer.citations][0] == "Overall effectiveness: Good"
    earlier = answer.citations[1]
    assert earlier.quote.startswith("Since the previous inspection in 2020, when services for children were judged")
    assert rutland.index.documents[earlier.doc_id].text[earlier.start : earlier.end] == earlier.quote
    assert answer.answer.startswith("Latest: ") and "says of the 2020 inspection" in answer.answer
    # A grade asked of that year is answered from the sentence; of a year no document states, declined.
    assert rutland.ask("What was Rutland's grade in 2020?").citations[0].quote == earlier.quote
    declined = rutland.ask("What was Rutland rated in 2018?")
    assert declined.abstained and "No graded inspection of Rutland took place in 2018" in declined.answer
    # A period that starts after 2020 leaves it out.
    assert len(rutland.ask("How has Rutland's rating changed since 2023?").citations) == 1


def test_an_articles_side_by_side_table_gives_the_grades_of_inspections_not_indexed(fast_assistant):
    # The seeds hold no graded Ofsted report of Rotherham; Community Care's article compares the 2014 and 2017
    # inspections in a table ("Experiences and progress of care leavers Inadequate: ... Outstanding: ...").
    # Twelve read question sets asked this; the table is read by its header's years and its rows' areas.
    answer = fast_assistant.ask("How did Rotherham's rating for care leavers change between 2014 and 2017?")
    assert not answer.abstained
    assert [c.quote.split(":")[0] for c in answer.citations] == ["Outstanding", "Inadequate"]
    for citation in answer.citations:
        assert fast_assistant.index.documents[citation.doc_id].text[citation.start : citation.end] == citation.quote
        assert citation.kind == "press article"
    lines = answer.answer.split("\n\n")
    assert lines[0].startswith("Latest: Community Care's article") and "Ofsted's 2017 judgement" in lines[0]
    assert lines[1].startswith("Earlier: ") and "Ofsted's 2014 judgement" in lines[1]
    one_year = fast_assistant.ask("What was Rotherham's overall grade in 2014?")
    assert [c.quote.split(":")[0] for c in one_year.citations] == ["Inadequate"]
    # An abbreviation names its area by the report's words for it: LAC are children looked after.
    looked_after = fast_assistant.ask("Rotherham LAC grade 2017")
    assert [c.quote.split(":")[0] for c in looked_after.citations] == ["Requires improvement"]
    assert "children in care" in looked_after.answer


def test_a_table_is_read_only_under_a_header_naming_its_years():
    from assistant.ingest.metadata import tabled_judgements

    rows = (
        "Area 2014 2017\nOverall judgement Inadequate: Failures. Good: Transformed.\n"
        "Care leavers Good: Fine. Good: Fine."
    )
    assert [(j.area_key, j.grade, j.year) for j in tabled_judgements(rows)] == [
        ("overall", "Inadequate", "2014"),
        ("overall", "Good", "2017"),
        ("care_leavers", "Good", "2014"),
        ("care_leavers", "Good", "2017"),
    ]
    # No header, a prose line between, or a row with another number of cells: no table.
    assert tabled_judgements(rows.split("\n", 1)[1]) == ()
    assert tabled_judgements(rows.replace("\nCare", "\nSome prose here.\nCare"))[2:] == ()
    assert tabled_judgements("Area 2014 2017\nOverall judgement Inadequate: Failures.") == ()


def test_sector_abbreviations_and_shortenings_search_the_reports_words():
    from assistant.search.query import build_query

    assert "initial child protection conference" in build_query("Leeds ICPC delays - what caused them?").expansions
    assert "children and young people" in build_query("who is cabinet member for CYP?").expansions
    assert "executive" in build_query("What did Oldham's chief exec change?").expansions
