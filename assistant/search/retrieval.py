"""Dense (FAISS) plus lexical (BM25) search, fused; overlapping and near-duplicate passages collapsed; filters."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from ..domain.grades import scheme
from ..domain.words import alternation
from ..errors import InvalidInput
from ..ingest.embedding import Embedder
from ..ingest.index import LoadedIndex
from ..text import tokenize_for_bm25, topic_terms
from ..types import Document, Passage, SearchFilters
from .query import Query

MODES = ("hybrid", "dense", "bm25", "rerank")  # names, not words  # names, not words
RERANK_TOP_N = 20  # candidates the optional second stage re-scores


def _iso(value: str, name: str) -> str:
    if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise InvalidInput(f"{name}={value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.")
    return value


# A question about how a council was graded is best answered by the passage that states the grades.
# The scheme's own grade names, as summary tables print them (measured: also accepting "Requires improvement" and
# any case lifted the wrong passages for two grade questions of gold_reports, hit@1 0.909 -> 0.849).
_GRADE_LINE = re.compile(rf"^[^\n]{{10,120}}: (?:{alternation(tuple(g.name for g in scheme().grades))})$", re.M)
GRADE_BOOST = 0.3


def document_matches(document: Document, filters: SearchFilters) -> bool:
    """Whether a document passes the filters; partial dates compare by prefix (until=2017 admits all of 2017)."""
    since, until = _iso(filters.since, "since"), _iso(filters.until, "until")
    if filters.authority and filters.authority.casefold() != document.authority.casefold():
        return False
    if filters.kind and filters.kind.casefold() not in (document.kind.value, document.kind.name.casefold()):
        return False
    if since and (not document.date or document.date[: len(since)] < since):
        return False
    if until and (not document.date or document.date[: len(until)] > until):
        return False
    if not filters.years:
        return True
    return document.date[:4] in filters.years or not document.years_mentioned.isdisjoint(filters.years)


class Retriever:
    """Searches one loaded index."""

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        candidates: int = 50,
        dense_weight: float = 0.5,
        rerank_model: str = "",
        primary_boost: float = 0.0,
    ):
        self.index = index
        self.primary_boost = primary_boost
        self.rerank_model = rerank_model
        self.embedder = embedder
        self.candidates = candidates
        self.dense_weight = dense_weight
        self._doc_rows: dict[str, list[int]] = {}
        for row, chunk in enumerate(index.chunks):
            self._doc_rows.setdefault(chunk.doc_id, []).append(row)

    def allowed_rows(self, filters: SearchFilters) -> np.ndarray | None:
        """Row numbers of chunks whose document passes the filters, or None for no filtering."""
        if filters.is_empty():
            return None
        rows: list[int] = []
        for doc_id, document in self.index.documents.items():
            if document_matches(document, filters):
                rows.extend(self._doc_rows.get(doc_id, ()))
        return np.array(sorted(rows), dtype=np.int64)

    def dense(self, vector: np.ndarray, limit: int, allowed: np.ndarray | None) -> dict[int, float]:
        """{row: cosine similarity} for the chunks nearest to the (1, d) query `vector`."""
        import faiss

        limit = min(limit, self.index.faiss_index.ntotal if allowed is None else len(allowed))
        if limit <= 0:
            return {}
        params = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(allowed)
            params = (
                faiss.SearchParametersIVF(sel=selector, nprobe=self.index.faiss_index.nprobe)
                if isinstance(self.index.faiss_index, faiss.IndexIVF)
                else faiss.SearchParameters(sel=selector)
            )
        scores, rows = self.index.faiss_index.search(vector, limit, params=params)
        return {int(r): float(s) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0}

    def lexical(self, query: str, limit: int, allowed: np.ndarray | None) -> dict[int, float]:
        """{row: BM25 score} for chunks sharing terms with the query."""
        bm25 = self.index.bm25
        if bm25 is None:
            return {}
        vocabulary = bm25.vocab_dict
        tokens = [t for t in tokenize_for_bm25([query])[0] if t in vocabulary]
        if not tokens:
            return {}
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self.index.chunks), dtype=np.float32)
            mask[allowed] = 1.0
        limit = min(limit, len(self.index.chunks))
        rows, scores = bm25.retrieve([tokens], k=limit, show_progress=False, weight_mask=mask, n_threads=1)
        return {int(r): float(s) for r, s in zip(rows[0], scores[0], strict=True) if s > 0}

    def search(
        self, query: Query | str, k: int = 10, filters: SearchFilters | None = None, mode: str = "hybrid"
    ) -> list[Passage]:
        """The k best passages for `query` (a Query, or plain text searched as it is), best first."""
        if mode not in MODES:
            raise InvalidInput(f"mode={mode!r}: use one of {', '.join(MODES)}.")
        if mode == "rerank" and not self.rerank_model:
            raise InvalidInput("mode='rerank' needs a re-scoring model folder (ASSISTANT_RERANK_MODEL).")
        filters = filters or SearchFilters()
        allowed = self.allowed_rows(filters)
        if allowed is not None and len(allowed) == 0:
            return []
        expanded = query.searched_for if isinstance(query, Query) else query
        vector = self.embedder.embed([expanded])
        dense = self.dense(vector, self.candidates, allowed) if mode != "bm25" else {}
        # BM25 sees only the topic words: "what did Ofsted say" matches every passage and drowns the topic, and
        # the council a filter already selects would do the same.
        scoped = {w.casefold() for w in filters.authority.split()}
        topic = [t for t in topic_terms(expanded) if t not in scoped]
        lexical = self.lexical(" ".join(topic), self.candidates, allowed) if mode != "dense" else {}
        dense |= self.similarities(vector, set(lexical) - set(dense))
        fused = self.fuse(dense, lexical, mode)
        if mode != "bm25" and isinstance(query, Query) and query.intent.grade:
            fused = {row: score + (GRADE_BOOST if self._states_grades(row) else 0.0) for row, score in fused.items()}
        if self.primary_boost and mode != "bm25":  # Ofsted's own documents first, other things equal
            fused = {row: score + (self.primary_boost if self._primary(row) else 0.0) for row, score in fused.items()}
        ranked = sorted(fused.items(), key=lambda item: item[1], reverse=True)
        wanted = max(k, RERANK_TOP_N) if mode == "rerank" else k
        passages = collapse(
            (self._passage(row, score, dense.get(row, 0.0), lexical.get(row, 0.0)) for row, score in ranked), wanted
        )
        if mode == "rerank":
            from .rerank import rerank

            passages = rerank(expanded, passages, self.rerank_model)
        return passages[:k]

    def fuse(self, dense: dict[int, float], lexical: dict[int, float], mode: str) -> dict[int, float]:
        """Convex combination of cosine similarity and max-normalised BM25."""
        if mode == "dense":
            return dict(dense)
        if mode == "rerank":
            mode = "hybrid"
        top_lexical = max(lexical.values(), default=0.0) or 1.0
        if mode == "bm25":
            return {row: score / top_lexical for row, score in lexical.items()}
        weight = self.dense_weight
        return {
            row: weight * dense.get(row, 0.0) + (1 - weight) * lexical.get(row, 0.0) / top_lexical
            for row in set(dense) | set(lexical)
        }

    def _primary(self, row: int) -> bool:
        return self.index.documents[self.index.chunks[row].doc_id].kind.is_primary

    def _states_grades(self, row: int) -> bool:
        chunk = self.index.chunks[row]
        return chunk.heading == "Judgements" or bool(_GRADE_LINE.search(chunk.text))

    def similarities(self, vector: np.ndarray, rows: set[int]) -> dict[int, float]:
        """Cosine similarity of the query to the given rows (lexical-only candidates get a dense score too)."""
        if not rows:
            return {}
        ordered = sorted(rows)
        stored = self.index.faiss_index.reconstruct_batch(np.array(ordered, dtype=np.int64))
        return {row: float(score) for row, score in zip(ordered, stored @ vector[0], strict=True)}

    def _passage(self, row: int, score: float, dense_score: float, lexical_score: float) -> Passage:
        chunk = self.index.chunks[row]
        document = self.index.documents[chunk.doc_id]
        return Passage(
            chunk_id=chunk.chunk_id,
            doc_id=chunk.doc_id,
            title=document.title,
            kind=document.kind.value,
            date=document.date,
            authority=document.authority,
            text=chunk.text,
            start=chunk.start,
            end=chunk.end,
            score=round(score, 6),
            heading=chunk.heading,
            page=chunk.page,
            dense_score=round(dense_score, 6),
            lexical_score=round(lexical_score, 6),
        )


def _overlap(a: Passage, b: Passage) -> float:
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared / min(a.end - a.start, b.end - b.start) if shared > 0 else 0.0


def collapse(
    passages: Iterable[Passage], limit: int | None = None, overlap: float = 0.5, similarity: float = 92.0
) -> list[Passage]:
    """The first `limit` passages that neither overlap a better one of the same document nor repeat its text
    almost word for word (passages are taken best first and only as far as needed)."""
    from rapidfuzz import fuzz

    kept: list[Passage] = []
    for passage in passages:
        duplicate = any(
            (passage.doc_id == other.doc_id and _overlap(passage, other) >= overlap)
            or fuzz.ratio(passage.text, other.text, score_cutoff=similarity)
            for other in kept
        )
        if not duplicate:
            kept.append(passage)
            if limit is not None and len(kept) >= limit:
                break
    return kept
