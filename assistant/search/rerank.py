"""Optional second-stage re-scoring of the top candidates with a local model folder (never downloaded).

A folder holding a sentence-transformers CrossEncoder scores (query, passage) pairs directly; any other
sentence-transformers folder (e.g. all-mpnet-base-v2) is used as a stronger bi-encoder. The new score is mixed
with the first-stage score, because on this corpus neither alone ranks best (see README, "Measured").
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import AssistantError
from ..types import Passage


def _is_cross_encoder(folder: Path) -> bool:
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return any(name.endswith("ForSequenceClassification") for name in config.get("architectures", []))


@lru_cache(maxsize=2)
def _load(folder: str):
    path = Path(folder)
    if not path.is_dir():
        raise AssistantError(f"Re-scoring model folder {folder!r} does not exist; unset ASSISTANT_RERANK_MODEL.")
    if _is_cross_encoder(path):
        from sentence_transformers import CrossEncoder

        return "cross", CrossEncoder(str(path), device="cpu", local_files_only=True)
    from sentence_transformers import SentenceTransformer

    return "bi", SentenceTransformer(str(path), device="cpu", local_files_only=True)


def rerank(query: str, passages: list[Passage], folder: str, weight: float = 0.5, top_n: int = 20) -> list[Passage]:
    """Re-score the first `top_n` passages with the model in `folder` (its score counts `weight` of the result);
    the rest keep their order below them."""
    head, tail = passages[:top_n], passages[top_n:]
    if not head:
        return passages
    kind, model = _load(folder)
    if kind == "cross":
        raw = np.asarray(model.predict([(query, p.text) for p in head]), dtype=np.float32)
        new = 1 / (1 + np.exp(-raw))
    else:
        vectors = model.encode([query] + [p.text for p in head], normalize_embeddings=True, convert_to_numpy=True)
        new = vectors[1:] @ vectors[0]
    top = max(p.score for p in head) or 1.0
    mixed = [
        replace(p, score=round((1 - weight) * p.score / top + weight * float(s), 6))
        for p, s in zip(head, new, strict=True)
    ]
    return sorted(mixed, key=lambda p: p.score, reverse=True) + tail
