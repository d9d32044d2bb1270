"""The index: incremental updates, atomic writes, and clear errors for missing, stale, mismatched or corrupt indexes."""

from __future__ import annotations

import json
import shutil

import pytest

from assistant.api import Assistant, build_settings
from assistant.config import Settings
from assistant.errors import IndexCorrupt, IndexMismatch, IndexMissing, IndexStale
from assistant.ingest.index import build_index, load_index
from assistant.types import SearchFilters

from .conftest import CORPUS

pytestmark = pytest.mark.slow
LETTER = "ofsted-monitoring-visit-letter-rotherham-care-leavers-2017-06-13.txt"
LEICESTER = "leicester-city-council-press-release-care-leavers-monitoring-visit-2016-08-01.txt"


@pytest.fixture
def workspace(tmp_path, embedder):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = Settings(corpus_dirs=(tmp_path / "corpus",), index_dir=tmp_path / "index")
    report = build_index([tmp_path / "corpus"], tmp_path / "index", build_settings(settings), embedder, progress=None)
    assert len(report.embedded_files) == 5 and report.documents == 5
    return tmp_path, settings


def rebuild(workspace, embedder):
    root, settings = workspace
    return build_index(
        list(settings.corpus_dirs), settings.index_dir, build_settings(settings), embedder, progress=None
    )


def test_unchanged_corpus_embeds_nothing(workspace, embedder):
    report = rebuild(workspace, embedder)
    assert report.embedded_files == [] and len(report.reused_files) == 5


def test_changing_one_file_re_embeds_only_it(workspace, embedder):
    root, settings = workspace
    path = root / "corpus" / LEICESTER
    path.write_text(
        path.read_text(encoding="utf-8") + "\n\nThe council will publish a new pledge for care leavers.\n",
        encoding="utf-8",
    )
    with pytest.raises(IndexStale, match="leicester"):
        load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    report = rebuild(workspace, embedder)
    assert report.embedded_files == [LEICESTER]
    assert len(report.reused_files) == 4
    assistant = Assistant(
        load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs)), settings, embedder
    )
    assert "new pledge" in assistant.search("new pledge for care leavers", k=1)[0].text


def test_new_and_removed_files(workspace, embedder):
    root, settings = workspace
    (root / "corpus" / "extra-note.md").write_text(
        "# Fostering\n\nFoster carers praised the fostering panel.\n", encoding="utf-8"
    )
    (root / "corpus" / LEICESTER).unlink()
    report = rebuild(workspace, embedder)
    assert report.embedded_files == ["extra-note.md"]
    assert report.removed_files == [f"corpus/{LEICESTER}"]
    index = load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    assert "extra-note" in index.documents and not any("leicester" in d for d in index.documents)
    assert all(not c.doc_id.startswith("leicester") for c in index.chunks)
    assert len(list((settings.index_dir).glob("gen-*"))) == 1  # the old generation is cleaned up


def test_bad_files_are_reported_and_the_rest_indexed(workspace, embedder):
    root, settings = workspace
    (root / "corpus" / "scan.pdf").write_bytes(b"%PDF-1.4 garbage")
    (root / "corpus" / "data.bin").write_bytes(b"\x00\x01")
    (root / "corpus" / "empty.txt").write_bytes(b"")
    report = rebuild(workspace, embedder)
    assert report.documents == 5
    assert sorted(s.split(":")[0] for s in report.skipped) == ["data.bin", "empty.txt", "scan.pdf"]
    # Skipped files are remembered, so the index is not reported stale because of them.
    load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))


class Interrupt(BaseException):
    pass


def test_interrupted_ingest_leaves_previous_index_usable(workspace, embedder, monkeypatch):
    root, settings = workspace
    before = load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    path = root / "corpus" / LETTER
    path.write_text(path.read_text(encoding="utf-8").replace("Supervision", "Oversight"), encoding="utf-8")
    import assistant.ingest.index as index_module

    def crash(*args, **kwargs):
        raise Interrupt()

    monkeypatch.setattr(index_module, "_write_json_atomic", crash)  # dies just before the manifest switch
    with pytest.raises(Interrupt):
        rebuild(workspace, embedder)
    monkeypatch.undo()
    after = load_index(settings.index_dir, build_settings(settings))
    assert after.manifest == before.manifest
    assert [c.text for c in after.chunks] == [c.text for c in before.chunks]
    # The next run finishes the job from the per-file cache written before the crash: nothing is re-embedded.
    report = rebuild(workspace, embedder)
    assert report.embedded_files == [] and LETTER in report.reused_files
    rebuilt = load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    assert any("Oversight, challenge" in c.text for c in rebuilt.chunks)
    assert len(list(settings.index_dir.glob("gen-*"))) == 1


def test_interrupted_embedding_resumes_without_redoing_finished_files(workspace, embedder, monkeypatch):
    root, settings = workspace
    for name in (LETTER, LEICESTER):
        path = root / "corpus" / name
        path.write_text(path.read_text(encoding="utf-8") + "\n\nAddendum.\n", encoding="utf-8")
    calls = {"n": 0}
    real_embed = embedder.embed_with_spans

    def embed_then_crash(texts, spans):
        calls["n"] += 1
        if calls["n"] == 2:
            raise Interrupt()
        return real_embed(texts, spans)

    monkeypatch.setattr(embedder, "embed_with_spans", embed_then_crash)
    with pytest.raises(Interrupt):
        rebuild(workspace, embedder)
    monkeypatch.undo()
    report = rebuild(workspace, embedder)
    assert len(report.embedded_files) == 1  # the first changed file was cached before the crash


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissing, match="ingest"):
        load_index(tmp_path / "nothing")


def _edit_manifest(index_dir, **fields):
    path = index_dir / "manifest.json"
    path.write_text(json.dumps(json.loads(path.read_text()) | fields))


def test_index_built_with_other_settings_is_refused(workspace):
    root, settings = workspace
    other = settings.replace(chunk_size=300)
    with pytest.raises(IndexMismatch, match="300"):
        load_index(settings.index_dir, build_settings(other))
    _edit_manifest(settings.index_dir, model="some-other-model")
    with pytest.raises(IndexMismatch, match="some-other-model"):
        load_index(settings.index_dir, build_settings(settings))


def test_index_built_by_an_older_chunker_is_refused_and_rebuilt_by_entry_points(workspace, embedder):
    root, settings = workspace
    _edit_manifest(settings.index_dir, pipeline="0")
    with pytest.raises(IndexMismatch, match="older version"):
        load_index(settings.index_dir, build_settings(settings))
    assistant = Assistant.load(settings.index_dir, settings, build_if_needed=True, progress=lambda f, m: None)
    assert len(assistant.documents) == 5
    assert json.loads((settings.index_dir / "manifest.json").read_text())["pipeline"] != "0"


def test_corrupt_index_is_reported_and_rebuilt_by_entry_points(workspace, embedder):
    root, settings = workspace
    (settings.index_dir / "manifest.json").write_text("{not json")
    with pytest.raises(IndexCorrupt):
        load_index(settings.index_dir)
    assistant = Assistant.load(settings.index_dir, settings, build_if_needed=True, progress=lambda f, m: None)
    assert len(assistant.documents) == 5
    generation = next(settings.index_dir.glob("gen-*"))
    (generation / "vectors.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexCorrupt):
        load_index(settings.index_dir)


def test_large_corpora_get_an_ivf_index_with_the_same_answers(workspace, embedder, monkeypatch):
    import faiss

    import assistant.ingest.index as index_module

    root, settings = workspace
    flat = Assistant(load_index(settings.index_dir, build_settings(settings)), settings, embedder)
    monkeypatch.setattr(index_module, "FLAT_LIMIT", 10)
    ivf_settings = settings.replace(index_dir=root / "index-ivf")
    report = build_index(
        list(settings.corpus_dirs), ivf_settings.index_dir, build_settings(ivf_settings), embedder, progress=None
    )
    loaded = load_index(ivf_settings.index_dir, build_settings(ivf_settings))
    assert loaded.manifest["index_type"] == "ivf" and isinstance(loaded.faiss_index, faiss.IndexIVF)
    assert loaded.faiss_index.ntotal == report.chunks
    ivf = Assistant(loaded, ivf_settings, embedder)
    for question in ("supervision of social workers", "care leavers apprenticeships", "staying put"):
        assert ivf.search(question, 3)[0].chunk_id == flat.search(question, 3)[0].chunk_id
    leicester = ivf.search("care leavers", 5, SearchFilters(authority="Leicester"))
    assert leicester and {p.authority for p in leicester} == {"Leicester"}
