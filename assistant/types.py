"""Frozen dataclasses and enums passed between stages.

`--json` output everywhere is `dataclasses.asdict` of these objects, so the CLI, the UI and the tests see one
shape. Enums are `StrEnum`, so they serialise as their plain string values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property

from .domain.words import words
from .text import YEAR, last_date


class Kind(StrEnum):
    """What a source document is; inspection letters and reports are primary sources."""

    INSPECTION_LETTER = "inspection letter"
    INSPECTION_REPORT = "inspection report"
    PRESS_RELEASE = "council press release"
    PRESS_ARTICLE = "press article"
    OTHER = "other"

    @property
    def is_primary(self) -> bool:
        return self in (Kind.INSPECTION_LETTER, Kind.INSPECTION_REPORT)


class Verdict(StrEnum):
    """The claim-check verdicts (tests and the UI match on these values). `reworded` is never a confirmation: a
    close passage with a changed word nothing explains, for the officer to check."""

    VERBATIM = "verbatim"
    SUPPORTED = "supported"
    ALTERED = "altered"
    REWORDED = "reworded"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Judgement:
    """One graded judgement from an inspection ("Overall effectiveness": "Good")."""

    area: str
    grade: str


@dataclass(frozen=True)
class Heading:
    """A section heading and the character offset where its section starts."""

    start: int
    text: str


@dataclass(frozen=True)
class Document:
    """A source document: its full text (what every citation offset refers to) and its metadata."""

    doc_id: str
    path: str
    title: str
    kind: Kind
    text: str
    publisher: str = ""
    date: str = ""  # ISO publication date, YYYY-MM-DD
    authority: str = ""
    summary: str = ""
    visit_type: str = ""  # focused visit, monitoring visit, ILACS inspection, ...
    inspection_dates: str = ""
    lead_inspector: str = ""
    judgements: tuple[Judgement, ...] = ()
    headings: tuple[Heading, ...] = ()
    page_starts: tuple[int, ...] = ()  # offset of each page's first character (PDFs only)

    @cached_property
    def inspection_years(self) -> frozenset[str]:
        """The years an inspection belongs to: those of its inspection dates and of its publication date, and, for a
        report whose date is its inspection's last day (it prints no publication date), the year it may have come
        out in (words.toml `[reports]`)."""
        years = set(YEAR.findall(f"{self.date} {self.inspection_dates}"))
        if self.date and self.date == last_date(self.inspection_dates):
            published = date.fromisoformat(self.date) + timedelta(days=words().published_within_days)
            years.add(str(published.year))
        return frozenset(years)

    @cached_property
    def years_mentioned(self) -> frozenset[str]:
        """Every year (1900-2099) the text names, worked out once: filters test it on each search."""
        return frozenset(YEAR.findall(self.text))

    def heading_at(self, offset: int) -> str:
        """The heading of the section containing `offset`, or ""."""
        current = ""
        for heading in self.headings:
            if heading.start > offset:
                break
            current = heading.text
        return current

    def page_at(self, offset: int) -> int:
        """1-based page number containing `offset`, or 0 when the document has no pages."""
        page = 0
        for number, start in enumerate(self.page_starts, start=1):
            if start > offset:
                break
            page = number
        return page


@dataclass(frozen=True)
class Chunk:
    """A citable slice of a document: `document.text[start:end] == text`."""

    chunk_id: str  # "doc_id#n", stable across rebuilds of the same file
    doc_id: str
    start: int
    end: int
    text: str
    heading: str = ""
    page: int = 0


@dataclass(frozen=True)
class SearchFilters:
    """Metadata filters; empty fields do not filter."""

    authority: str = ""
    kind: str = ""
    since: str = ""  # ISO date, inclusive
    until: str = ""  # ISO date, inclusive
    years: tuple[str, ...] = ()  # documents dated in or mentioning any of these years
    regions: tuple[str, ...] = ()  # councils of these regions of England (domain/regions.toml)

    def is_empty(self) -> bool:
        return not (self.authority or self.kind or self.since or self.until or self.years or self.regions)

    def describe(self) -> str:
        """Plain-English description of the active filters, or ""."""
        parts = []
        if self.authority:
            parts.append(f"authority: {self.authority}")
        if self.regions:
            parts.append(f"region: {' or '.join(self.regions)}")
        if self.kind:
            parts.append(f"kind: {self.kind}")
        if self.since:
            parts.append(f"from {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        if self.years:
            parts.append(f"about {' or '.join(self.years)}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its document's metadata and its scores."""

    chunk_id: str
    doc_id: str
    title: str
    kind: str
    date: str
    authority: str
    text: str
    start: int
    end: int
    score: float
    heading: str = ""
    page: int = 0
    dense_score: float = 0.0
    lexical_score: float = 0.0


@dataclass(frozen=True)
class Citation:
    """A verbatim quote and where it stands: `document.text[start:end] == quote`."""

    n: int
    doc_id: str
    chunk_id: str
    title: str
    kind: str
    date: str
    authority: str
    quote: str
    start: int
    end: int
    page: int = 0
    heading: str = ""

    @classmethod
    def from_span(cls, document: Document, n: int, start: int, end: int, chunk_id: str = "", heading: str = ""):
        """The citation of document.text[start:end], with the document's metadata and page."""
        return cls(n=n, chunk_id=chunk_id, heading=heading, **_span_fields(document, start, end))


def _span_fields(document: Document, start: int, end: int) -> dict:
    """What a citation or an evidence record says of the span document.text[start:end]."""
    return {  # names, not words
        "doc_id": document.doc_id,
        "title": document.title,
        "kind": document.kind.value,
        "date": document.date,
        "authority": document.authority,
        "quote": document.text[start:end],
        "start": start,
        "end": end,
        "page": document.page_at(start),
    }


@dataclass(frozen=True)
class Intent:
    """What kind of answer a question asks for."""

    grade: bool = False  # how something was judged ("how was X rated?")
    figure: str = (
        ""  # "a sum of money", "a percentage", "a percentage or share", "a rate", "a number", "a time", ... or ""
    )
    counted: tuple[str, ...] = ()  # what a count question counts ("how many care leavers" -> care, leavers)
    comparison: bool = False  # "A vs B", "compare A and B"
    follow_up: bool = False  # leans on the conversation before it
    improvement: bool = False  # asks what needs to improve (Ofsted lists it under a heading of its own)


@dataclass(frozen=True)
class Query:
    """A question as every stage reads it."""

    text: str  # the question as asked (whitespace normalised)
    context: str = ""  # words carried from the conversation, "" for a question that stands alone
    expansions: tuple[str, ...] = ()  # the report's words for abbreviations and everyday phrasings
    topic: tuple[str, ...] = ()  # words a passage must cover to answer (no councils, years or chat words)
    authorities: tuple[str, ...] = ()  # councils named (or carried from the conversation), canonical names
    years: tuple[str, ...] = ()
    intent: Intent = field(default_factory=Intent)

    def __post_init__(self) -> None:  # a hook tests use to count how often a Query is built
        pass

    @property
    def searched_for(self) -> str:
        """What search embeds and the app shows: the context, the question and the report's words for it."""
        return self.searched_with(self.text)

    def searched_with(self, text: str) -> str:
        """`searched_for` with `text` in place of the question (the question without the words naming its visit)."""
        head = f"{self.context}: {text}" if self.context else text
        return f"{head} ({'; '.join(self.expansions)})" if self.expansions else head


@dataclass(frozen=True)
class Answer:
    """A short answer; every sentence in `answer` is a quote followed by its citation marker [n]."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    searched_for: str = ""
    filters: str = ""
    query: Query | None = None  # the question as it was read (with what it took from the conversation)


@dataclass(frozen=True)
class Evidence:
    """A source span that bears on a claim."""

    doc_id: str
    title: str
    kind: str
    date: str
    authority: str
    quote: str
    start: int
    end: int
    page: int = 0
    similarity: float = 0.0
    primary: bool = False

    @classmethod
    def from_span(cls, document: Document, start: int, end: int, similarity: float = 0.0):
        """The evidence document.text[start:end], with the document's metadata, page and source rank."""
        fields = _span_fields(document, start, end)
        return cls(similarity=round(similarity, 4), primary=document.kind.is_primary, **fields)


@dataclass(frozen=True)
class DiffOp:
    """One word-level difference between claim and evidence: op is "equal", "insert", "delete" or "replace"."""

    op: str
    claim_text: str
    source_text: str
    claim_start: int
    claim_end: int


@dataclass(frozen=True)
class ClaimCheck:
    """The verdict on one claim, with the evidence that shows it."""

    claim: str
    verdict: Verdict
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)
    diff: list[DiffOp] = field(default_factory=list)
    source_note: str = ""  # e.g. "found only in a council press release, not in an inspection document"
    changes: tuple[str, ...] = ()  # the kinds of change an altered verdict rests on ("grade", "scope", "negation")


@dataclass(frozen=True)
class SyncReport:
    """What bringing a search backend up to date with the index did (documents by id)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # a changed document is removed, then added
    unchanged: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did."""

    documents: int
    chunks: int
    embedded_files: list[str] = field(default_factory=list)
    reused_files: list[str] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "name: reason"
    seconds: float = 0.0


@dataclass(frozen=True)
class EvalCase:
    """One gold question: the passages that answer it, or `unanswerable`."""

    case_id: str
    question: str
    answers: list[dict] = field(default_factory=list)  # [{"doc_id": ..., "text": ...}]
    unanswerable: bool = False
    filters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CaseResult:
    """How one gold question fared."""

    case_id: str
    question: str
    rank: int  # 1-based rank of the first relevant passage, 0 when none in the top 10
    abstained: bool
    unanswerable: bool
    top_passage: str = ""
    top_doc: str = ""
    seconds: float = 0.0
    citations: list[Citation] = field(default_factory=list)  # the answer's citations, when answers were run


@dataclass(frozen=True)
class EvalReport:
    """Aggregate metrics and per-question results for one retrieval mode."""

    mode: str
    metrics: dict[str, float]
    results: list[CaseResult] = field(default_factory=list)


@dataclass(frozen=True)
class AuditRow:
    """One claim of the audited document and its check."""

    n: int
    claim: str
    start: int
    end: int
    attribution: str
    check: ClaimCheck


@dataclass(frozen=True)
class AuditReport:
    """Every claim of a document checked against the chosen sources, with counts per verdict."""

    doc_id: str
    title: str
    kind: str
    date: str
    authority: str
    against: list[str]  # "title (kind, date)" of each source checked against
    rows: list[AuditRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(frozen=True)
class ClaimCaseResult:
    """How one gold claim fared."""

    case_id: str
    claim: str
    expected: str  # the gold verdict
    verdict: str  # the checker's verdict
    alteration: str = ""  # the gold alteration kind, for altered claims


@dataclass(frozen=True)
class TurnResult:
    """How one turn of a gold conversation fared."""

    case_id: str  # conversation id and turn number, "v01.2"
    question: str
    searched_for: str
    refers_back: bool  # the gold: does the turn lean on the earlier ones?
    follow_up: bool  # did the assistant read it as a follow-up?
    unanswerable: bool
    abstained: bool
    cites_gold: bool  # a cited quote overlaps a gold answer text


@dataclass(frozen=True)
class SetReport:
    """Metrics of a claim set or a conversation set, with the per-case results."""

    kind: str  # "claims" or "conversations"
    metrics: dict[str, float]
    results: list = field(default_factory=list)  # ClaimCaseResult or TurnResult
