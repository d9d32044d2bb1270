"""Where passages are searched: the interface the retriever talks to, and the choice of engine.

`faiss` (the default) searches the FAISS + bm25s files of the index folder in process: the right tool on one
machine. `milvus` searches a Milvus collection (a local Milvus Lite file, or a server or cluster by URI) that
several app replicas can share. Both return {chunk_id: score}, best first, and follow `filters.document_matches`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

import numpy as np

from ...types import Chunk, Document, SearchFilters

BACKENDS = ("faiss", "milvus")  # names, not words


class SearchBackend(Protocol):
    """Dense and lexical search over indexed passages, filtered by document metadata."""

    def dense(self, vector: np.ndarray, limit: int, filters: SearchFilters) -> dict[str, float]:
        """{chunk_id: cosine similarity} of the passages nearest to the normalised (1, d) `vector`."""
        ...

    def lexical(self, text: str, limit: int, filters: SearchFilters) -> dict[str, float]:
        """{chunk_id: BM25 score > 0} of the passages sharing (stemmed) terms with `text`."""
        ...

    def similarities(self, vector: np.ndarray, chunk_ids: Iterable[str]) -> dict[str, float]:
        """Cosine similarity of `vector` to the stored vectors of the given passages."""
        ...

    def count(self, filters: SearchFilters) -> int:
        """Number of searchable passages passing the filters."""
        ...


class WritableBackend(SearchBackend, Protocol):
    """A backend written document by document (the FAISS files are written as whole generations instead)."""

    def add(self, document: Document, chunks: Sequence[Chunk], vectors: np.ndarray, version: str) -> None:
        """Index a document's passages with their vectors; none is searchable until all are written."""
        ...

    def remove(self, doc_ids: Iterable[str]) -> None:
        """Drop every passage of these documents."""
        ...

    def discard_pending(self) -> None:
        """Drop what a failed or interrupted write left unsearchable (called once at the start of a sync)."""
        ...

    def versions(self) -> dict[str, str]:
        """{doc_id: version} of the searchable documents (the version names the cached content it came from)."""
        ...

    def stamp(self) -> str:
        """What the last complete sync recorded (a digest of the versions), or "" when one was cut short."""
        ...

    def set_stamp(self, stamp: str) -> None:
        """Record a sync's stamp ("" when a sync starts, the versions' digest when it ends)."""
        ...
