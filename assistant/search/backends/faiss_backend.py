"""The embedded default: FAISS inner product and bm25s over the files of one index generation, in process."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ...ingest.index import LoadedIndex
from ...text import tokenize_for_bm25
from ...types import SearchFilters
from ..filters import document_matches


class FaissBackend:
    """Searches a loaded index; written by `ingest.index.build_index`, a whole generation at a time."""

    def __init__(self, index: LoadedIndex) -> None:
        self.index = index
        self._ids = [chunk.chunk_id for chunk in index.chunks]
        self._rows = {chunk_id: row for row, chunk_id in enumerate(self._ids)}
        # A search asks for the same filters' rows twice (dense, lexical): the last answer is kept.
        self._last: tuple[SearchFilters, np.ndarray | None] | None = None

    def allowed_rows(self, filters: SearchFilters) -> np.ndarray | None:
        """Row numbers of chunks whose document passes the filters, or None for no filtering."""
        last = self._last
        if last is not None and last[0] == filters:
            return last[1]
        rows: list[int] | None = None
        if not filters.is_empty():
            rows = []
            for doc_id, document in self.index.documents.items():
                if document_matches(document, filters):
                    rows.extend(self.index.doc_rows.get(doc_id, ()))
        allowed = None if rows is None else np.array(sorted(rows), dtype=np.int64)
        self._last = (filters, allowed)
        return allowed

    def dense(self, vector: np.ndarray, limit: int, filters: SearchFilters) -> dict[str, float]:
        import faiss

        allowed = self.allowed_rows(filters)
        faiss_index = self.index.faiss_index
        limit = min(limit, faiss_index.ntotal if allowed is None else len(allowed))
        if limit <= 0:
            return {}
        params = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(allowed)
            params = (
                faiss.SearchParametersIVF(sel=selector, nprobe=faiss_index.nprobe)
                if isinstance(faiss_index, faiss.IndexIVF)
                else faiss.SearchParameters(sel=selector)
            )
        scores, rows = faiss_index.search(vector, limit, params=params)
        return {self._ids[r]: float(s) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0}

    def lexical(self, text: str, limit: int, filters: SearchFilters) -> dict[str, float]:
        bm25 = self.index.bm25
        if bm25 is None:
            return {}
        vocabulary = bm25.vocab_dict
        tokens = [t for t in tokenize_for_bm25([text])[0] if t in vocabulary]
        if not tokens:
            return {}
        allowed = self.allowed_rows(filters)
        if allowed is not None and len(allowed) == 0:
            return {}
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self._ids), dtype=np.float32)
            mask[allowed] = 1.0
        limit = min(limit, len(self._ids))
        rows, scores = bm25.retrieve([tokens], k=limit, show_progress=False, weight_mask=mask, n_threads=1)
        return {self._ids[r]: float(s) for r, s in zip(rows[0], scores[0], strict=True) if s > 0}

    def similarities(self, vector: np.ndarray, chunk_ids: Iterable[str]) -> dict[str, float]:
        ordered = sorted(self._rows[chunk_id] for chunk_id in chunk_ids)
        if not ordered:
            return {}
        stored = self.index.faiss_index.reconstruct_batch(np.array(ordered, dtype=np.int64))
        return {self._ids[row]: float(score) for row, score in zip(ordered, stored @ vector[0], strict=True)}

    def count(self, filters: SearchFilters) -> int:
        allowed = self.allowed_rows(filters)
        return len(self._ids) if allowed is None else len(allowed)
