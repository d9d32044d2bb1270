"""A tiny deterministic embedder for the fast test tier: feature-hashed word stems and word pairs.

It has the Embedder's interface (model_name, dimension, embed, embed_remembered, embed_with_spans) and needs no
model, so an index over a small corpus builds in well under a second. Passages that share words with a question
score higher, which is enough to test the mechanics (spans, filters, follow-ups, errors, integrity); ranking
quality is the real model's job and is tested in the quality tier.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from assistant.text import stems

MODEL_NAME = "hashing-test-embedder"
_WORD = re.compile(r"[a-z0-9]+")


class HashingEmbedder:
    model_name = MODEL_NAME
    batch_size = 64
    dimension = 512

    def embed(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            words = stems(_WORD.findall(text.lower()))
            for feature in words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                index = int.from_bytes(digest[:4], "little") % self.dimension
                vectors[row, index] += 1.0 if digest[4] & 1 else -1.0
            norm = np.linalg.norm(vectors[row])
            if norm:
                vectors[row] /= norm
        return vectors

    def embed_remembered(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)

    def embed_with_spans(self, texts: list[str], spans: list[list[tuple[int, int]]]) -> tuple[np.ndarray, list]:
        """The texts' vectors and each span's own vector (this embedder has no context to pool from)."""
        return self.embed(texts), [
            self.embed([text[a:b] for a, b in found]) for text, found in zip(texts, spans, strict=True)
        ]
