"""Audit a press release or article: split it into claims, check each against the primary sources, render a table."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..errors import InvalidInput
from ..types import AuditReport, AuditRow, Document, Kind, Verdict
from .alignment import sentence_spans, tokens

MIN_CLAIM_WORDS = 4
MIN_QUOTE_WORDS = 3
# Sources dated this many days or more away from the audited document are flagged: they may describe another visit.
FAR_DAYS = 180

# Navigation, contact details and boilerplate: not claims.
_BOILERPLATE = re.compile(
    r"^(skip to|published|updated|photo:|image:|link to|follow us|share|tel\b|telephone|email|phone|fax|"
    r"to see the full|go to|more from|comments are closed|the full (report|letter) can be found|click here|"
    r"read more|contact|for more information|ends$|notes to editors)|https?://|www\.|@[a-z0-9-]+\.|\b0\d{3} ?\d{3}",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|‘([^’]+(?:’[a-z][^’]*)*)’(?![a-z])")
_INSPECTORS = re.compile(
    r"\b(inspectors?|ofsted|the report|the letter|their letter|inspection team|it said|they said|they noted|"
    r"they (also )?(found|praised|identified|graded))\b",
    re.IGNORECASE,
)
_SPEAKER = re.compile(
    r"\b(councillor|cllr|leader|director|mayor|cabinet member|chief executive|spokesperson)\b[^.“\"]*\b(said|added)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"^\W*(they|this|these|it|their|its)\b", re.IGNORECASE)
_INSPECTORS_ATTRIBUTION = "inspectors"
_COUNCIL_ATTRIBUTION = "council spokesperson"


@dataclass(frozen=True)
class ClaimSpan:
    """A claim found in the audited document: its exact span and who it is attributed to."""

    start: int
    end: int
    text: str
    attribution: str = ""  # "inspectors", "council spokesperson" or ""


def split_claims(text: str) -> list[ClaimSpan]:
    """Sentences and quoted spans of a document that make claims; navigation and contact details are skipped."""
    claims: list[ClaimSpan] = []
    speaker, in_quote, cursor = "", False, 0
    for start, end in sentence_spans(text, MIN_CLAIM_WORDS):
        sentence = text[start:end]
        # A quote running on (or opening right after "X said:"), or "They also found...", keeps the speaker.
        continued = _quote_open_after(text[cursor : start + 1], in_quote) or bool(_PRONOUN.match(sentence))
        in_quote = _quote_open_after(text[cursor:end], in_quote)
        cursor = end
        line_start = text.rfind("\n", 0, start) + 1
        if re.search(r"[•*–-]\s*$", text[line_start:start]):  # a list item: said by whoever introduced the list
            continued = True
        if _BOILERPLATE.search(sentence) or sentence.endswith(":"):  # navigation, or a line introducing a quote
            if _SPEAKER.search(sentence):
                speaker = _COUNCIL_ATTRIBUTION
            elif _INSPECTORS.search(sentence) or (_PRONOUN.match(sentence) and speaker == _INSPECTORS_ATTRIBUTION):
                speaker = _INSPECTORS_ATTRIBUTION
            continue
        if _SPEAKER.search(sentence):
            speaker = _COUNCIL_ATTRIBUTION
        elif _INSPECTORS.search(sentence) and not (continued and speaker == _COUNCIL_ATTRIBUTION):
            speaker = _INSPECTORS_ATTRIBUTION
        elif not continued:
            speaker = ""
        claims.append(ClaimSpan(start, end, sentence, speaker))
        words = len(tokens(sentence))
        for match in _QUOTED.finditer(sentence):
            group = next(i for i in (1, 2, 3) if match.group(i) is not None)
            quoted = match.group(group)
            if MIN_QUOTE_WORDS <= len(tokens(quoted)) <= 0.8 * words:
                q_start = start + match.start(group)
                claims.append(ClaimSpan(q_start, q_start + len(quoted), quoted, speaker))
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


def resolve_against(documents: dict[str, Document], audited: Document, against: str) -> tuple[list[str], list[str]]:
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
        if days is not None and days >= FAR_DAYS:
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


def run_audit(checker, audited: Document, scope: list[str], warnings: list[str]) -> AuditReport:
    """Check every claim of `audited` against the documents in `scope` (a ClaimChecker does the checking)."""
    began = time.perf_counter()
    rows = []
    spans = split_claims(audited.text)
    checker.claim_vectors([checker.core(span.text) for span in spans])  # one batch for the whole document
    for n, span in enumerate(spans, start=1):
        check = checker.check(span.text, scope)
        if span.attribution == _INSPECTORS_ATTRIBUTION and check.verdict is Verdict.NOT_FOUND:
            checked = "the sources checked" if scope else "any source in scope"
            check = replace(check, source_note=f"attributed to inspectors, but not found in {checked}")
        rows.append(AuditRow(n, span.text, span.start, span.end, span.attribution, check))
    counts = {v.value: sum(1 for r in rows if r.check.verdict is v) for v in Verdict}
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
