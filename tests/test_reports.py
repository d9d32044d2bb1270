"""The assistant over the 36 real Ofsted PDFs plus the seeds: the gold set, judgements and authority scoping."""

from __future__ import annotations

import pytest

from assistant.evaluation import evaluate, format_reports, load_gold
from assistant.text import sentence_key

from .conftest import DATA, assistant_over

pytestmark = pytest.mark.slow
REPORTS = DATA / "ofsted-reports"


@pytest.fixture(scope="module")
def extended(extended_index, embedder):
    """The Assistant over the seed corpus and the real reports (the session's shared index)."""
    settings, report = extended_index
    assert report.documents == 41
    assert [s.split(":")[0] for s in report.skipped] == ["SOURCES.tsv"]
    return assistant_over(settings, embedder)


def test_reports_gold_set(extended):
    cases = load_gold(DATA / "gold_reports.jsonl")
    assert len([c for c in cases if not c.unanswerable]) >= 30
    report = evaluate(extended, cases, "hybrid")
    assert report.metrics["hit@3"] >= 0.9, format_reports([report])
    assert all(r.abstained == r.unanswerable for r in report.results), format_reports([report])


def test_metadata_of_indexed_reports(extended):
    document = extended.document("ofsted-inspection-south-tyneside-2023-05-10")
    assert (document.authority, document.kind.value, document.date) == (
        "South Tyneside",
        "inspection report",
        "2023-05-10",
    )
    assert ("Overall effectiveness", "Inadequate") in {(j.area, j.grade) for j in document.judgements}
    assert document.visit_type == "ILACS inspection" and document.lead_inspector == "Rebecca Quested"


def test_which_councils_were_judged_inadequate(extended):
    answer = extended.ask("Which councils were judged inadequate?")
    assert not answer.abstained
    assert {c.authority for c in answer.citations} == {"South Tyneside", "Kingston upon Hull"}
    for citation in answer.citations:
        assert extended.document(citation.doc_id).text[citation.start : citation.end] == citation.quote
        assert citation.quote == "Overall effectiveness: Inadequate" and citation.page == 1


def test_grades_as_they_stand_count_each_councils_latest_inspection(extended):
    answer = extended.ask("How many councils are now good overall?")
    councils = [c.authority for c in answer.citations]
    assert not answer.abstained and len(councils) == len(set(councils)) >= 3
    assert all(c.quote == "Overall effectiveness: Good" for c in answer.citations)
    graded = {
        d.authority for d in extended.documents.values() if any(j.area == "Overall effectiveness" for j in d.judgements)
    }
    assert answer.answer.startswith(f"{len(councils)} of the {len(graded)} councils with a graded inspection")
    # each council's latest graded inspection only: Hull's 2019 report is its latest, and inadequate
    assert "Kingston upon Hull" not in councils


def test_a_region_or_a_councils_neighbours_keep_their_councils(extended):
    from assistant.domain.regions import councils_in

    answer = extended.ask("Which London councils are rated outstanding?")
    assert answer.filters == "region: London"
    assert {c.authority for c in answer.citations} == {"Hammersmith and Fulham"}
    assert "of the 3 councils in London" in answer.answer
    answer = extended.ask("which councils near Leeds are inadequate?")
    assert answer.filters == "region: Yorkshire and the Humber"
    assert {c.authority for c in answer.citations} == {"Kingston upon Hull"}
    # a search question keeps the region too
    answer = extended.ask("What do inspectors say about care leavers in London?")
    assert not answer.abstained and {c.authority for c in answer.citations} <= councils_in(("London",))
    # none is an answer, grounded by each council's grade
    answer = extended.ask("Which London councils are inadequate now?")
    assert not answer.abstained
    assert answer.answer.startswith("None of the 3 councils in London with a graded inspection in the documents")
    assert {c.authority for c in answer.citations} == {"Hammersmith and Fulham", "Lambeth", "Wandsworth"}
    assert all(c.quote.startswith("Overall effectiveness: ") for c in answer.citations)


def test_a_grade_stated_by_the_attribution_is_checked_against_the_judgements(extended):
    """ "Ofsted rated X good for ...": the verb that states the grade is also the attribution."""
    from assistant.types import Verdict

    # Bristol's 2023 report: care leavers good, overall effectiveness requires improvement to be good.
    agreed = extended.check("Ofsted rated Bristol good for the experiences and progress of care leavers.")
    assert agreed.verdict is Verdict.SUPPORTED
    raised = extended.check("Ofsted rated Bristol outstanding for the experiences and progress of care leavers")
    assert raised.verdict is Verdict.ALTERED
    assert raised.evidence[0].quote.lower().endswith("care leavers: good")


def test_what_a_report_lists_as_needing_to_improve_is_not_a_finding(extended):
    """Rutland 2024 lists "Children benefiting from consistent help and support ..." under "What needs to improve?"."""
    from assistant.types import Verdict

    stated = extended.check(
        "In Rutland, children benefit from consistent help and support from practitioners who know them well."
    )
    assert stated.verdict is Verdict.ALTERED and "What needs to improve?" in stated.explanation
    assert stated.evidence[0].doc_id == "ofsted-inspection-rutland-2024-07-12"
    needed = extended.check(
        "Ofsted said Rutland needs to make sure children benefit from consistent help and support from "
        "practitioners who know them well."
    )
    assert "What needs to improve?" not in needed.explanation


def test_questions_about_one_council_stay_within_it(extended):
    answer = extended.ask("What did Ofsted say about supervision in Kirklees?")
    assert answer.filters == "authority: Kirklees"
    assert {c.authority for c in answer.citations} == {"Kirklees"}
    assert all(c.page >= 1 and c.date == "2019-08-05" for c in answer.citations)
    passages = extended.search("What did Ofsted say about care leavers in St Helens?", 5)
    assert {p.authority for p in passages} == {"St Helens"}


def test_a_question_naming_no_council_is_answered_from_several_and_says_so(extended):
    answer = extended.ask("What do inspectors say about supervision of social workers?")
    councils = list(dict.fromkeys(c.authority for c in answer.citations))
    assert not answer.abstained and len(councils) >= 3
    first_line = answer.answer.splitlines()[0]
    assert first_line.startswith(f"From the reports of {len(councils)} councils: ")
    assert all(council in first_line for council in councils)
    # a question naming its council is answered from it alone, without the note
    answer = extended.ask("What did Ofsted say about supervision in Bristol?")
    assert {c.authority for c in answer.citations} == {"Bristol"} and "From the reports of" not in answer.answer


def test_an_everyday_word_is_not_found_in_a_name(extended):
    # "Parkes" (an inspector of the Cambridgeshire letter) stems to "park", as "parking" does
    answer = extended.ask("what are the parking charges in town?")
    assert answer.abstained and "parking" in answer.answer and not answer.citations
    # a name the question writes with its capital is still found in the passages
    answer = extended.ask("What did Nigel Parkes find in Cambridgeshire?")
    assert not answer.abstained


def test_a_phrase_naming_the_visit_chooses_the_letter_not_its_opening(extended):
    # The letter's opening names the council, the visit and its dates; it used to rank first for every question
    # about "the February 2020 focused visit".
    for topic in ("caseloads", "supervision"):
        question = f"What did Ofsted say about Cambridgeshire's {topic} at its February 2020 focused visit?"
        top = extended.search(question, 3)[0]
        assert top.doc_id == "ofsted-focused-visit-cambridgeshire-2020-03-05" and top.start > 0, (question, top.text)
        assert "This letter summarises" not in top.text and topic in top.text.lower()
    # A question about the visit itself keeps its words: its answer is the opening.
    opening = extended.search("Who carried out the focused visit to Cambridgeshire in February 2020?", 3)
    assert any(p.start == 0 and p.doc_id == "ofsted-focused-visit-cambridgeshire-2020-03-05" for p in opening)


def test_a_question_naming_two_years_quotes_each_years_document(extended):
    # fresh21 (read): caseloads at Cambridgeshire's 2020 and 2022 focused visits; the 2022 letter's sentences rank
    # first, and the 2020 letter's answer is further down the passages retrieved.
    answer = extended.ask("Cambridgeshire social worker caseloads - were they sorted between the 2020 and 2022 visits?")
    years = {extended.document(c.doc_id).date[:4] for c in answer.citations}
    assert years == {"2020", "2022"}
    assert all("caseloads" in c.quote.lower() for c in answer.citations if c.date.startswith("2020"))


def test_comparisons_search_every_named_council(extended):
    passages = extended.search("Compare caseloads in Warwickshire and Wandsworth", 10)
    assert {"Warwickshire", "Wandsworth"} <= {p.authority for p in passages}


def test_no_page_furniture_inside_passages(extended):
    for chunk in extended.index.chunks:
        assert "Piccadilly Gate" not in chunk.text and "Textphone" not in chunk.text
        assert "© Crown copyright" not in chunk.text


def test_a_when_question_quotes_the_letter_s_own_statement_of_the_visit_dates(extended):
    answer = extended.ask("When did inspectors visit Stockport?")
    assert not answer.abstained
    assert any("24 and 25 January 2024" in c.quote for c in answer.citations), answer.answer
    # Elsewhere the template's opening ("This letter summarises the findings of ...") answers nothing.
    topical = extended.ask("what does the isle of wight letter say about supervision")
    assert not any(c.quote.startswith("This letter summarises") for c in topical.citations), topical.answer


# The blind sets over the seeds and the 36 reports (45 answerable and 20 unanswerable questions each), written by
# helpers who saw only the documents; each was run first on the code before the session's changes and again after
# them, and never used to add a rule or a word until then. The floors are the latest figures.
# - fresh9 (eleventh session): first run hit@3 0.956, MRR 0.812, answered 0.911, abstention recall 0.90; second
#   the same but abstention 0.95; 1.0 after the twelfth session's rules.
# - fresh10 (twelfth): first run hit@1 0.889, hit@3 1.0, MRR 0.933, answered 0.933, abstention 0.90, citing gold
#   0.778; second the same but abstention 0.95. Spent in the thirteenth: answered 0.956, abstention 1.0.
# - fresh11 (thirteenth): first run hit@1 0.733, hit@3 0.867, MRR 0.812, answered 0.889, abstention 0.85, citing
#   gold 0.622; second the same. Then spent: answered 0.911, abstention 1.0.
# - fresh12 (thirteenth, idioms and harder wording asked for): first run hit@1 0.689, hit@3 0.844, MRR 0.784,
#   answered 0.644, abstention 0.80, citing gold 0.489; second (the session's answer rules) answered 0.622,
#   abstention 0.90; third, after the "next inspection after" rule was narrowed for its t03, answered 0.644. Spent:
#   after the "since" clause, seasons and short months, answered 0.711.
# - fresh13 (thirteenth; its writer was asked for short months, seasons and "since being judged ..." questions, the
#   kinds the session's last rules read): on 19b3e24 hit@3 0.911, MRR 0.760, answered 0.600, abstention 0.75; on the
#   session's rules before the last three answered 0.622, abstention 0.80; with them hit@3 0.889, MRR 0.753,
#   answered 0.644, abstention 0.85, citing gold 0.467.
# - fresh14 (fourteenth, `jNN`/`xNN`, no steer): on 8ed6080 hit@3 0.911, MRR 0.808, answered 0.711, abstention 0.90,
#   citing gold 0.600; after the session's answer rules (dated months, county abbreviations, "its next ILACS after
#   the March 2023 visit") the same. Spent after. The same rules took fresh12 to answered 0.733 and fresh13 to
#   hit@3 0.911, MRR 0.769, answered 0.711 (both read before).
# - fresh15 (twentieth, `kNN`/`zNN`, no steer): on 0a284d3 hit@1 0.667, hit@3 0.889, MRR 0.776, answered 0.822,
#   abstention 0.60, citing gold 0.622; second run, after the session's claim rounds (no answer rule changed), the
#   same. Read in the twenty-first session after that second run.
# - fresh16 (twenty-first, `mNN`/`uNN`, no steer): on 23d0a5e hit@1 0.622, hit@3 0.867, MRR 0.752, answered 0.911,
#   abstention 0.90, citing gold 0.622; second run, after the session's answer rules (grades stated, what needs to
#   improve, inspectors by year), hit@1 0.667, MRR 0.781, abstention 0.95, citing gold 0.667. Read in the
#   twenty-second session after that second run (its list, definition and "how did X do for" misses taught general
#   rules): citing gold 0.756.
# - fresh17 (twenty-second, `laNN`/`luNN`, no steer): on 6eb8a66 hit@1 0.689, hit@3 0.800, MRR 0.770, answered
#   0.800, abstention 0.90, citing gold 0.622; second run, after the session's answer rules (improvement lists among
#   every passage, definitions, WordNet synonyms saying a question's word), hit@3 0.822, MRR 0.771, answered 0.822,
#   abstention 0.90, citing gold 0.667. Read in the twenty-third session after that second run (its plural
#   abbreviations, sums and shares in lower-ranked passages, "what went wrong", two councils named apart taught
#   general rules): hit@1 0.756, hit@3 0.889, MRR 0.835, answered 0.933, citing gold 0.800.
# - fresh18 (twenty-third, `oaNN`/`ouNN`, no steer): on 92c998f hit@1 0.689, hit@3 0.844, MRR 0.768, answered
#   0.822, abstention 0.90, citing gold 0.622; second run, after the session's answer rules, hit@1 0.733, hit@3
#   0.867, MRR 0.805, answered 0.844, abstention 0.95, citing gold 0.689 (a third run, with RHI withdrawn, the
#   same); a fourth, after round 44 (a verb the reports do not use counts half), answered 0.867, citing gold 0.711,
#   the rest the same; a fifth, after "why" prefers a sentence giving a cause, citing gold 0.733. Unread.
# - fresh19 (twenty-third, `vaNN`/`vuNN`, no steer): on a6eeb0e (round 43) hit@1 0.689, hit@3 0.844, MRR 0.776,
#   answered 0.822, abstention 0.90, citing gold 0.667; second run, after round 44, answered 0.867, citing gold
#   0.711, the rest the same; third, after "why" prefers a sentence giving a cause, citing gold 0.733. Unread.
BLIND_FLOORS = {
    # fresh9 0.911 -> 0.889 answered in the fourteenth session: in p45 ("when was it last fully inspected before the
    # march 2020 visit") the dated month is no topic word now, and "fully", left alone, is not in the passages.
    # fresh9 0.889 -> 0.867 answered in the twenty-first session: p09 ("how did rotherhams care leavers rating change
    # between the 2014 and 2017 inspections?") had been answered with three councils' sentences stating no grade.
    "gold_fresh9.jsonl": {"hit@3": 0.95, "mrr@10": 0.81, "answered_rate": 0.86, "abstention_recall": 1.0},
    "gold_fresh10.jsonl": {"hit@3": 1.0, "mrr@10": 0.93, "answered_rate": 0.95, "abstention_recall": 1.0},
    # fresh11 MRR 0.812 -> 0.801 in the sixteenth session: search now ranks first the line a structured answer
    # cites, and w09 ("who were the inspectors ... and what did it look at?") is answered by the inspectors' line.
    "gold_fresh11.jsonl": {"hit@3": 0.86, "mrr@10": 0.80, "answered_rate": 0.91, "abstention_recall": 1.0},
    # fresh12 0.733 -> 0.711 answered in the twenty-first session: t04 (the same question as fresh9's p09) likewise.
    "gold_fresh12.jsonl": {"hit@3": 0.84, "mrr@10": 0.78, "answered_rate": 0.71, "abstention_recall": 0.9},
    # fresh13 hit@3 0.911 -> 0.889 in the sixteenth session: "how did Ofsted rate it" now asks for a grade, and r04's
    # answer is a press article's table of grades, which the boost for Ofsted's grade lines ranks 8th; the answer,
    # two unrelated monitoring-visit sentences before, now declines (answered 0.711 -> 0.689).
    "gold_fresh13.jsonl": {"hit@3": 0.88, "mrr@10": 0.76, "answered_rate": 0.68, "abstention_recall": 0.85},
    # fourteenth session: first run 0.911 / 0.808 / 0.711 / 0.90, second (after the session's answer rules) the same
    "gold_fresh14.jsonl": {"hit@3": 0.91, "mrr@10": 0.80, "answered_rate": 0.71, "abstention_recall": 0.9},
    # fresh15, read in the twenty-first session after its second run (its unanswered grade, name, inspector and
    # percentage questions led to that session's answer rules): hit@3 0.933, MRR 0.834, abstention 0.85.
    "gold_fresh15.jsonl": {"hit@3": 0.93, "mrr@10": 0.83, "answered_rate": 0.82, "abstention_recall": 0.85},
    "gold_fresh16.jsonl": {"hit@3": 0.86, "mrr@10": 0.78, "answered_rate": 0.91, "abstention_recall": 0.95},
    # fresh17 MRR 0.835 -> 0.824 in the twenty-sixth session: la44 ("how have Rotherham's grades changed since
    # 2014?") is answered from the article's table of the 2014 and 2017 judgements, whose passage now ranks first
    # (search ranks first what a structured answer cites), the gold prose sentence second.
    "gold_fresh17.jsonl": {"hit@3": 0.88, "mrr@10": 0.82, "answered_rate": 0.93, "abstention_recall": 0.9},
    # fresh18 and fresh19, read in the twenty-fourth session after their runs (rounds 45 and 46 came from them)
    "gold_fresh18.jsonl": {"hit@3": 0.86, "mrr@10": 0.81, "answered_rate": 0.97, "abstention_recall": 1.0},
    "gold_fresh19.jsonl": {"hit@3": 0.86, "mrr@10": 0.78, "answered_rate": 0.91, "abstention_recall": 0.9},
    # twenty-fourth session: first run 0.889 / 0.813 / 0.867 / 0.70 on bfad779; after round 45 and after round 46
    # 0.911 / 0.817 / 0.889 / 0.70; read in the twenty-fifth (round 47 came from it): 0.933 / 0.824 / 0.911 / 0.85;
    # after round 48 0.956 / 0.846 / 0.933 / 0.85
    "gold_fresh20.jsonl": {"hit@3": 0.95, "mrr@10": 0.84, "answered_rate": 0.93, "abstention_recall": 0.85},
    # twenty-fifth session: first run on its base 23a127a 0.933 / 0.856 / 0.889 / 0.85; after round 47 the same;
    # read in the twenty-sixth (round 48 came from it): 0.956 / 0.878 / 0.933 / 0.95
    "gold_fresh21.jsonl": {"hit@3": 0.95, "mrr@10": 0.87, "answered_rate": 0.93, "abstention_recall": 0.95},
    # twenty-sixth session (`eaNN`/`euNN`, no steer): first run on its base 000b75f 0.933 / 0.834 / 0.956 / 0.90
    # (hit@1 0.733, citing gold 0.822); after round 48 the same but citing gold 0.844; read in the twenty-seventh
    # (round 49 came from it): 0.933 / 0.834 / 0.956 / 1.0, citing gold 0.889
    "gold_fresh22.jsonl": {"hit@3": 0.93, "mrr@10": 0.83, "answered_rate": 0.95, "abstention_recall": 1.0},
    # twenty-seventh session (`saNN`/`suNN`, no steer): first run on its base 9b70b23 0.911 / 0.835 / 0.956 / 1.0
    # (hit@1 0.756, citing gold 0.778); after round 49's first answer rules, and after its last, every figure the
    # same; read in the twenty-eighth (round 50 came from it): the same, citing gold 0.867
    "gold_fresh23.jsonl": {"hit@3": 0.91, "mrr@10": 0.83, "answered_rate": 0.95, "abstention_recall": 1.0},
    # twenty-eighth session (`daNN`/`duNN`, no steer): first run on its base 00e439e 0.956 / 0.845 / 0.933 / 0.95
    # (hit@1 0.756, citing gold 0.733); after round 50 every figure the same (unread)
    "gold_fresh24.jsonl": {"hit@3": 0.95, "mrr@10": 0.84, "answered_rate": 0.93, "abstention_recall": 0.95},
}


@pytest.mark.parametrize("name", sorted(BLIND_FLOORS))
def test_blind_sets_keep_their_measured_level(extended, name):
    report = evaluate(extended, load_gold(DATA / name), "hybrid")
    for metric, floor in BLIND_FLOORS[name].items():
        assert report.metrics[metric] >= floor, format_reports([report])


def test_a_rate_said_in_words_answers_a_question_asking_for_the_rate(extended):
    answer = extended.ask("What was the COVID infection rate in Milton Keynes?")
    assert any("relatively low rate of COVID-19 infection" in c.quote for c in answer.citations), answer.answer


def test_a_term_the_question_quotes_is_answered_in_those_words(extended):
    # fresh23 (read): "staffed houses" is South Tyneside's own name for unregistered homes; the question's "what was
    # wrong" is not a request for the report's list of what needs to improve.
    answer = extended.ask("What was wrong with South Tyneside's 'staffed houses'?")
    assert not answer.abstained and answer.citations, answer.answer
    assert all("staffed houses" in c.quote for c in answer.citations), answer.answer


def test_a_comparison_asks_of_each_council_what_it_asks_not_about_the_councils(extended):
    # fresh23 (read): asked with both names, St Helens' part quoted sentences naming St Helens, not its council tax.
    answer = extended.ask("council tax for care leavers: Bristol vs St Helens")
    bristol, st_helens = answer.answer.split("St Helens:")
    assert "Council tax is paid for all care leavers" in st_helens, answer.answer
    assert "not exempt from council tax" in bristol, answer.answer


def test_a_grade_asked_since_the_previous_inspection_reads_the_one_before_the_named_year(extended):
    answer = extended.ask("Rutland 2024 inspection: how has the grade changed since the previous inspection?")
    quotes = [c.quote for c in answer.citations]
    assert quotes[0] == "Overall effectiveness: Good", answer.answer
    assert any(q.startswith("Since the previous inspection in 2020") for q in quotes[1:]), answer.answer


def test_a_question_asking_when_and_which_grade_is_answered_by_a_sentence_stating_both(extended):
    answer = extended.ask(
        "When was Hartlepool last inspected before its 2020 focused visit, and what grade did it get?"
    )
    assert "last inspected in July 2018" in answer.citations[0].quote, answer.answer


def test_a_question_asking_which_grade_is_answered_only_by_a_quote_stating_one(extended):
    # Wakefield's only document is a 2023 focused visit: no passage states a 2021 grade.
    wakefield = extended.ask("What overall effectiveness grade did Wakefield get in 2021?")
    assert wakefield.abstained and "grade" in wakefield.answer, wakefield.answer
    # The 2022 grades of West Northamptonshire are stated only in prose, in its 2025 letter: that sentence answers.
    west = extended.ask("What grades did West Northamptonshire get at its October 2022 inspection?")
    assert not west.abstained and "requires improvement to be good" in west.citations[0].quote, west.answer
    # A quote grading another area (help and protection) is no answer to an overall grade.
    cambridgeshire = extended.ask("What was Cambridgeshire's overall effectiveness grade in 2019?")
    assert cambridgeshire.abstained, cambridgeshire.answer


def test_who_inspected_picks_the_letters_of_the_year_asked(extended):
    # Hartlepool's 2020 letter mentions its 2018 inspection but names only its own visit's inspectors.
    assert extended.ask("Who led Hartlepool's 2018 inspection?").abstained
    answer = extended.ask("Who inspected Hartlepool in 2020?")
    assert "Lisa Summers" in answer.answer and answer.citations[0].doc_id.endswith("2020-03-27"), answer.answer


def test_a_name_asked_for_is_a_person_s_not_a_council_s(extended):
    answer = extended.ask("Kirklees's permanent DCS appointed in December 2018 - what's her name?")
    assert answer.query.intent.figure == "a person's name"
    # The report names no DCS; "Leeds City Council", in the passage about the DfE's arrangement, is no name.
    assert answer.abstained and "person's name" in answer.answer, answer.answer


def test_a_grade_question_naming_several_areas_cites_each_judgement(extended):
    answer = extended.ask("What grades did Bristol get in 2023, overall and for children in care and care leavers?")
    quotes = [c.quote for c in answer.citations]
    # The 2023 framework grades children in care and care leavers apart: both lines answer the joint phrase.
    assert len(quotes) == 3 and quotes[0].startswith("Overall effectiveness"), answer.answer
    assert any("children in care: Good" in q for q in quotes) and any("care leavers: Good" in q for q in quotes)
    one = extended.ask("What grade did Bristol get for care leavers in 2023?")
    assert [c.quote for c in one.citations] == ["The experiences and progress of care leavers: Good"], one.answer


def test_what_needs_to_improve_is_answered_from_ofsted_s_list_of_it(extended):
    # The letter's opening names the council and the visit and had ranked first; the list is the answer.
    answer = extended.ask("What did Ofsted tell Rutland to improve after its 2022 visit?")
    assert answer.citations[0].quote.startswith("The accuracy of performance management data"), answer.answer
    wakefield = extended.ask("what needs to get better in Wakefield's care leavers service?")
    assert wakefield.citations[0].quote == "Local offer to include internet access for young people.", wakefield.answer
    # A list sharing few of the question's words is looked for among all the passages retrieved.
    bristol = extended.ask("What did Ofsted want Bristol to improve at its December 2021 front door visit?")
    listed = ("The consistency with which the reasons for contacting", "How clearly and consistently the rationale")
    assert bristol.citations[0].quote.startswith(listed), bristol.answer
    # every item of the list answers, however few of the question's words it shares
    assert {c.quote[:40] for c in bristol.citations} >= {item[:40] for item in listed}, bristol.answer


def test_everyday_ways_of_asking_what_went_wrong_ask_for_the_list(extended):
    # "what went wrong", "the one thing to fix": the list of what needs to improve answers them; a council typed in
    # lower case still names the visit ("bristol focused visit - ..."), so the 2022 letter's list, not the 2023
    # report's, is quoted.
    bristol = extended.ask("bristol focused visit - what went wrong?")
    assert bristol.citations[0].doc_id == "ofsted-focused-visit-bristol-2022-01-31", bristol.answer
    assert bristol.citations[0].quote.startswith("The consistency with which the reasons for contacting"), (
        bristol.answer
    )
    wakefield = extended.ask("wakefield care leavers visit 2023 - what was the one thing to fix?")
    assert wakefield.citations[0].quote == "Local offer to include internet access for young people.", wakefield.answer


def test_a_sum_or_a_share_is_quoted_from_the_sentence_that_states_it(extended):
    # The sum is in the fifth passage retrieved; the closest passages state none.
    money = extended.ask("wigan - how much money was being talked about for children's services in 2020?")
    assert not money.abstained and "£5 million" in money.citations[0].quote, money.answer
    # "share" asks for the figure: a passage stating a share ("just under half") says it.
    share = extended.ask("middlesbrough - what share of referrals come from the police?")
    # (The sentence before it may join it in one quote, in document order.)
    assert "Referrals from the police account for just under half" in share.citations[0].quote, share.answer
    # A score is no share, nor is an ordinal: "'10 out of 10'", "a third monitoring visit".
    no_share = extended.ask("What percentage of St Helens care leavers are in EET?")
    assert no_share.abstained and "percentage" in no_share.answer, no_share.answer


def test_plural_abbreviations_read_as_their_terms(extended):
    answer = extended.ask("does north lincolnshire use IFAs / external fostering?")
    assert any("not used any external fostering placements" in c.quote for c in answer.citations), answer.answer


def test_two_councils_named_apart_are_one_question_not_a_comparison(extended):
    # Leeds oversaw Kirklees' improvement: Kirklees' report says so; neither council is compared with the other.
    answer = extended.ask("When did Leeds City Council start overseeing Kirklees' improvement, and who set that up?")
    assert any("In June 2017, a formal arrangement" in c.quote for c in answer.citations), answer.answer
    compared = extended.ask("staying put numbers - Suffolk vs Kirklees?")
    assert compared.answer.count(":") >= 2 and "Suffolk" in compared.answer and "Kirklees" in compared.answer


def test_a_verb_the_reports_do_not_use_does_not_decline_the_question(extended):
    # "criticised", "delivers": WordNet knows them only as verbs; the reports say what they say in their own verbs.
    staffed = extended.ask("What are the 'staffed houses' that inspectors criticised?")
    assert any("staffed houses" in c.quote for c in staffed.citations), staffed.answer
    # An off-topic noun still declines ("parking"), and "SEND" typed in capitals is no verb.
    assert extended.ask("How are parking fines handled in South Tyneside?").abstained
    assert extended.ask("what did Ofsted say about SEND provision in Rotherham?").abstained


def test_why_is_answered_with_the_sentence_giving_the_cause(extended):
    # The report says the delays happened, and why: "This led to a reduction in trained ... minute-takers".
    answer = extended.ask("why were initial child protection conferences delayed in Leeds?")
    assert any("This led to a reduction in trained child protection conference" in c.quote for c in answer.citations)


def test_a_term_is_explained_by_the_sentence_that_introduces_it(extended):
    answer = extended.ask("what is CFWS in Lancashire?")
    assert "Children and Family Well Being Service (CFWS)" in answer.citations[0].quote, answer.answer


def test_the_grade_before_a_visit_is_read_from_that_visits_letter(extended):
    # Hartlepool's 2018 report is not among the documents; its 2020 letter says what that inspection judged, in
    # the eighth passage retrieved: the grade is looked for in every passage, and the year is one before 2020's.
    answer = extended.ask("how was Hartlepool judged at the inspection prior to its 2020 focused visit?")
    assert not answer.abstained and "last inspected in July 2018" in answer.citations[0].quote, answer.answer


def test_a_councils_own_abbreviation_names_it(extended):
    answer = extended.ask("what is the golden triangle MK talks about?")
    assert answer.citations and {c.authority for c in answer.citations} == {"Milton Keynes"}, answer.answer
    assert "golden triangle" in answer.citations[0].quote, answer.answer
    assert extended.read("H&F children in care", ()).authorities == ("Hammersmith and Fulham",)


def test_a_single_area_for_improvement_asks_for_the_list(extended):
    answer = extended.ask("what was the area for improvement at East Sussex's 2025 visit?")
    assert answer.citations[0].quote.startswith("The timeliness with which child protection strategy meetings"), (
        answer.answer
    )


def test_a_noun_asking_for_a_figure_or_a_position_is_no_topic_word(extended):
    answer = extended.ask("what number was Rotherham's May 2017 monitoring visit?")
    assert not answer.abstained and "third monitoring visit" in answer.citations[0].quote, answer.answer


def test_the_noun_of_improving_before_an_improvement_noun_asks_for_the_list(extended):
    answer = extended.ask("wakefield care leavers 2023 - improvement areas?")
    assert answer.citations[0].quote == "Local offer to include internet access for young people.", answer.answer
    assert not extended.read("what were the improved areas in Wakefield?", ()).intent.improvement


def test_an_abbreviation_then_what_is_it_asks_what_it_stands_for(extended):
    answer = extended.ask("Lancashire's CFWS: what's that?")
    assert "Children and Family Well Being Service (CFWS)" in answer.citations[0].quote, answer.answer


def test_a_number_before_another_plural_noun_counts_that_noun(extended):
    # "its stated target of 15 cases per social worker" counts cases, not social workers; the letter says only "a
    # significant number of social workers" were recruited.
    answer = extended.ask("How many social workers did Warwickshire take on in 2018?")
    assert answer.abstained and "number" in answer.answer, answer.answer
    # ... while a number before what the question counts answers it
    counted = extended.ask("how many care leavers does Suffolk have in staying put?")
    assert "50 care leavers are supported in this way" in counted.citations[0].quote, counted.answer


def test_everyday_verbs_and_suffixes_of_chat_are_no_topic(extended):
    # "taken", "-wise": how a question is put, not what it is about
    taken = extended.ask("has Rutland taken its full allocation of UASC?")
    assert any("its full allocation of unaccompanied asylum-seeking children" in c.quote for c in taken.citations)
    grades = extended.ask("north lincolnshire - what has changed ratings-wise since 2017?")
    assert any("have remained outstanding" in c.quote for c in grades.citations), grades.answer


def test_a_template_s_sentences_are_never_quoted(extended):
    # The COVID paragraph opening the 2020-21 letters stands word for word in many of them: about no council.
    template = extended.index.template_sentences
    assert any("is leading ofsted's work into how england's social care system" in key for key in template)
    assert not any(key.startswith("overall effectiveness") for key in template)  # a judgement line is the report's
    for question in ("coventry covid - how was the visit done?", "What did Ofsted say about Sefton during COVID?"):
        answer = extended.ask(question)
        assert not any(sentence_key(c.quote).startswith("her majesty's chief inspector") for c in answer.citations)
        assert "is leading Ofsted" not in answer.answer, answer.answer


def test_a_unit_of_time_or_a_role_s_name_asked_for_must_be_stated(extended):
    waiting = extended.ask("West Berkshire CAMHS waiting time in weeks?")  # "long waiting lists": no weeks
    assert waiting.abstained and "length of time" in waiting.answer, waiting.answer
    named = extended.ask("coventry director of children's services name 2021?")
    assert named.abstained and "person's name" in named.answer, named.answer


def test_the_next_inspection_after_a_visit_is_asked_for_with_ofsted_s_verb(extended):
    answer = extended.ask("what did Ofsted find when it next inspected Sefton after the March 2021 focused visit?")
    assert answer.abstained and "after 2021" in answer.answer, answer.answer


# Round 49 (twenty-seventh session), from fresh22 (read after its runs).
def test_a_label_naming_the_visit_by_its_theme_chooses_the_letter_not_the_words(extended):
    # "CIN/CP" names the visit; its expansions ("children in need", "child protection") drew the letter's scope
    # paragraph, and the visit's words drew "The visit was carried out fully on site."
    answer = extended.ask("Cambridgeshire CIN/CP focused visit 2022 - were caseloads still a problem?")
    assert answer.query.expansions == () and answer.query.topic == ("caseloads",)
    assert all("caseload" in c.quote.lower() for c in answer.citations), answer.answer


def test_a_judgement_named_as_a_point_in_time_is_not_what_is_asked(extended):
    answer = extended.ask("Which council oversaw Kirklees's improvement after the 2016 inadequate judgement?")
    assert not answer.query.intent.grade
    assert any(
        "Leeds City Council taking responsibility for overseeing improvement" in c.quote for c in answer.citations
    )
    # a grade asked for in the main clause is still a grade question
    assert extended.read("What was Kirklees rated after the 2016 inadequate judgement?").intent.grade


def test_a_percentage_or_a_name_asked_for_after_a_dash_must_be_stated(extended):
    rate = extended.ask("Leeds social worker vacancy rate in 2022 - what percentage?")
    assert rate.query.intent.figure == "a percentage" and rate.abstained, rate.answer
    who = extended.ask("lambeth lead member for children - who is it?")
    assert who.query.intent.figure == "a person's name" and who.abstained, who.answer


def test_a_whole_or_a_count_asked_for_is_not_a_part_or_a_position(extended):
    # "50 care leavers are supported in this way, a high proportion of the total" is a part of the whole
    whole = extended.ask("How many care leavers does Suffolk support in total?")
    assert whole.abstained and "number" in whole.answer, whole.answer
    part = extended.ask("How many care leavers does Suffolk support?")
    assert any("50 care leavers" in c.quote for c in part.citations), part.answer
    # "a fourth CAS team" is no count of cases
    average = extended.ask(
        "average caseload per social worker in Hammersmith & Fulham after the 4th CAS team was created?"
    )
    assert average.abstained, average.answer
