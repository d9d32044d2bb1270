"""Embedding backends (issue 16): the identity an index records, refusal across backends, and (slow) that ONNX
Runtime gives the torch vectors of the bundled model."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.api import build_settings
from assistant.config import Settings
from assistant.errors import AssistantError, IndexMismatch
from assistant.ingest.embedding import BACKENDS, Embedder, model_identity, split_identity
from assistant.ingest.index import check_settings

SENTENCES = [
    "What did Ofsted say about the supervision of social workers?",
    "Leaders have a clear understanding of the quality of social work practice.",
    "Children in need of help and protection: requires improvement to be good.",
    "The local authority has made steady progress since the last inspection in 2019.",
    "Care leavers told inspectors that their personal advisers stay in touch.",
    "Too many children wait too long for an assessment of their needs.",
]


def test_identity_names_the_backend_and_torch_keeps_the_plain_name():
    assert model_identity("all-MiniLM-L6-v2", "torch") == "all-MiniLM-L6-v2"
    for backend in BACKENDS:
        assert split_identity(model_identity("all-MiniLM-L6-v2", backend)) == ("all-MiniLM-L6-v2", backend)
    assert split_identity("/models/a@b") == ("/models/a@b", "torch")  # an "@" in a folder name is not a backend
    with pytest.raises(AssistantError, match="onnx-int8"):
        model_identity("all-MiniLM-L6-v2", "openvino")


def test_embedder_takes_the_backend_from_the_identity_or_the_argument():
    assert Embedder("all-MiniLM-L6-v2@onnx-int8").backend == "onnx-int8"
    assert Embedder("all-MiniLM-L6-v2", backend="onnx").identity == "all-MiniLM-L6-v2@onnx"
    assert Embedder().backend == "torch"


@pytest.mark.parametrize("built, wanted", [("torch", "onnx-int8"), ("onnx-int8", "torch"), ("onnx", "onnx-int8")])
def test_an_index_built_with_one_backend_is_refused_by_another(built, wanted):
    manifest = {
        "model": build_settings(Settings(embedding_backend=built)).model,
        "chunk_size": Settings().chunk_size,
        "chunk_overlap": Settings().chunk_overlap,
    }
    with pytest.raises(IndexMismatch, match="model"):
        check_settings(manifest | {"pipeline": _pipeline()}, build_settings(Settings(embedding_backend=wanted)))


def _pipeline() -> str:
    from assistant.ingest.index import PIPELINE_VERSION

    return PIPELINE_VERSION


@pytest.mark.slow
@pytest.mark.parametrize("backend, floor", [("onnx", 0.999), ("onnx-int8", 0.98)])
def test_onnx_vectors_agree_with_torch(backend, floor):
    reference = Embedder(backend="torch").embed(SENTENCES)
    vectors = Embedder(backend=backend).embed(SENTENCES)
    assert vectors.shape == reference.shape and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = (vectors * reference).sum(axis=1)
    assert cosines.min() >= floor and cosines.mean() >= 0.99, cosines


def test_remembered_vectors_equal_fresh_ones_and_stay_bounded(monkeypatch):
    import assistant.ingest.embedding as embedding

    monkeypatch.setattr(embedding, "REMEMBERED", 3)
    embedder = embedding.Embedder()
    texts = ["Supervision is regular.", "Care leavers are supported.", "Supervision is regular."]
    remembered = embedder.embed_remembered(texts)
    assert np.allclose(remembered, embedder.embed(texts), atol=1e-5)
    embedder.embed_remembered(["a", "b", "c", "d"])
    assert len(embedder._remembered) == 3


@pytest.mark.slow
def test_a_texts_vector_does_not_depend_on_the_texts_embedded_with_it():
    """Verdicts and answers must not depend on what was asked before: the default backend gives a text the same
    vector alone as in any batch (int8's dynamic activation scales, computed per batch, did not: cosine 0.985)."""
    embedder = Embedder(backend=Settings().embedding_backend)
    together = embedder.embed(SENTENCES)
    alone = np.stack([embedder.embed([sentence])[0] for sentence in SENTENCES])
    np.testing.assert_allclose((together * alone).sum(axis=1), 1.0, atol=1e-5)
