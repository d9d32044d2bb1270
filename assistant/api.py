"""The Python API: `Assistant.load(index_dir)`, `.search()`, `.ask()`; shared by the CLI, the web app and tests."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from .answering.compare import side_by_side
from .answering.compose import WordMeaning, abstained_answer, abstention, compose_answer, missing_figure
from .answering.judgements import answer_grade_question, answer_inspectors, answer_timeline
from .claims.checker import ClaimChecker, audit_document
from .config import Settings
from .domain.authorities import councils_outside_england, without_authorities
from .domain.regions import asks_about_neighbours, region_of, regions_named
from .domain.vocabulary import vocabulary
from .errors import IndexCorrupt, IndexMismatch, IndexMissing, IndexStale, InvalidInput
from .ingest.embedding import Embedder, model_identity
from .ingest.index import BuildSettings, LoadedIndex, Progress, build_index, load_index
from .search.backends import BACKENDS, WritableBackend
from .search.query import build_query, later_than
from .search.retrieval import Retriever, document_matches
from .types import Answer, AuditReport, ClaimCheck, Document, IngestReport, Passage, Query, SearchFilters, SyncReport


def build_settings(settings: Settings) -> BuildSettings:
    """The part of the settings an index depends on: BuildSettings' fields are named as the Settings they copy."""
    copied = {f.name: getattr(settings, f.name) for f in dataclasses.fields(BuildSettings) if f.name != "model"}
    return BuildSettings(model=model_identity(settings.model, settings.embedding_backend), **copied)


def settings_embedder(settings: Settings) -> Embedder:
    """The embedder the settings describe (model, backend, batch size); the model loads on first use."""
    return Embedder(settings.model, settings.embed_batch_size, settings.embedding_backend)


def manifest_corpus_dirs(index_dir: Path) -> list[Path] | None:
    """The corpus folders an existing index was built from (from its generation if the manifest is damaged)."""
    from .ingest.index import recorded_corpus_dirs

    return recorded_corpus_dirs(index_dir)


def open_backend(settings: Settings, dimension: int) -> WritableBackend | None:
    """The shared search backend the settings name, or None for the default (the index folder's own FAISS files)."""
    if settings.backend not in BACKENDS:
        raise InvalidInput(f"ASSISTANT_BACKEND={settings.backend!r}: use one of {', '.join(BACKENDS)}.")
    if settings.backend == "faiss":
        return None
    from .search.backends.milvus_backend import MilvusBackend

    uri = settings.milvus_uri or str(Path(settings.index_dir) / "milvus.db")
    return MilvusBackend.open(uri, settings.milvus_token, settings.milvus_collection, dimension)


def sync_backend(index: LoadedIndex, backend: WritableBackend, progress: Progress | None = None) -> SyncReport:
    """Write what changed in the index to the shared backend (see search/backends/sync.py)."""
    from .search.backends.sync import sync_backend as sync

    return sync(index, backend, progress)


def checked_backend(
    index: LoadedIndex, settings: Settings, build_if_needed: bool, progress: Progress | None = None
) -> WritableBackend | None:
    """The settings' shared backend, brought up to date with the index when allowed, else IndexStale if behind."""
    backend = open_backend(settings, int(index.manifest["dimension"]))
    if backend is None:
        return None
    from .search.backends.sync import in_sync

    if not in_sync(index, backend):
        if not build_if_needed:
            raise IndexStale(
                f"The {settings.backend} collection {settings.milvus_collection!r} does not hold what the index in "
                f"{index.index_dir} holds (an ingest was not finished). Run `python -m assistant ingest`."
            )
        sync_backend(index, backend, progress)
    return backend


class Assistant:
    """Search and answer over one index; the model and index load once and are shared."""

    def __init__(
        self,
        index: LoadedIndex,
        settings: Settings,
        embedder: Embedder | None = None,
        backend: WritableBackend | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder or settings_embedder(settings)
        self.backend = backend  # None: the index folder's FAISS + bm25s files
        self._lock = threading.Lock()
        self._set_index(index)

    def _set_index(self, index: LoadedIndex) -> None:
        self.index = index
        self.retriever = Retriever(index, self.embedder, self.settings.retrieval, self.backend)
        self.authorities = sorted({d.authority for d in index.documents.values() if d.authority})
        self.checker = ClaimChecker(index.documents, self.embedder, self.claim_search, self.settings.claims)

    def claim_search(self, text: str, k: int, authority: str = "") -> list[Passage]:
        """The claim checker's retrieval: the k best passages, of one council's documents when it names one."""
        return self.retriever.search(text, k, SearchFilters(authority=authority) if authority else None)

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
        embedder = settings_embedder(settings)
        build = build_settings(settings)
        try:
            index = load_index(index_dir, build, corpus_dirs)
        except (IndexMissing, IndexStale, IndexCorrupt, IndexMismatch):
            if not build_if_needed:
                raise
            kwargs = {"progress": progress} if progress is not None else {}
            build_index(corpus_dirs, index_dir, build, embedder, **kwargs)
            index = load_index(index_dir, build, corpus_dirs)
        return cls(index, settings, embedder, checked_backend(index, settings, build_if_needed, progress))

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
        self, query: str | Query, k: int | None = None, filters: SearchFilters | None = None, mode: str = "hybrid"
    ) -> list[Passage]:
        """Ranked passages for a query (plain text or a Query)."""
        if not isinstance(query, Query):
            query = build_query(query, limit=self.settings.max_query_chars)
        k = k or self.settings.k
        if k < 1 or k > 1000:
            raise InvalidInput(f"k={k}: ask for between 1 and 1000 passages.")
        filters, _ = self.scope(query, filters or SearchFilters())
        passages = self.retriever.search(query, k, filters, mode)
        # A question answered from the structured judgements ("is Leeds still outstanding?") or the named
        # inspectors is answered by the passages holding the lines its answer cites: those come first.
        structured = self._structured(query, filters)
        if structured is None or structured.abstained:
            return passages
        cited = self.retriever.passages_holding([(c.doc_id, c.start, c.end) for c in structured.citations], passages)
        first = {p.chunk_id for p in cited}
        return (cited + [p for p in passages if p.chunk_id not in first])[:k]

    def read(self, question: str, history: Sequence[Query | Answer | str] = ()) -> Query:
        """The Query for a question in a conversation (earlier turns oldest first; Answers carry their Query)."""
        previous: list[Query] = []
        for turn in history:
            if isinstance(turn, Answer):
                turn = turn.query or turn.question
            if isinstance(turn, str):
                turn = build_query(turn, previous, self.settings.max_query_chars)
            previous.append(turn)
        return build_query(question, previous, self.settings.max_query_chars)

    def scope(self, query: Query, filters: SearchFilters) -> tuple[SearchFilters, list[str]]:
        """Filters narrowed to the one covered council the question names (to its region when it asks about the
        council's neighbours, or to the regions it names), and the uncovered councils it names.

        A question naming two or more covered councils is a comparison and searches them all.
        """
        known = {a.casefold(): a for a in self.authorities}
        covered = [known[a.casefold()] for a in query.authorities if a.casefold() in known]
        uncovered = [a for a in query.authorities if a.casefold() not in known]
        named_regions = regions_named(query.text)
        if len(covered) == 1 and not filters.authority and asks_about_neighbours(query.text) and region_of(covered[0]):
            # "councils near Rotherham": the councils of its region
            filters = replace(filters, regions=filters.regions or (region_of(covered[0]),))
        elif len(covered) == 1 and not filters.authority:
            filters = replace(filters, authority=covered[0])
        elif named_regions and not covered and not filters.regions:
            filters = replace(filters, regions=named_regions)
        if query.years and not (filters.since or filters.until or filters.years):
            filters = replace(filters, years=query.years)
        return filters, (uncovered if not covered else [])

    def ask(
        self, question: str | Query, filters: SearchFilters | None = None, history: Sequence[Query | Answer | str] = ()
    ) -> Answer:
        """A short answer whose every sentence is a verbatim quote with a citation, or the abstention phrase.

        `history` holds the conversation's earlier turns: a follow-up ("and in 2014?") borrows from them, a
        question with its own subject does not. A question naming one council the corpus covers is searched
        within it; one naming only councils the corpus does not cover is declined; "which councils were judged
        X" is answered from judgement fields.
        """
        query = question if isinstance(question, Query) else self.read(question, history)
        filters, uncovered = self.scope(query, filters or SearchFilters())
        searched_for, described = query.searched_for, filters.describe()

        def declined(reason: str) -> Answer:
            return replace(abstained_answer(query.text, reason, searched_for, described), query=query)

        if uncovered and not filters.authority:
            elsewhere = councils_outside_england(" ".join(uncovered))
            if elsewhere:
                places = ", ".join(f"{name} is in {nation}" for name, nation in elsewhere)
                return declined(f"Ofsted inspects the children's services of English councils only; {places}")
            covered = ", ".join(self.authorities) if len(self.authorities) <= 8 else f"{len(self.authorities)} councils"
            return declined(f"they cover {covered or 'no named council'}, not {', '.join(uncovered)}")
        service = vocabulary().service_elsewhere(query.text, query.intent.grade)
        if service is not None:
            return declined(
                f"these are Ofsted's reports on councils' children's services; {service.service} is inspected by "
                f"{service.inspected_by}"
            )
        in_scope_any_year = lambda d: document_matches(d, replace(filters, years=()))  # noqa: E731
        after = later_than(query.text, query.years)
        if after and filters.authority:
            latest = self._latest_inspection_year(in_scope_any_year)
            # No document can report an inspection later than it was written: with no Ofsted document of the
            # council, its newest document of any kind bounds what the documents can say.
            written = max((d.date[:4] for d in self.index.documents.values() if in_scope_any_year(d)), default="")
            if (latest or written) and max(latest, written) <= after:
                held = f"Ofsted's latest here is of {latest}" if latest else f"its newest document here is of {written}"
                return declined(f"the documents hold no inspection of {filters.authority} after {after} ({held})")
        structured = self._structured(query, filters)
        if structured is not None:
            return structured
        councils = [a for a in self.authorities if a.casefold() in {n.casefold() for n in query.authorities}]
        if query.intent.comparison and len(councils) >= 2 and not filters.authority:
            # Each council's part is asked without the councils' names: a sentence naming the council is not what is
            # asked of it ("council tax for care leavers: Bristol vs St Helens").
            single = replace(
                query,
                text=" ".join(without_authorities(query.text).split()),
                intent=replace(query.intent, comparison=False),
            )
            both = side_by_side(
                query,
                councils,
                lambda c: self.ask(replace(single, authorities=(c,)), replace(filters, authority=c)),
            )
            return both if both is not None else declined("none of the councils' documents answers it")
        passages = self.retriever.search(query, self.settings.k, filters)
        if not passages:
            return declined(f"no document matches the filters ({described})" if described else "nothing matches it")
        meaning = WordMeaning(self.embedder, self.settings.min_word_similarity, self.index.words)
        reason = abstention(query, passages, self.settings.abstain_threshold, self.settings.min_topic_coverage, meaning)
        if reason:
            return declined(reason)
        text, citations = compose_answer(
            query,
            passages,
            self.index.documents,
            self.embedder,
            self.settings.answer_sentences,
            stored=self.index.sentences,
            spread_councils=self.settings.spread_councils,
            template=self.index.template_sentences,
        )
        if not citations:
            return declined("no passage has a sentence that answers it")
        figure = missing_figure(query, citations, meaning, self.index.documents)
        if figure:
            return declined(f"no passage close to it gives {figure}")
        return Answer(query.text, text, False, citations, searched_for, described, query)

    def _structured(self, query: Query, filters: SearchFilters) -> Answer | None:
        """The answer from the documents' structured fields (judgements, named inspectors), or None when the
        question asks for none of them."""
        # A year picks the inspections of that year for grade questions (judgements.year_window), not every report
        # that mentions it, as it does for search.
        in_scope_any_year = lambda d: document_matches(d, replace(filters, years=()))  # noqa: E731
        by_grade = answer_grade_question(query.text, self.index.documents, filters, in_scope_any_year)
        if by_grade is not None:
            return replace(by_grade, query=query)
        return answer_timeline(query, self.index.documents, filters, in_scope_any_year) or answer_inspectors(
            query, self.index.documents, filters, in_scope_any_year
        )

    def _latest_inspection_year(self, in_scope: Callable[[Document], bool]) -> str:
        """The latest year of an inspection or visit among the Ofsted documents in scope ("" when none)."""
        years = [
            max(d.inspection_years or {d.date[:4]})
            for d in self.index.documents.values()
            if d.kind.is_primary and in_scope(d) and (d.inspection_years or d.date)
        ]
        return max(years, default="")

    def add_files(self, paths: list[Path], progress: Progress | None = None) -> IngestReport:
        """Check, copy into the first corpus folder and ingest new files; the index is swapped in when done.

        Each file is read (within the document limits, outside the lock) before anything is copied, so a bad file
        raises UnsupportedDocument naming it and changes nothing; a file the build still skips is taken out again.
        """
        from .errors import UnsupportedDocument
        from .ingest.index import add_uploads, vet_upload

        corpus_dirs = [Path(d) for d in self.settings.corpus_dirs]
        build = build_settings(self.settings)
        uploads = [(Path(path), vet_upload(Path(path), build, corpus_dirs[0])) for path in paths]
        if len({name for _, name in uploads}) != len(uploads):
            raise InvalidInput("Two of the files have the same name; add them one at a time.")
        with self._lock:
            try:
                report = add_uploads(uploads, corpus_dirs, self.settings.index_dir, build, self.embedder, progress)
            except UnsupportedDocument:  # the build skipped it: it was taken out and the index rebuilt without it
                self._reload(build, corpus_dirs)
                raise
            self._reload(build, corpus_dirs)
        return report

    def _reload(self, build: BuildSettings, corpus_dirs: list[Path]) -> None:
        index = load_index(self.settings.index_dir, build, corpus_dirs)
        if self.backend is not None:
            sync_backend(index, self.backend)
        self._set_index(index)

    def check(self, claim: str) -> ClaimCheck:
        """The verdict on a claim or quote against the indexed sources, primary sources first (see claims/).

        A claim naming councils is checked against the sources about them (and sources about no council); when
        only a source about another council says it, the verdict is altered and says where that source is from.
        """
        query = build_query(claim, limit=self.settings.max_query_chars, what="claim")
        return self.checker.check(query.text, None, query.authorities)

    def audit(self, document: str, against: str = "") -> AuditReport:
        """Check every claim of a press release or article (a file or a doc_id) against the primary sources."""
        return audit_document(self.checker, document, against, self.settings.max_file_bytes)
