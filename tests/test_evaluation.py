"""The gold set over the seed corpus, run through the same code as `python -m assistant eval`."""

from __future__ import annotations

import json

import pytest

from assistant.errors import InvalidInput
from assistant.evaluation import DEFAULT_GOLD, evaluate, format_reports, load_gold

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(assistant):
    return evaluate(assistant, load_gold(DEFAULT_GOLD), "hybrid")


def test_gold_set_covers_every_document_and_has_unanswerable_questions(assistant):
    cases = load_gold(DEFAULT_GOLD)
    answerable = [c for c in cases if not c.unanswerable]
    assert len(answerable) >= 40 and len(cases) - len(answerable) >= 8
    covered = {a["doc_id"] for c in answerable for a in c.answers}
    assert covered == set(assistant.documents)


def test_retrieval_quality(report):
    metrics = report.metrics
    assert metrics["hit@1"] >= 0.85, format_reports([report])
    assert metrics["hit@3"] >= 0.95, format_reports([report])
    assert metrics["mrr@10"] >= 0.90, format_reports([report])


def test_abstention(report):
    unanswerable = [r for r in report.results if r.unanswerable]
    answerable = [r for r in report.results if not r.unanswerable]
    assert all(r.abstained for r in unanswerable), [r.question for r in unanswerable if not r.abstained]
    assert sum(not r.abstained for r in answerable) / len(answerable) >= 0.95


# Ninth session: a year named in a question prefers the documents of that year (retrieval.scope_boost). On the
# national record it raised hit@1 on all seven spent sets; here, where the year's letter and press release outrank
# the article that holds some 2017 answers, MRR fell by 0.005-0.014 on fresh2, fresh3, fresh6, fresh7 and fresh8
# (0.869 -> 0.856, 0.825 -> 0.815, 0.915 -> 0.901, 0.883 -> 0.878, 0.771 -> 0.764), so those floors moved by 0.01.
@pytest.mark.parametrize(
    ("file_name", "floors"),
    [
        # Written independently of the code; its misses led to the chat-word rule, so it is not fully blind.
        # Measured: hit@3 0.914, MRR 0.832, answered 0.91, abstention recall 1.00.
        ("gold_heldout.jsonl", {"hit@3": 0.88, "mrr@10": 0.80, "answered_rate": 0.88, "abstention_recall": 0.9}),
        # Written blind to the code and to the other sets. First run: hit@3 0.975, MRR 0.917, answered 0.95,
        # abstention recall 0.40; the figure and year rules then took abstention recall to 0.80.
        # Twelfth session: abstention recall 1.0 after the opening-hours rule.
        ("gold_fresh.jsonl", {"hit@3": 0.92, "mrr@10": 0.88, "answered_rate": 0.9, "abstention_recall": 1.0}),
        # Written blind (third session). First run: hit@3 0.933, MRR 0.869, answered 1.00, abstention recall
        # 0.90; its two misses led to the capitals and expansion rules of topic coverage and to abstaining on
        # "who inspected" when no document in scope names an inspector: answered 0.978, abstention recall 1.00.
        # Twenty-first session: answered 0.978 -> 0.956. a38 ("what rating did Rotherham get for care leavers in
        # 2017?") had been answered with the press release's "rated good overall"; a question asking which grade is
        # now answered only by a quote grading the area it names, and the one that does is the article's table.
        ("gold_fresh2.jsonl", {"hit@3": 0.93, "mrr@10": 0.85, "answered_rate": 0.95, "abstention_recall": 1.0}),
        # Written blind afterwards (never tuned to). First run, before those rules: hit@3 0.950, MRR 0.825,
        # answered 0.875, abstention recall 0.60; after them 0.950, 0.825, 0.875, 0.70.
        # Eleventh session: 0.80 after the "when" rule (a time said of the question's topic). Twelfth: 1.0 after the
        # count, role and average rules; answered 0.875, as b20 ("who was rotherham's DCS ...") is declined, not
        # answered with a councillor's words.
        # Twenty-first session: answered 0.875 -> 0.850: b31 ("rotherham adoption rating 2014 vs 2017") had been
        # answered with "judged to be overall inadequate"; no quote grades adoption (the article's table does).
        ("gold_fresh3.jsonl", {"hit@3": 0.95, "mrr@10": 0.81, "answered_rate": 0.85, "abstention_recall": 1.0}),
        # Written blind last, in everyday words the documents do not use. First run: hit@3 0.725, MRR 0.667,
        # answered 0.475, abstention recall 0.65; after the meaning-based topic words (threshold chosen on the
        # other sets): answered 0.500, the rest unchanged.
        # Eleventh session: abstention recall 0.85 after the "when" rule. Twelfth: answered 0.70, abstention
        # recall 1.0 after the sector's everyday words and the count and address rules.
        ("gold_fresh4.jsonl", {"hit@3": 0.72, "mrr@10": 0.66, "answered_rate": 0.7, "abstention_recall": 1.0}),
        # Written blind in the fourth session, plain and informal. First run: hit@3 0.975, MRR 0.933, answered
        # 0.900, abstention recall 0.80; after the inspectors, age and asking-word rules: answered 0.925,
        # abstention recall 0.85; then spent: 0.90 after the count-opening rule it taught, 0.95 after the
        # reporting-verb rule.
        ("gold_fresh5.jsonl", {"hit@3": 0.97, "mrr@10": 0.93, "answered_rate": 0.92, "abstention_recall": 0.95}),
        # Written blind after those rules, as a councillor preparing for scrutiny would ask. First run: hit@3
        # 0.975, MRR 0.915, answered 0.950, abstention recall 0.85; second run, after the count-opening and
        # "whats" rules, the same; then spent: answered 0.975, abstention recall 0.90 after the reporting-verb
        # rule its r27 taught.
        ("gold_fresh6.jsonl", {"hit@3": 0.97, "mrr@10": 0.90, "answered_rate": 0.97, "abstention_recall": 0.9}),
        # Written blind before the reporting-verb rule, asked in reporting words (what inspectors identified,
        # highlighted, praised) to test it. First run: hit@3 1.000, MRR 0.867, answered 0.933, abstention recall
        # 0.933; second run, after the rule, the same.
        ("gold_fresh7.jsonl", {"hit@3": 0.97, "mrr@10": 0.86, "answered_rate": 0.93, "abstention_recall": 0.93}),
        # Written blind in the fifth session, as councillors, journalists and parents type (fragments, everyday
        # words). First run: hit@3 0.850, MRR 0.771, answered 0.750, abstention recall 0.85; second run, after the
        # session's retrieval change for a bare month, the same. No answer rule was changed for it.
        # Spent in the eleventh session: abstention recall 0.95 after the "when" rule.
        ("gold_fresh8.jsonl", {"hit@3": 0.85, "mrr@10": 0.76, "answered_rate": 0.75, "abstention_recall": 0.95}),
    ],
)
def test_sets_not_tuned_on_keep_their_measured_level(assistant, file_name, floors):
    """The settings were not tuned on these sets, so the floors sit below the tuned set's and guard against
    regressions rather than promise a level."""
    report = evaluate(assistant, load_gold(DEFAULT_GOLD.with_name(file_name)), "hybrid")
    for metric, floor in floors.items():
        assert report.metrics[metric] >= floor, format_reports([report])


def test_every_citation_quotes_its_source_exactly(assistant, report):
    citations = [c for result in report.results for c in result.citations]
    assert len(citations) >= 51
    for citation in citations:
        assert assistant.documents[citation.doc_id].text[citation.start : citation.end] == citation.quote


def test_compare_modes_report_each_mode(assistant):
    cases = load_gold(DEFAULT_GOLD)[:5]
    reports = [evaluate(assistant, cases, mode, with_answers=False) for mode in ("dense", "bm25", "hybrid")]
    table = format_reports(reports)
    assert table.splitlines()[0].split() == ["metric", "dense", "bm25", "hybrid"]


def test_malformed_gold_file_names_the_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "question": "q", "unanswerable": True}) + "\n{broken\n")
    with pytest.raises(InvalidInput, match="line 2"):
        load_gold(path)
