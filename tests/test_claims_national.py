"""The blind national claim set: 124 claims over 28 real Ofsted reports (tests/data/claims-national/), written by
someone who saw neither the code nor the other sets. Never tune a rule or a word to one of its cases."""

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


@pytest.fixture(scope="session")
def national(tmp_path_factory, embedder):
    """The real Assistant over an index of the 28 national reports, built once per session."""
    from assistant.api import Assistant, build_settings
    from assistant.ingest.index import build_index, load_index

    index_dir = tmp_path_factory.mktemp("national") / "index"
    settings = Settings(corpus_dirs=(REPORTS,), index_dir=index_dir)
    build_index([REPORTS], index_dir, build_settings(settings), embedder, progress=None)
    return Assistant(load_index(index_dir, build_settings(settings), [REPORTS]), settings, embedder)


@pytest.fixture(scope="module")
def results(national):
    entries = [json.loads(line) for line in CLAIMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(entry, national.check(entry["claim"])) for entry in entries]


def test_the_set_is_large_and_covers_every_kind():
    entries = [json.loads(line) for line in CLAIMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(entries) >= 80
    assert len({e["doc_id"] for e in entries if e.get("doc_id")}) >= 25
    kinds = {e.get("alteration") for e in entries if e["verdict"] == "altered"}
    assert {"opposite", "grade", "scope", "authority", "negation", "quantifier", "number", "date"} <= kinds


def test_accuracy_is_at_least_ninety_percent(results):
    confusion = Counter((entry["verdict"], check.verdict.value) for entry, check in results)
    right = sum(n for (gold, got), n in confusion.items() if gold == got)
    assert right / len(results) >= 0.9, f"accuracy {right}/{len(results)}; confusion {dict(confusion)}"


def test_no_altered_claim_is_called_verbatim_or_supported(results):
    passed = [
        e["id"] for e, c in results if e["verdict"] == "altered" and c.verdict in (Verdict.VERBATIM, Verdict.SUPPORTED)
    ]
    assert not passed


def test_evidence_is_an_exact_span(national, results):
    for _, check in results:
        for evidence in check.evidence:
            assert national.documents[evidence.doc_id].text[evidence.start : evidence.end] == evidence.quote
