"""The Milvus backend (Milvus Lite in a temporary folder): the same passages, scores, filters and verdicts as the
FAISS backend; incremental sync; a failed write leaves no half-added document searchable."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("pymilvus", reason="pip install -r requirements-milvus.txt")

from assistant.api import Assistant, build_settings, checked_backend, sync_backend  # noqa: E402
from assistant.config import Settings, load_settings  # noqa: E402
from assistant.errors import IndexStale, InvalidInput  # noqa: E402
from assistant.evaluation import DEFAULT_GOLD, _jsonl, evaluate, load_gold  # noqa: E402
from assistant.ingest.index import build_index, load_index  # noqa: E402
from assistant.search.backends import milvus_backend  # noqa: E402
from assistant.search.backends.faiss_backend import FaissBackend  # noqa: E402
from assistant.types import SearchFilters  # noqa: E402
from tests.hashing_embedder import MODEL_NAME, HashingEmbedder  # noqa: E402

from .conftest import CORPUS, DATA  # noqa: E402

pytestmark = pytest.mark.milvus
LEICESTER = "leicester-city-council-press-release-care-leavers-monitoring-visit-2016-08-01"
FILTERS = [
    SearchFilters(),
    SearchFilters(authority="leicester"),
    SearchFilters(authority="Rotherham", kind="inspection letter"),
    SearchFilters(kind="PRESS_RELEASE"),
    SearchFilters(kind="no such kind"),
    SearchFilters(since="2017-06", until="2018"),
    SearchFilters(until="2016"),
    SearchFilters(since="2017-06-14"),
    SearchFilters(years=("2014",)),
    SearchFilters(years=("2016", "2019")),
    SearchFilters(years=("201%",)),
    SearchFilters(authority="Leeds"),
]
QUESTIONS = ["care leavers in education", "supervision of social workers", "what did Ofsted say about Leicester"]


def milvus_twin(assistant: Assistant, uri) -> Assistant:
    """An Assistant over the same index and model that searches a Milvus Lite copy of it."""
    settings = assistant.settings.replace(backend="milvus", milvus_uri=str(uri))
    backend = checked_backend(assistant.index, settings, build_if_needed=True)
    return Assistant(assistant.index, settings, assistant.embedder, backend)


def fast_settings(root) -> Settings:
    return Settings(corpus_dirs=(root / "corpus",), index_dir=root / "index", model=MODEL_NAME, backend="milvus",
                    milvus_uri=str(root / "milvus" / "lite.db"))  # fmt: skip


@pytest.fixture(scope="module")
def fast_pair(fast_assistant, tmp_path_factory):
    return fast_assistant, milvus_twin(fast_assistant, tmp_path_factory.mktemp("milvus") / "lite.db")


def test_settings_name_the_backend(monkeypatch, tmp_path):
    assert Settings().backend == "faiss"
    monkeypatch.setenv("ASSISTANT_BACKEND", "milvus")
    monkeypatch.setenv("ASSISTANT_MILVUS_URI", "http://milvus:19530")
    monkeypatch.setenv("ASSISTANT_MILVUS_TOKEN", "root:Milvus")
    settings = load_settings()
    assert (settings.backend, settings.milvus_uri, settings.milvus_token) == (
        "milvus",
        "http://milvus:19530",
        "root:Milvus",
    )
    from assistant.api import open_backend

    with pytest.raises(InvalidInput, match="ASSISTANT_BACKEND='elastic'"):
        open_backend(Settings(backend="elastic"), 384)
    with pytest.raises(InvalidInput, match=r"\.db"):
        open_backend(Settings(backend="milvus", milvus_uri=str(tmp_path / "lite")), 384)


def test_filters_select_the_same_passages(fast_pair):
    faiss, milvus = fast_pair
    vector = faiss.embedder.embed(["care leavers"])
    for filters in FILTERS:
        expected = FaissBackend(faiss.index).dense(vector, 1000, filters)
        assert milvus.backend.count(filters) == len(expected), filters
        assert set(milvus.backend.dense(vector, 1000, filters)) == set(expected), filters


def test_same_passages_and_scores(fast_pair):
    faiss, milvus = fast_pair
    runs = [(q, SearchFilters(), mode) for q in QUESTIONS for mode in ("hybrid", "dense", "bm25")]
    # Filtered, only dense scores are the same: Milvus Lite computes BM25's statistics over the rows a filter admits
    # (bm25s over the whole corpus), so filtered lexical scores differ; the gold-set tests measure what that costs.
    runs += [(q, filters, "dense") for q in QUESTIONS for filters in FILTERS[1:4]]
    for question, filters, mode in runs:
        expected = faiss.search(question, 10, filters, mode)
        found = milvus.search(question, 10, filters, mode)
        where = (question, filters, mode)
        # float32 in FAISS and bm25s, float64 in Milvus Lite's BM25: equal to the sixth decimal, give or take one
        assert [p.score for p in found] == pytest.approx([p.score for p in expected], abs=2e-6), where
        # Passages of equal score (the hashing embedder makes many zeros) may come in either order.
        untied = [i for i, p in enumerate(expected) if sum(abs(p.score - q.score) < 1e-5 for q in expected) == 1]
        assert [(found[i].chunk_id, found[i].start, found[i].end) for i in untied] == [
            (expected[i].chunk_id, expected[i].start, expected[i].end) for i in untied
        ], where


def test_incremental_sync_adds_and_removes_documents(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = fast_settings(tmp_path)
    embedder = HashingEmbedder()

    def ingest():
        build_index([tmp_path / "corpus"], settings.index_dir, build_settings(settings), embedder, progress=None)
        index = load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
        backend = milvus_backend.MilvusBackend.open(settings.milvus_uri, "", "passages", embedder.dimension)
        return index, backend, sync_backend(index, backend)

    index, backend, first = ingest()
    assert len(first.added) == 5 and not first.removed and backend.count(SearchFilters()) == len(index.chunks)
    moved = tmp_path / f"{LEICESTER}.txt"
    (tmp_path / "corpus" / f"{LEICESTER}.txt").rename(moved)
    index, backend, second = ingest()
    assert (second.added, second.removed, second.unchanged) == ([], [LEICESTER], 4)
    assert backend.count(SearchFilters(authority="Leicester")) == 0
    assert backend.count(SearchFilters()) == len(index.chunks)
    moved.rename(tmp_path / "corpus" / f"{LEICESTER}.txt")
    index, backend, third = ingest()
    assert (third.added, third.removed, third.unchanged) == ([LEICESTER], [], 4)
    assert backend.count(SearchFilters(authority="Leicester")) == 4
    assert backend.count(SearchFilters()) == len(index.chunks)
    # A loaded Assistant finds it through the Milvus backend, and nothing needs writing on the next load.
    assistant = Assistant.load(settings.index_dir, settings, build_if_needed=False)
    assistant.embedder = embedder
    assistant._set_index(assistant.index)
    assert {p.doc_id for p in assistant.search("care leavers", 10, SearchFilters(authority="Leicester"))} == {LEICESTER}


def test_a_failed_write_leaves_no_half_added_document(tmp_path, monkeypatch):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = fast_settings(tmp_path)
    embedder = HashingEmbedder()
    build_index([tmp_path / "corpus"], settings.index_dir, build_settings(settings), embedder, progress=None)
    index = load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    backend = milvus_backend.MilvusBackend.open(settings.milvus_uri, "", "passages", embedder.dimension)
    # Three passages a request; Leicester's four passages (the second document in sorted order) take two requests
    # and the second fails, after the first three passages were written.
    monkeypatch.setattr(milvus_backend, "INSERT_ROWS", 3)
    insert, calls = backend.client.insert, []

    def failing_insert(collection, rows, **kwargs):
        if collection == backend.collection and rows[0]["doc_id"] == LEICESTER:
            calls.append(len(rows))
            if len(calls) == 2:
                raise ConnectionError("injected: Milvus went away")
        return insert(collection, rows, **kwargs)

    monkeypatch.setattr(backend.client, "insert", failing_insert)
    with pytest.raises(ConnectionError, match="injected"):
        sync_backend(index, backend)
    assert calls == [3, 1]
    written = backend.versions()
    assert LEICESTER not in written and len(written) == 1, written
    assert backend.count(SearchFilters(authority="Leicester")) == 0
    assert backend.count(SearchFilters()) == sum(1 for c in index.chunks if c.doc_id in written)
    # Another process opening the collection sees the same, and the load refuses the half-synced backend.
    monkeypatch.setattr(backend.client, "insert", insert)
    with pytest.raises(IndexStale, match="ingest"):
        Assistant.load(settings.index_dir, settings, build_if_needed=False)
    # Even rows a crash left behind (written, never made visible) are invisible, then cleared by the next sync.
    backend.client.insert(backend.collection, [{**row, "pk": "x" + row["pk"]} for row in _rows(backend, written)])
    assert backend.count(SearchFilters()) == sum(1 for c in index.chunks if c.doc_id in written)
    report = sync_backend(index, backend)
    assert len(report.added) == 4 and backend.count(SearchFilters()) == len(index.chunks)
    total = backend.client.query(backend.collection, filter="batch >= 0", output_fields=["count(*)"])[0]["count(*)"]
    assert total == len(index.chunks)


def _rows(backend, written):
    """The rows of the written document copied under the next, never visible, batch."""
    rows = backend.client.query(backend.collection, filter=f"batch <= {backend.visible}", output_fields=["*"])
    pending = backend.visible + 1
    return [{k: v for k, v in row.items() if k != "sparse"} | {"batch": pending} for row in rows]


# The real model: the gold set and the claim set give the same figures and verdicts on both backends.


@pytest.fixture(scope="module")
def seed_pair(assistant, tmp_path_factory):
    return assistant, milvus_twin(assistant, tmp_path_factory.mktemp("milvus") / "lite.db")


@pytest.mark.slow
def test_gold_set_figures_match_faiss(seed_pair):
    faiss, milvus = seed_pair
    cases = load_gold(DEFAULT_GOLD)
    expected = evaluate(faiss, cases, "hybrid", with_answers=False).metrics
    found = evaluate(milvus, cases, "hybrid", with_answers=False).metrics
    assert abs(found["hit@1"] - expected["hit@1"]) <= 0.02, (found, expected)
    assert abs(found["mrr@10"] - expected["mrr@10"]) <= 0.02, (found, expected)


@pytest.mark.slow
def test_claim_verdicts_match_faiss(seed_pair):
    faiss, milvus = seed_pair
    claims = [item["claim"] for item in _jsonl(DATA / "claims_seed.jsonl")]
    expected = [faiss.check(claim).verdict for claim in claims]
    assert [milvus.check(claim).verdict for claim in claims] == expected
