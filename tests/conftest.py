"""Shared fixtures: the real bundled model and a real index built once per test session over the seed corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import ROOT, Settings, set_offline_environment

set_offline_environment()

CORPUS = ROOT / "corpus"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def embedder():
    from assistant.ingest.embedding import Embedder

    return Embedder(backend=Settings().embedding_backend)  # the default backend, as the app uses


@pytest.fixture(scope="session")
def seed_workspace(tmp_path_factory, embedder) -> Path:
    """A copy of the seed corpus with an index built beside it: <workspace>/corpus and <workspace>/index."""
    from assistant.api import build_settings
    from assistant.ingest.index import build_index

    workspace = tmp_path_factory.mktemp("seed")
    shutil.copytree(CORPUS, workspace / "corpus")
    build_index([workspace / "corpus"], workspace / "index", build_settings(Settings()), embedder, progress=None)
    return workspace


@pytest.fixture(scope="session")
def extended_index(tmp_path_factory, embedder):
    """One index over the seed corpus and the 36 real reports, as `ingest --corpus corpus --corpus
    tests/data/ofsted-reports` builds it, shared by the test modules that read it: (settings, build report)."""
    from assistant.api import build_settings
    from assistant.ingest.index import build_index

    corpus_dirs = (CORPUS, DATA / "ofsted-reports")
    settings = Settings(corpus_dirs=corpus_dirs, index_dir=tmp_path_factory.mktemp("extended") / "index")
    report = build_index(list(corpus_dirs), settings.index_dir, build_settings(settings), embedder, progress=None)
    return settings, report


def assistant_over(settings: Settings, embedder):
    """A fresh Assistant over an index built in the session (its own caches and conversation state)."""
    from assistant.api import Assistant, build_settings
    from assistant.ingest.index import load_index

    return Assistant(
        load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs)), settings, embedder
    )


@pytest.fixture(scope="session")
def assistant(seed_workspace, embedder):
    """The real Assistant over the seed corpus (read-only: tests must not add files to it)."""
    from assistant.api import Assistant
    from assistant.ingest.index import load_index

    settings = Settings(corpus_dirs=(seed_workspace / "corpus",), index_dir=seed_workspace / "index")
    from assistant.api import build_settings

    index = load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    return Assistant(index, settings, embedder)


@pytest.fixture(scope="session")
def fast_workspace(tmp_path_factory) -> Path:
    """The seed corpus indexed with the tiny hashing embedder (fast tier: no model, builds in about a second)."""
    from assistant.api import build_settings
    from assistant.ingest.index import build_index
    from tests.hashing_embedder import MODEL_NAME, HashingEmbedder

    workspace = tmp_path_factory.mktemp("fast")
    shutil.copytree(CORPUS, workspace / "corpus")
    settings = Settings(corpus_dirs=(workspace / "corpus",), index_dir=workspace / "index", model=MODEL_NAME)
    build_index([workspace / "corpus"], workspace / "index", build_settings(settings), HashingEmbedder(), progress=None)
    return workspace


@pytest.fixture(scope="session")
def fast_assistant(fast_workspace):
    """An Assistant over the seeds with the hashing embedder: for tests of mechanics, not of ranking quality."""
    from assistant.api import Assistant, build_settings
    from assistant.ingest.index import load_index
    from tests.hashing_embedder import MODEL_NAME, HashingEmbedder

    settings = Settings(corpus_dirs=(fast_workspace / "corpus",), index_dir=fast_workspace / "index", model=MODEL_NAME)
    index = load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    return Assistant(index, settings, HashingEmbedder())
