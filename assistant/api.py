"""The Python API: `Assistant.load(index_dir)`, `.search()`, `.ask()`; shared by the CLI, the web app and tests."""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace
from pathlib import Path

from .answering.compose import abstained_answer, abstention, compose_answer, missing_figure, named_years
from .answering.judgements import answer_grade_question
from .config import Settings
from .domain.authorities import find_authorities
from .errors import EmptyQuery, IndexCorrupt, IndexMismatch, IndexMissing, IndexStale, InvalidInput
from .ingest.embedding import Embedder
from .ingest.index import BuildSettings, LoadedIndex, Progress, build_index, load_index
from .search.retrieval import Retriever, document_matches, expand_query
from .types import Answer, ClaimCheck, Document, IngestReport, Passage, SearchFilters


def build_settings(settings: Settings) -> BuildSettings:
    """The part of the settings an index depends on."""
    return BuildSettings(
        model=settings.model,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        max_file_bytes=settings.max_file_bytes,
        embed_batch_size=settings.embed_batch_size,
    )


def manifest_corpus_dirs(index_dir: Path) -> list[Path] | None:
    """The corpus folders an existing index was built from, or None."""
    import json

    try:
        manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
        return [(index_dir.parent / d).resolve() for d in manifest["corpus_dirs"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def check_query(text: str, limit: int, what: str = "question") -> str:
    """The stripped query; EmptyQuery or InvalidInput when it is empty or too long."""
    if text is None or not str(text).strip():
        raise EmptyQuery(f"The {what} is empty: type a {what} in plain words.")
    text = " ".join(str(text).split())
    if len(text) > limit:
        raise InvalidInput(f"The {what} is {len(text)} characters long; the limit is {limit}.")
    return text


class Assistant:
    """Search and answer over one index; the model and index load once and are shared."""

    def __init__(self, index: LoadedIndex, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or Embedder(settings.model, settings.embed_batch_size)
        self._lock = threading.Lock()
        self._set_index(index)

    def _set_index(self, index: LoadedIndex) -> None:
        self.index = index
        self.retriever = Retriever(
            index, self.embedder, self.settings.candidates, self.settings.dense_weight, self.settings.rerank_model
        )
        self.authorities = sorted({d.authority for d in index.documents.values() if d.authority})

    @classmethod
    def load(
        cls,
        index_dir: Path | str | None = None,
        settings: Settings | None = None,
        corpus_dirs: list[Path] | None = None,
        build_if_needed: bool = False,
        progress: Progress | None = None,
    ) -> Assistant:
        """Load the index; with `build_if_needed`, build or update it when missing, stale, corrupt or mismatched."""
        settings = settings or Settings()
        index_dir = Path(index_dir) if index_dir is not None else settings.index_dir
        settings = settings.replace(index_dir=index_dir)
        corpus_dirs = corpus_dirs or manifest_corpus_dirs(index_dir) or list(settings.corpus_dirs)
        settings = settings.replace(corpus_dirs=tuple(corpus_dirs))
        embedder = Embedder(settings.model, settings.embed_batch_size)
        build = build_settings(settings)
        try:
            index = load_index(index_dir, build, corpus_dirs)
        except (IndexMissing, IndexStale, IndexCorrupt, IndexMismatch):
            if not build_if_needed:
                raise
            kwargs = {"progress": progress} if progress is not None else {}
            build_index(corpus_dirs, index_dir, build, embedder, **kwargs)
            index = load_index(index_dir, build, corpus_dirs)
        return cls(index, settings, embedder)

    @property
    def documents(self) -> dict[str, Document]:
        return self.index.documents

    def document(self, doc_id: str) -> Document:
        """The document with this id; InvalidInput naming the known ids otherwise."""
        try:
            return self.index.documents[doc_id]
        except KeyError:
            raise InvalidInput(f"No document {doc_id!r}; known: {', '.join(sorted(self.index.documents))}.") from None

    def passage_counts(self) -> dict[str, int]:
        """Number of indexed passages per document."""
        counts: dict[str, int] = {}
        for chunk in self.index.chunks:
            counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
        return counts

    def search(
        self, query: str, k: int | None = None, filters: SearchFilters | None = None, mode: str = "hybrid"
    ) -> list[Passage]:
        """Ranked passages for a query."""
        query = check_query(query, self.settings.max_query_chars)
        k = k or self.settings.k
        if k < 1 or k > 1000:
            raise InvalidInput(f"k={k}: ask for between 1 and 1000 passages.")
        filters, _ = self.scope(query, filters or SearchFilters())
        return self.retriever.search(query, k, filters, mode)

    def scope(self, question: str, filters: SearchFilters) -> tuple[SearchFilters, list[str]]:
        """Filters narrowed to the one covered council the question names, and the uncovered councils it names.

        A question naming two or more covered councils is a comparison and searches them all.
        """
        named = find_authorities(question)
        known = {a.casefold(): a for a in self.authorities}
        covered = [known[a.casefold()] for a in named if a.casefold() in known]
        uncovered = [a for a in named if a.casefold() not in known]
        if len(covered) == 1 and not filters.authority:
            filters = replace(filters, authority=covered[0])
        years = tuple(named_years(question))
        if years and not (filters.since or filters.until or filters.years):
            filters = replace(filters, years=years)
        return filters, (uncovered if not covered else [])

    def ask(self, question: str, filters: SearchFilters | None = None) -> Answer:
        """A short answer whose every sentence is a verbatim quote with a citation, or the abstention phrase.

        A question naming one council the corpus covers is searched within it; one naming only councils the
        corpus does not cover is declined; "which councils were judged X" is answered from judgement fields.
        """
        question = check_query(question, self.settings.max_query_chars)
        filters, uncovered = self.scope(question, filters or SearchFilters())
        if uncovered and not filters.authority:
            covered = ", ".join(self.authorities) if len(self.authorities) <= 8 else f"{len(self.authorities)} councils"
            reason = f"they cover {covered or 'no named council'}, not {', '.join(uncovered)}"
            return abstained_answer(question, reason, question, filters.describe())
        by_grade = answer_grade_question(
            question, self.index.documents, filters, lambda d: document_matches(d, filters)
        )
        if by_grade is not None:
            return by_grade
        searched_for = expand_query(question)
        described = filters.describe()
        passages = self.retriever.search(question, self.settings.k, filters)
        if not passages:
            reason = f"no document matches the filters ({described})" if described else "nothing matches it"
            return abstained_answer(question, reason, searched_for, described)
        reason = abstention(question, passages, self.settings.abstain_threshold, self.settings.min_topic_coverage)
        if reason:
            return abstained_answer(question, reason, searched_for, described)
        text, citations = compose_answer(
            question, passages, self.index.documents, self.embedder, self.settings.answer_sentences
        )
        if not citations:
            return abstained_answer(question, "no passage has a sentence that answers it", searched_for, described)
        figure = missing_figure(question, citations)
        if figure:
            return abstained_answer(question, f"no passage close to it gives {figure}", searched_for, described)
        return Answer(question, text, False, citations, searched_for, described)

    def add_files(self, paths: list[Path], progress: Progress | None = None) -> IngestReport:
        """Check, copy into the first corpus folder and ingest new files; the index is swapped in when done.

        Each file is read before anything is copied, so a bad file raises UnsupportedDocument and changes nothing.
        """
        from .ingest.documents import read_document

        target = Path(self.settings.corpus_dirs[0])
        build = build_settings(self.settings)
        with self._lock:
            for path in paths:
                if (target / Path(path).name).exists():
                    raise InvalidInput(f"A document named {Path(path).name!r} is already in the corpus.")
                read_document(Path(path), "upload-check", {}, build.max_file_bytes)
            for path in paths:
                shutil.copyfile(path, target / Path(path).name)
            kwargs = {"progress": progress} if progress is not None else {}
            report = build_index(
                list(self.settings.corpus_dirs), self.settings.index_dir, build, self.embedder, **kwargs
            )
            self._set_index(load_index(self.settings.index_dir, build, list(self.settings.corpus_dirs)))
        return report

    def check(self, claim: str) -> ClaimCheck:
        """The verdict on a claim or quote against the indexed sources, primary sources first (see claims.py)."""
        from .claims.checker import check_claim

        return check_claim(self, claim)

    def audit(self, document: str, against: str = ""):
        """Check every claim of a press release or article (a file or a doc_id) against the primary sources."""
        from .claims.checker import audit_document

        return audit_document(self, document, against)
