"""The national claim sets: 124 claims over 28 real Ofsted reports (tests/data/claims-national/), 77 over 16 others
(tests/data/claims-national-2/), 102 over 27 more (claims-national-3/) and 70 over 20 more (claims-national-4/),
each written by someone who saw neither the code nor the other sets.

Each set was measured blind once before a round of rule changes and once after (docs/claims.md); after that its
misses may teach general rules, so sets 1-3 are spent and set 4 is spent from its second run on. The floors
below are the measured figures; the issue's targets (accuracy >= 0.9, no altered claim passed) are not met on every
set and are kept as strict expected failures, so meeting them turns the suite red until they become floors.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from assistant.config import Settings
from assistant.types import Verdict

from .conftest import DATA

pytestmark = pytest.mark.slow

CLAIMS = DATA / "claims_national_blind.jsonl"
REPORTS = DATA / "claims-national"
CLAIMS_2 = DATA / "claims_national_blind2.jsonl"
REPORTS_2 = DATA / "claims-national-2"
CLAIMS_3 = DATA / "claims_national_blind3.jsonl"
REPORTS_3 = DATA / "claims-national-3"
CLAIMS_4 = DATA / "claims_national_blind4.jsonl"
REPORTS_4 = DATA / "claims-national-4"
# Measured (docs/claims.md), 2026-11-29, fp32 ONNX vectors, the final code of the session: set 1 110/124, set 2
# 56/77, neither with an altered claim passed; set 3 83/102 and set 4 51/70, each with 2 passed (blind first runs:
# set 3 70/102 with 5 passed, set 4 48/70 with 4).
FLOOR_1, LEAKS_1 = 0.88, 0
FLOOR_2, LEAKS_2 = 0.72, 0
FLOOR_3, LEAKS_3 = 0.81, 2
FLOOR_4, LEAKS_4 = 0.72, 2


def _assistant(tmp_path_factory, embedder, reports):
    from assistant.api import Assistant, build_settings
    from assistant.ingest.index import build_index, load_index

    index_dir = tmp_path_factory.mktemp("national") / "index"
    settings = Settings(corpus_dirs=(reports,), index_dir=index_dir)
    build_index([reports], index_dir, build_settings(settings), embedder, progress=None)
    return Assistant(load_index(index_dir, build_settings(settings), [reports]), settings, embedder)


def _checked(assistant, claims):
    entries = [json.loads(line) for line in claims.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(entry, assistant.check(entry["claim"])) for entry in entries]


def _accuracy(results) -> float:
    return sum(entry["verdict"] == check.verdict.value for entry, check in results) / len(results)


def _passed_altered(results) -> list[str]:
    confirmed = (Verdict.VERBATIM, Verdict.SUPPORTED)
    return [e["id"] for e, c in results if e["verdict"] == "altered" and c.verdict in confirmed]


@pytest.fixture(scope="session")
def national(tmp_path_factory, embedder):
    """The real Assistant over an index of the 28 reports of the first set, built once per session."""
    return _assistant(tmp_path_factory, embedder, REPORTS)


@pytest.fixture(scope="module")
def results(national):
    return _checked(national, CLAIMS)


@pytest.fixture(scope="module")
def results_2(tmp_path_factory, embedder):
    return _checked(_assistant(tmp_path_factory, embedder, REPORTS_2), CLAIMS_2)


@pytest.fixture(scope="module")
def results_3(tmp_path_factory, embedder):
    return _checked(_assistant(tmp_path_factory, embedder, REPORTS_3), CLAIMS_3)


@pytest.fixture(scope="module")
def results_4(tmp_path_factory, embedder):
    return _checked(_assistant(tmp_path_factory, embedder, REPORTS_4), CLAIMS_4)


@pytest.mark.parametrize("claims", [CLAIMS, CLAIMS_3], ids=["set 1", "set 3"])
def test_the_set_is_large_and_covers_every_kind(claims):
    entries = [json.loads(line) for line in claims.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(entries) >= 80
    assert len({e["doc_id"] for e in entries if e.get("doc_id")}) >= 25
    kinds = {e.get("alteration") for e in entries if e["verdict"] == "altered"}
    assert {"opposite", "grade", "scope", "authority", "negation", "quantifier", "number", "date"} <= kinds


def test_measured_floors_hold(results, results_2, results_3, results_4):
    measured = (
        (results, FLOOR_1, LEAKS_1),
        (results_2, FLOOR_2, LEAKS_2),
        (results_3, FLOOR_3, LEAKS_3),
        (results_4, FLOOR_4, LEAKS_4),
    )
    for found, floor, leaks in measured:
        confusion = Counter((entry["verdict"], check.verdict.value) for entry, check in found)
        assert _accuracy(found) >= floor, f"confusion {dict(confusion)}"
        assert len(_passed_altered(found)) <= leaks, _passed_altered(found)


@pytest.mark.xfail(strict=True, reason="issue 14 target not met: accuracy 0.89, 0.73, 0.81, 0.73 (docs/claims.md)")
def test_accuracy_is_at_least_ninety_percent(results, results_2, results_3, results_4):
    assert all(_accuracy(found) >= 0.9 for found in (results, results_2, results_3, results_4))


@pytest.mark.xfail(strict=True, reason="issue 14 target not met: altered claims still pass (docs/claims.md)")
def test_no_altered_claim_is_called_verbatim_or_supported(results, results_2, results_3, results_4):
    assert not any(_passed_altered(found) for found in (results, results_2, results_3, results_4))


def test_evidence_is_an_exact_span(national, results):
    for _, check in results:
        for evidence in check.evidence:
            assert national.documents[evidence.doc_id].text[evidence.start : evidence.end] == evidence.quote
