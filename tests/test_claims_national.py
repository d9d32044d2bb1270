"""The national claim sets: 124 claims over 28 real Ofsted reports (tests/data/claims-national/) and 77 over 16
others (tests/data/claims-national-2/), each written by someone who saw neither the code nor the other sets.

The first set's verbatim misses taught one general rule (a lead-in naming the council is attribution), so it is
no longer blind; the second was written after that and measured before and after the rule (docs/claims.md).
The floors below are the measured figures; the issue's targets (accuracy >= 0.9, no altered claim passed) are
not met yet and are kept as strict expected failures, so meeting them turns the suite red until they become floors.
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
# Measured (docs/claims.md) after the lead-in fix: set 1 at least 0.78 with at most 2 altered claims passed; set 2
# at least 0.66 with at most 2 passed (52/77 = 0.675 before that fix).
FLOOR_1, LEAKS_1 = 0.78, 2
FLOOR_2, LEAKS_2 = 0.66, 2


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


def test_the_set_is_large_and_covers_every_kind():
    entries = [json.loads(line) for line in CLAIMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(entries) >= 80
    assert len({e["doc_id"] for e in entries if e.get("doc_id")}) >= 25
    kinds = {e.get("alteration") for e in entries if e["verdict"] == "altered"}
    assert {"opposite", "grade", "scope", "authority", "negation", "quantifier", "number", "date"} <= kinds


def test_measured_floors_hold(results, results_2):
    confusion = Counter((entry["verdict"], check.verdict.value) for entry, check in results)
    assert _accuracy(results) >= FLOOR_1, f"confusion {dict(confusion)}"
    assert len(_passed_altered(results)) <= LEAKS_1
    assert _accuracy(results_2) >= FLOOR_2
    assert len(_passed_altered(results_2)) <= LEAKS_2


@pytest.mark.xfail(strict=True, reason="issue 14 target not met: accuracy 0.8 and 0.68 (docs/claims.md)")
def test_accuracy_is_at_least_ninety_percent(results, results_2):
    assert _accuracy(results) >= 0.9 and _accuracy(results_2) >= 0.9


@pytest.mark.xfail(strict=True, reason="issue 14 target not met: altered claims still pass (docs/claims.md)")
def test_no_altered_claim_is_called_verbatim_or_supported(results, results_2):
    assert not _passed_altered(results) and not _passed_altered(results_2)


def test_evidence_is_an_exact_span(national, results):
    for _, check in results:
        for evidence in check.evidence:
            assert national.documents[evidence.doc_id].text[evidence.start : evidence.end] == evidence.quote
