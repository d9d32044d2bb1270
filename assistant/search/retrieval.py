"""Dense plus lexical (BM25) search through a search backend, fused; overlapping and near-duplicate passages
collapsed; filters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

from ..config import RetrievalSettings
from ..domain.grades import scheme
from ..domain.words import alternation
from ..errors import InvalidInput
from ..ingest.embedding import Embedder
from ..ingest.index import LoadedIndex
from ..ingest.metadata import improvement_heading, stated_judgement
from ..text import topic_terms
from ..types import Passage, SearchFilters
from .backends import SearchBackend
from .backends.faiss_backend import FaissBackend
from .filters import document_is_named, document_matches
from .query import Query, named_visit, newest_asked, without_scope_phrases

__all__ = ["MODES", "Retriever", "collapse", "document_matches"]

MODES = ("hybrid", "dense", "bm25", "rerank")  # names, not words  # names, not words


# A question about how a council was graded is best answered by the passage that states the grades.
# The scheme's own grade names, as summary tables print them (measured: also accepting "Requires improvement" and
# any case lifted the wrong passages for two grade questions of gold_reports, hit@1 0.909 -> 0.849).
_GRADE_LINE = re.compile(rf"^[^\n]{{10,120}}: (?:{alternation(tuple(g.name for g in scheme().grades))})$", re.M)


class Retriever:
    """Searches one loaded index."""

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        settings: RetrievalSettings | None = None,
        backend: SearchBackend | None = None,
    ):
        self.index = index
        self.settings = settings or RetrievalSettings()
        self.embedder = embedder
        self.backend = backend if backend is not None else FaissBackend(index)
        # The backend answers in chunk ids; the ranking works on rows of the loaded index. A passage the backend
        # knows and this index does not (a replica that has not reloaded yet) is left out.
        self._rows = {chunk.chunk_id: row for row, chunk in enumerate(index.chunks)}
        self._judgement_spans: dict[str, tuple[tuple[int, int], ...]] = {}  # doc_id -> where its grades are stated
        self._improvement_lists: dict[int, bool] = {}  # row -> whether it holds a list of what needs to improve

    def _by_row(self, scores: dict[str, float]) -> dict[int, float]:
        return {self._rows[chunk_id]: score for chunk_id, score in scores.items() if chunk_id in self._rows}

    def dense(self, vector: np.ndarray, limit: int, filters: SearchFilters) -> dict[int, float]:
        """{row: cosine similarity} for the chunks nearest to the (1, d) query `vector`."""
        return self._by_row(self.backend.dense(vector, limit, filters))

    def lexical(self, query: str, limit: int, filters: SearchFilters) -> dict[int, float]:
        """{row: BM25 score} for chunks sharing terms with the query."""
        return self._by_row(self.backend.lexical(query, limit, filters))

    def search(
        self, query: Query | str, k: int = 10, filters: SearchFilters | None = None, mode: str = "hybrid"
    ) -> list[Passage]:
        """The k best passages for `query` (a Query, or plain text searched as it is), best first."""
        if mode not in MODES:
            raise InvalidInput(f"mode={mode!r}: use one of {', '.join(MODES)}.")
        if mode == "rerank" and not self.settings.rerank_model:
            raise InvalidInput("mode='rerank' needs a re-scoring model folder (ASSISTANT_RERANK_MODEL).")
        filters = filters or SearchFilters()
        if not filters.is_empty() and self.backend.count(filters) == 0:
            return []
        expanded = query.searched_for if isinstance(query, Query) else query
        vector = self.embedder.embed_remembered([expanded])
        dense = self.dense(vector, self.settings.candidates, filters) if mode != "bm25" else {}
        # BM25 sees only the topic words: "what did Ofsted say" matches every passage and drowns the topic, and
        # the council or year a filter already selects would do the same (a letter's opening names both; for a
        # question about grades that opening, with its judgements, is the answer, so there the year counts).
        # So do the words of a phrase naming which visit or month ("at its October 2019 focused visit"): they choose
        # the document, and that letter's opening, which names them all, would outrank the passage that answers.
        grades = isinstance(query, Query) and query.intent.grade
        scoped = {w.casefold() for w in filters.authority.split()} | (set() if grades else set(filters.years))
        scoped |= {w.casefold() for region in filters.regions for w in region.split()}
        topic = [t for t in topic_terms(expanded) if t not in scoped]
        unscoped = [t for t in topic_terms(without_scope_phrases(expanded)) if t not in scoped]
        topic = unscoped if unscoped and not grades else topic
        lexical = self.lexical(" ".join(topic), self.settings.candidates, filters) if mode != "dense" else {}
        dense |= self.similarities(vector, set(lexical) - set(dense))
        improvement = mode != "bm25" and isinstance(query, Query) and query.intent.improvement and filters.authority
        if improvement:  # the council's lists of what needs to improve are candidates, whatever words they use
            dense |= self.similarities(vector, self._improvement_rows(filters) - set(dense))
        fused = self.fuse(dense, lexical, mode)
        # A question naming its visit ("at the October 2019 focused visit") is answered from that visit's letter or
        # report, not from Ofsted's other documents, when the candidates include it (press releases and articles
        # report on visits and stay).
        visit = named_visit(expanded)
        if any(visit):
            candidates = {self.index.chunks[row].doc_id for row in fused}
            documents = [self.index.documents[doc_id] for doc_id in candidates]
            others = {d.doc_id for d in documents if d.kind.is_primary and not document_is_named(d, *visit)}
            if len(others) < sum(d.kind.is_primary for d in documents):  # the named visit is among them
                fused = {row: score for row, score in fused.items() if self.index.chunks[row].doc_id not in others}
        # "The latest inspection" names a document as a month does; a year alone may date an event that a later
        # report describes, so its own documents are preferred, not required.
        newest = self._newest_named(filters, expanded)
        if newest and any(self.index.chunks[row].doc_id == newest for row in fused):
            fused = {
                row: score
                for row, score in fused.items()
                if not self._primary(row) or self.index.chunks[row].doc_id == newest
            }
        elif filters.years and mode != "bm25":
            own_year, boost = self._year_documents(filters), self.settings.scope_boost
            fused = {
                row: score + (boost if self.index.chunks[row].doc_id in own_year else 0.0)
                for row, score in fused.items()
            }
        if mode != "bm25" and isinstance(query, Query) and query.intent.grade:
            boost = self.settings.grade_boost
            fused = {row: score + (boost if self._states_grades(row) else 0.0) for row, score in fused.items()}
        # (Of the one council asked about: across councils any council's list would do.)
        if improvement:
            boost = self.settings.improvement_boost
            fused = {row: score + (boost if self._lists_improvements(row) else 0.0) for row, score in fused.items()}
        primary_boost = self.settings.primary_boost
        if primary_boost and mode != "bm25":  # Ofsted's own documents first, other things equal
            fused = {row: score + (primary_boost if self._primary(row) else 0.0) for row, score in fused.items()}
        ranked = sorted(fused.items(), key=lambda item: item[1], reverse=True)
        wanted = max(k, self.settings.rerank_top_n) if mode == "rerank" else k
        passages = collapse(
            (self._passage(row, score, dense.get(row, 0.0), lexical.get(row, 0.0)) for row, score in ranked), wanted
        )
        if mode == "rerank":
            from .rerank import rerank

            passages = rerank(
                expanded, passages, self.settings.rerank_model, self.settings.rerank_weight, self.settings.rerank_top_n
            )
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
        weight = self.settings.dense_weight
        return {
            row: weight * dense.get(row, 0.0) + (1 - weight) * lexical.get(row, 0.0) / top_lexical
            for row in set(dense) | set(lexical)
        }

    def _year_documents(self, filters: SearchFilters) -> set[str]:
        """The documents of the years a filter names (inspected or published then) among those it admits: the
        filter also admits every document that mentions the year, where the answer may be, but less often."""
        years = set(filters.years)
        return {
            d.doc_id
            for d in self.index.documents.values()
            if d.inspection_years & years and document_matches(d, filters)
        }

    def _newest_named(self, filters: SearchFilters, text: str) -> str:
        """For "the latest inspection" of a council: its newest Ofsted document of the visit or paper named, or ""."""
        newest_of = newest_asked(text) if filters.authority else None
        if newest_of is None:
            return ""
        visit, paper = newest_of
        named = [
            d
            for d in self.index.documents.values()
            if d.kind.is_primary
            and d.date
            and document_matches(d, filters)
            and document_is_named(d, frozenset(), visit, paper)
        ]
        return max(named, key=lambda d: d.date).doc_id if named else ""

    def _primary(self, row: int) -> bool:
        return self.index.documents[self.index.chunks[row].doc_id].kind.is_primary

    def _states_grades(self, row: int) -> bool:
        """Whether a passage prints grades or holds a statement the document's judgements were read from (an older
        report states them in its own words: "Children's services in Leeds are good")."""
        chunk = self.index.chunks[row]
        if chunk.heading == "Judgements" or _GRADE_LINE.search(chunk.text):
            return True
        spans = self._judgement_spans.get(chunk.doc_id)
        if spans is None:
            document = self.index.documents[chunk.doc_id]
            stated = (stated_judgement(document.text, j.area, j.grade) for j in document.judgements)
            spans = self._judgement_spans[chunk.doc_id] = tuple(span for span in stated if span)
        return any(chunk.start < end and start < chunk.end for start, end in spans)

    def _improvement_rows(self, filters: SearchFilters) -> set[int]:
        """The rows of the filtered documents that hold a list of what needs to improve."""
        return {
            row
            for doc_id, document in self.index.documents.items()
            if document_matches(document, filters)
            for row in self.index.doc_rows.get(doc_id, [])
            if self._lists_improvements(row)
        }

    def _lists_improvements(self, row: int) -> bool:
        """Whether a passage holds a list of what needs to improve: its heading, or items of one."""
        if row not in self._improvement_lists:
            chunk = self.index.chunks[row]
            document = self.index.documents[chunk.doc_id]
            inside = [h.start + len(h.text) + 1 for h in document.headings if chunk.start <= h.start < chunk.end]
            self._improvement_lists[row] = any(improvement_heading(document, at) for at in inside + [chunk.start])
        return self._improvement_lists[row]

    def similarities(self, vector: np.ndarray, rows: set[int]) -> dict[int, float]:
        """Cosine similarity of the query to the given rows (lexical-only candidates get a dense score too)."""
        if not rows:
            return {}
        chunks = self.index.chunks
        return self._by_row(self.backend.similarities(vector, [chunks[row].chunk_id for row in sorted(rows)]))

    def passages_holding(self, spans: Sequence[tuple[str, int, int]], ranked: Sequence[Passage] = ()) -> list[Passage]:
        """The passage holding each (doc_id, start, end) span, in that order, without repeats. Of overlapping
        passages that both hold a span, the one ranked first in `ranked` (else the first in the document)."""
        chunks = self.index.chunks
        rank = {self._rows[p.chunk_id]: n for n, p in enumerate(ranked) if p.chunk_id in self._rows}
        found: list[int] = []
        for doc_id, start, end in spans:
            rows = self.index.doc_rows.get(doc_id, [])
            holding = [r for r in rows if chunks[r].start <= start and end <= chunks[r].end] or [
                r for r in rows if chunks[r].start <= start < chunks[r].end
            ]
            if holding:
                row = min(holding, key=lambda r: (rank.get(r, len(rank)), r))
                if row not in found:
                    found.append(row)
        return [self._passage(row, 1.0, 0.0, 0.0) for row in found]

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
