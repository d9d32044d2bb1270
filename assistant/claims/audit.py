"""Audit a press release or article: split it into claims, check each against the primary sources, render a table."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..config import ClaimSettings
from ..domain.words import alternation
from ..domain.words import words as known_words
from ..errors import InvalidInput
from ..types import AuditReport, AuditRow, Document, Kind, Verdict
from .alignment import sentence_spans, tokens

MIN_CLAIM_WORDS = 4
MIN_QUOTE_WORDS = 3


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Boilerplate (navigation, contact details), Ofsted attribution, a named speaker, a continuing pronoun; the
    words are words.toml's [audit] and [attribution]."""
    known = known_words()
    boilerplate = re.compile(
        rf"^(?:{alternation(known.boilerplate_openings)})(?![a-z])|https?://|www\.|@[a-z0-9-]+\.|\b0\d{{3}} ?\d{{3}}",
        re.IGNORECASE,
    )
    inspectors = re.compile(rf"\b(?:{alternation(known.inspector_cues)})\b", re.IGNORECASE)
    speaker = re.compile(
        rf"\b(?:{alternation(known.speaker_roles)})\b[^.“\"]*\b(?:{alternation(known.speech_verbs)})\b", re.IGNORECASE
    )
    pronoun = re.compile(rf"^\W*(?:{alternation(known.continuing)})\b", re.IGNORECASE)
    # "inspectors found", "the report has also praised": Ofsted's words reported, even inside someone's quote.
    reported = re.compile(
        rf"\b(?:{alternation(known.inspector_subjects)})\s+(?:\w+\s+){{0,2}}(?:{alternation(known.reporting_verbs)})\b",
        re.IGNORECASE,
    )
    return boilerplate, inspectors, speaker, pronoun, reported


_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|‘([^’]+(?:’[a-z][^’]*)*)’(?![a-z])")
_INSPECTORS_ATTRIBUTION = "inspectors"
_COUNCIL_ATTRIBUTION = "council spokesperson"  # a named person's words (councillor, director, spokesperson)
_OWN_ATTRIBUTION = "council"  # the document's own narrative
_HEADLINE_ATTRIBUTION = "headline"
# What each kind of row is, for a claim nothing confirms: not a failure unless Ofsted is said to have said it.
OWN_WORDS = {
    _COUNCIL_ATTRIBUTION: "a named person's own words, not attributed to Ofsted",
    _OWN_ATTRIBUTION: "the council's own statement, not attributed to Ofsted",
    _HEADLINE_ATTRIBUTION: "a headline, not attributed to Ofsted",
}


@dataclass(frozen=True)
class ClaimSpan:
    """A claim found in the audited document: its exact span and who it is attributed to."""

    start: int
    end: int
    text: str
    attribution: str = ""  # "inspectors", "council spokesperson", "council" or "headline"


def split_claims(text: str, headline_words: int = ClaimSettings.claim_headline_words) -> list[ClaimSpan]:
    """Sentences and quoted spans of a document that make claims; navigation and contact details are skipped.

    Each claim is attributed: `inspectors` (the sentence reports what Ofsted, inspectors, the report or the letter
    said), `council spokesperson` (a named person's words, including a quote running on over paragraphs),
    `headline` (a title line: no full stop, standing alone) or `council` (the document's own narrative).
    """
    boilerplate, inspectors, speaker_said, pronoun, reported = _patterns()
    claims: list[ClaimSpan] = []
    speaker, in_quote, cursor = "", False, 0
    for start, end in sentence_spans(text, MIN_CLAIM_WORDS):
        sentence = text[start:end]
        # A quote running on (or opening right after "X said:"), or "They also found...", keeps the speaker.
        continued = _quote_open_after(text[cursor : start + 1], in_quote) or bool(pronoun.match(sentence))
        in_quote = _quote_open_after(text[cursor:end], in_quote)
        before = text[cursor:start]
        cursor = end
        line_start = text.rfind("\n", 0, start) + 1
        if re.search(r"[•*–-]\s*$", text[line_start:start]):  # a list item: said by whoever introduced the list
            continued = True
        if boilerplate.search(sentence) or sentence.endswith(":"):  # navigation, or a line introducing a quote
            if speaker_said.search(sentence):
                speaker = _COUNCIL_ATTRIBUTION
            elif inspectors.search(sentence) or (pronoun.match(sentence) and speaker == _INSPECTORS_ATTRIBUTION):
                speaker = _INSPECTORS_ATTRIBUTION
            continue
        line_end = text.find("\n", end)
        whole_line = text[line_start : len(text) if line_end < 0 else line_end].strip()
        if (
            whole_line == sentence.strip()
            and len(tokens(sentence)) <= headline_words
            and not re.search(r"[•*–-]\s*$", text[line_start:start])
            and not sentence.rstrip("\"'”’)").endswith((".", "!", "?", ":"))
            and not in_quote
            and (not claims or "\n\n" in before or not before.strip())
        ):
            claims.append(ClaimSpan(start, end, sentence, _HEADLINE_ATTRIBUTION))
            speaker = ""
            continue
        if speaker_said.search(sentence):
            speaker = _COUNCIL_ATTRIBUTION
        elif inspectors.search(sentence) and not (continued and speaker == _COUNCIL_ATTRIBUTION):
            speaker = _INSPECTORS_ATTRIBUTION
        elif not continued:
            speaker = ""
        said_by = speaker or _OWN_ATTRIBUTION
        if speaker == _COUNCIL_ATTRIBUTION and reported.search(sentence) and not speaker_said.search(sentence):
            said_by = _INSPECTORS_ATTRIBUTION  # a quote reporting what inspectors found: that part is Ofsted's
        claims.append(ClaimSpan(start, end, sentence, said_by))
        words = len(tokens(sentence))
        for match in _QUOTED.finditer(sentence):
            group = next(i for i in (1, 2, 3) if match.group(i) is not None)
            quoted = match.group(group)
            if MIN_QUOTE_WORDS <= len(tokens(quoted)) <= 0.8 * words:
                q_start = start + match.start(group)
                claims.append(ClaimSpan(q_start, q_start + len(quoted), quoted, said_by))
    return claims


def _quote_open_after(text: str, is_open: bool) -> bool:
    """Whether a double quotation is still open at the end of `text` (curly quotes, or straight by position)."""
    for i, char in enumerate(text):
        if char == "“":
            is_open = True
        elif char == "”":
            is_open = False
        elif char == '"':
            is_open = i == 0 or text[i - 1].isspace() or text[i - 1] in "(["
    return is_open


def resolve_document(documents: dict[str, Document], document: str, max_bytes: int) -> Document:
    """The indexed document with this doc_id, the indexed copy of this file, or the file read afresh."""
    if document in documents:
        return documents[document]
    path = Path(document).expanduser()
    if not path.is_file():
        raise InvalidInput(
            f"{document!r} is neither a file nor an indexed document; known: {', '.join(sorted(documents))}."
        )
    for indexed in documents.values():
        if indexed.path and Path(indexed.path).name == path.name:
            return indexed
    from ..ingest.documents import read_document

    read = read_document(path, "audited-document", {}, max_bytes)
    same = [d for d in documents.values() if d.text == read.text]
    return same[0] if same else read


def resolve_against(
    documents: dict[str, Document], audited: Document, against: str, far_days: int = ClaimSettings.audit_far_days
) -> tuple[list[str], list[str]]:
    """The doc_ids to check against (never the audited document) and warnings about the choice."""
    others = {i: d for i, d in documents.items() if i != audited.doc_id and d.text != audited.text}
    kinds = {k.value: k for k in Kind} | {k.name.lower(): k for k in Kind}
    key = against.strip()
    if not key:
        chosen = [i for i, d in others.items() if d.kind.is_primary]
        what = "inspection letter or report"
    elif key.lower() in kinds:
        chosen = [i for i, d in others.items() if d.kind is kinds[key.lower()]]
        what = kinds[key.lower()].value
    elif key in others:
        chosen, what = [key], documents[key].kind.value
    elif key == audited.doc_id:
        raise InvalidInput(f"--against {key!r} is the audited document itself: a document cannot confirm itself.")
    else:
        raise InvalidInput(
            f"--against {key!r} is neither a kind ({', '.join(k.value for k in Kind)}) nor a doc_id "
            f"({', '.join(sorted(others))})."
        )
    warnings = []
    if audited.authority:
        elsewhere = [i for i in chosen if documents[i].authority and documents[i].authority != audited.authority]
        if elsewhere:
            names = ", ".join(sorted({documents[i].authority for i in elsewhere}))
            warnings.append(
                f"This document is about {audited.authority}; sources about {names} were left out, because they "
                "cannot confirm what was said about another council."
            )
        chosen = [i for i in chosen if i not in elsewhere]
    if not chosen:
        about = f" about {audited.authority}" if audited.authority else ""
        warnings.append(
            f"No {what}{about} is in the corpus, so no claim can be confirmed: every claim is reported as not found. "
            "Add the inspection letter or report it describes and run the audit again."
        )
    for doc_id in chosen:
        days = _days_apart(audited.date, documents[doc_id].date)
        if days is not None and days >= far_days:
            warnings.append(
                f"{documents[doc_id].title} is dated {documents[doc_id].date}, {days // 30} months from this "
                f"document ({audited.date}): it may describe another inspection or visit."
            )
    return chosen, warnings


def _days_apart(a: str, b: str) -> int | None:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return None


def is_ofsted_problem(row: AuditRow) -> bool:
    """A claim the document attributes to Ofsted that the sources do not confirm (altered, reworded, not found)."""
    return row.attribution == _INSPECTORS_ATTRIBUTION and row.check.verdict not in (Verdict.VERBATIM, Verdict.SUPPORTED)


def priority(row: AuditRow) -> int:
    """Order of rows: Ofsted-attributed claims that are not confirmed, then any altered or reworded claim, then
    Ofsted-attributed claims confirmed, then the rest (own statements, quotes, headlines)."""
    if is_ofsted_problem(row):
        return 0 if row.check.verdict in (Verdict.ALTERED, Verdict.REWORDED) else 1
    if row.check.verdict in (Verdict.ALTERED, Verdict.REWORDED):
        return 2
    return 3 if row.attribution == _INSPECTORS_ATTRIBUTION else 4


def run_audit(checker, audited: Document, scope: list[str], warnings: list[str]) -> AuditReport:
    """Check every claim of `audited` against the documents in `scope` (a ClaimChecker does the checking)."""
    began = time.perf_counter()
    rows = []
    spans = split_claims(audited.text, checker.settings.claim_headline_words)
    checker.claim_vectors([checker.core(span.text) for span in spans])  # one batch for the whole document
    for n, span in enumerate(spans, start=1):
        check = checker.check(span.text, scope)
        if span.attribution == _INSPECTORS_ATTRIBUTION and check.verdict is Verdict.NOT_FOUND:
            checked = "the sources checked" if scope else "any source in scope"
            check = replace(check, source_note=f"attributed to inspectors, but not found in {checked}")
        elif span.attribution in OWN_WORDS and check.verdict is Verdict.NOT_FOUND:
            check = replace(check, source_note=f"{OWN_WORDS[span.attribution]}; {check.source_note}")
        rows.append(AuditRow(n, span.text, span.start, span.end, span.attribution, check))
    counts = {v.value: sum(1 for r in rows if r.check.verdict is v) for v in Verdict}
    rows.sort(key=lambda row: (priority(row), row.n))
    against = [
        f"{checker.documents[i].title} ({checker.documents[i].kind.value}, {checker.documents[i].date})" for i in scope
    ]
    return AuditReport(
        doc_id=audited.doc_id,
        title=audited.title,
        kind=audited.kind.value,
        date=audited.date,
        authority=audited.authority,
        against=against,
        rows=rows,
        counts=counts,
        warnings=warnings,
        seconds=round(time.perf_counter() - began, 3),
    )
