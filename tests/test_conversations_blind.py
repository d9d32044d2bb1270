"""The blind conversation set (tests/data/conversations_blind.jsonl): 25 conversations of 2-4 turns, plain and
informal wording, written by a helper who saw neither the code nor the other sets, over corpus/ and the reports in
tests/data/ofsted-reports. No rule or word was added for one of its cases; the floors are the measured figures.

Each turn is scored as `python -m assistant eval tests/data/conversations_blind.jsonl` scores it: answered or
abstained as it should, a cited quote overlapping a gold answer text, a follow-up read as one.
"""

from __future__ import annotations

import pytest

from assistant.evaluation import evaluate_conversations, format_set_report

from .conftest import DATA, assistant_over

pytestmark = pytest.mark.slow
REPORTS = DATA / "ofsted-reports"

# Measured on the final code of issue 12 over 89 turns: answered 0.733, cites_gold 0.520 (fresh questions 0.611,
# follow-ups 0.436), abstention recall 0.786, follow-up reading 0.899. The floors sit just under those figures (the
# first run, on the code before issue 12, is the lead's measurement; see README). Fourth session: answered 0.760,
# cites_gold 0.547, abstention recall 0.786, follow-up reading 0.899.
FLOORS = {
    "answered": 0.72,
    "cites_gold": 0.50,
    "abstention_recall": 0.78,
    "follow_up_reading": 0.88,
}


@pytest.fixture(scope="module")
def extended(extended_index, embedder):
    return assistant_over(extended_index[0], embedder)


def test_blind_conversations_keep_their_measured_level(extended):
    report = evaluate_conversations(extended, DATA / "conversations_blind.jsonl")
    assert report.metrics["turns"] >= 50
    for metric, floor in FLOORS.items():
        assert report.metrics[metric] >= floor, format_set_report(report)
