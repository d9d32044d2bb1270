"""What the model sees of a passage, and the vectors ingest keeps: one per passage, one per sentence of it, and
one per word of the corpus that answers compare by meaning.

A sentence's vector is pooled from the passage's own run of the model (the mean of its tokens' vectors, in the
context of the passage), so it costs no extra model time at ingest; answering reads the sentences and their
vectors from the index instead of segmenting and embedding them per question. The words' vectors are the model's
vectors of each word alone, computed once per corpus word (README, "Ask latency").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..text import meaning_words, sentence_spans
from ..types import Chunk, Document


def embedding_text(document: Document, chunk: Chunk) -> str:
    """What the model and BM25 see for a chunk: the passage after its section heading, which often names the topic.

    (Prefixing the document title as well was measured and lost hit@1 on the gold set; see README.)
    """
    return f"{chunk.heading}\n{chunk.text}" if chunk.heading and chunk.heading not in chunk.text else chunk.text


def embed_chunks(embedder, document: Document, chunks: list[Chunk]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(passage vectors, sentence rows, sentence vectors) of a document's chunks.

    A sentence row is (chunk number in the document, start, end, bulleted), start and end in the chunk's text. A
    zero sentence vector (none pooled) makes answers embed that sentence.
    """
    texts = [embedding_text(document, chunk) for chunk in chunks]
    spans = [sentence_spans(chunk.text) for chunk in chunks]
    rows = np.array(
        [(number, start, end, bullet) for number, found in enumerate(spans) for start, end, bullet in found],
        dtype=np.int32,
    ).reshape(-1, 4)
    # The chunk's text ends its embedding text (a heading may come first): offsets move by the heading.
    shifted = [
        [(start + len(text) - len(chunk.text), end + len(text) - len(chunk.text)) for start, end, _ in found]
        for text, chunk, found in zip(texts, chunks, spans, strict=True)
    ]
    vectors, pooled = embedder.embed_with_spans(texts, shifted)
    sentences = np.concatenate(pooled) if pooled else np.zeros((0, vectors.shape[1]), dtype=np.float32)
    return vectors, rows, sentences.astype(np.float16)


@dataclass(frozen=True)
class SentenceStore:
    """The sentences of every passage of an index and their vectors.

    `rows` is (m, 4) int32: passage row in the index, start, end (in the passage's text), bulleted; sorted by
    passage row. `vectors` is (m, d) float16 (memory-mapped); a zero row was not pooled (cut off by truncation).
    """

    rows: np.ndarray
    vectors: np.ndarray
    passage_rows: dict[str, int]

    def of(self, chunk_id: str) -> tuple[list[tuple[int, int, bool]], dict[tuple[int, int], np.ndarray]] | None:
        """The passage's sentence spans, and the vector of each span that has one; None for an unknown passage."""
        row = self.passage_rows.get(chunk_id)
        if row is None:
            return None
        first, last = np.searchsorted(self.rows[:, 0], [row, row + 1])
        spans = [(int(start), int(end), bool(bullet)) for _, start, end, bullet in self.rows[first:last]]
        vectors = np.asarray(self.vectors[first:last], dtype=np.float32)
        return spans, {
            (start, end): vector for (start, end, _), vector in zip(spans, vectors, strict=True) if vector.any()
        }


@dataclass(frozen=True)
class WordTable:
    """The model's vector of each word of the corpus's passages (`meaning_words`), float16, memory-mapped."""

    rows: dict[str, int]
    vectors: np.ndarray

    def known(self, words: list[str]) -> dict[str, np.ndarray]:
        """The vectors of those of `words` the table holds."""
        found = [(word, self.rows[word]) for word in words if word in self.rows]
        if not found:
            return {}
        vectors = np.asarray(self.vectors[[row for _, row in found]], dtype=np.float32)
        return {word: vector for (word, _), vector in zip(found, vectors, strict=True)}


def corpus_words(texts: list[str]) -> list[str]:
    """The sorted meaning words of all the passages' texts."""
    found: set[str] = set()
    for text in texts:
        found |= meaning_words(text)
    return sorted(found)


def word_vectors(embedder, words: list[str], cache_path) -> np.ndarray:
    """The vectors of `words` (float16), reusing and extending a per-model cache of word vectors: a corpus that
    grows by a file embeds only the words it brings."""
    known: dict[str, np.ndarray] = {}
    try:
        with np.load(cache_path) as data:
            known = dict(zip(data["words"].tolist(), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError):
        pass  # no cache yet, or a damaged one: embed again
    missing = [word for word in words if word not in known]
    if missing:
        known.update(zip(missing, embedder.embed(missing).astype(np.float16), strict=True))
        every = sorted(known)
        temporary = cache_path.with_name(f".{cache_path.stem}.tmp.npz")
        np.savez(temporary, words=np.array(every), vectors=np.stack([known[w] for w in every]))
        temporary.replace(cache_path)
    if not words:
        return np.zeros((0, embedder.dimension), dtype=np.float16)
    return np.stack([known[word] for word in words]).astype(np.float16)
