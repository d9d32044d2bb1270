"""Questions about graded judgements ("Which councils were judged inadequate?"), answered from the judgement
fields read out of inspection reports, each cited at the judgement line in the report's text."""

from __future__ import annotations

import re

from ..types import Answer, Citation, Document, SearchFilters
from .compose import source_label

# Longest first, so "requires improvement to be good" wins over "good".
GRADES = ("requires improvement to be good", "requires improvement", "outstanding", "inadequate", "good")
_QUESTION = re.compile(
    r"\b(which|what|list|how many|name)\b.*\b(councils?|authorities|las?|areas?)\b.*"
    r"\b(judged|rated|graded|found|were|was|got|received|given)\b",
    re.IGNORECASE,
)
# Judgement areas a question may narrow to; the first matching pattern names the area looked for.
AREAS = {
    "care leavers": "care leavers",
    "children in care": "children in care",
    "help and protection": "help and protection",
    "leaders": "leaders",
    "leadership": "leaders",
}


def asked_grade(question: str) -> tuple[str, str] | None:
    """(grade, area) when the question asks which councils got a grade, else None; area "" means overall."""
    if not _QUESTION.search(question):
        return None
    lowered = question.lower()
    for grade in GRADES:
        if re.search(rf"\b{grade}\b", lowered):
            area = next((name for key, name in AREAS.items() if key in lowered), "")
            return grade, area
    return None


def _grade_matches(found: str, wanted: str) -> bool:
    found = found.lower()
    if wanted == "requires improvement":
        return found.startswith("requires improvement")
    return found == wanted


def _judgement_span(document: Document, area: str, grade: str) -> tuple[int, int] | None:
    """Offsets of the text line that states this judgement ("Overall effectiveness: Good")."""
    for match in re.finditer(re.escape(area), document.text, flags=re.IGNORECASE):
        line_end = document.text.find("\n", match.end())
        line_end = len(document.text) if line_end < 0 else line_end
        grade_at = document.text.lower().find(grade.lower(), match.end(), line_end)
        if grade_at >= 0:
            return match.start(), grade_at + len(grade)
    return None


def answer_grade_question(
    question: str, documents: dict[str, Document], filters: SearchFilters, matches_filters
) -> Answer | None:
    """Every report whose judgement has the asked grade, cited at its judgement line; None for other questions."""
    asked = asked_grade(question)
    if asked is None:
        return None
    grade, area_wanted = asked
    citations: list[Citation] = []
    candidates = sorted(documents.values(), key=lambda d: d.date, reverse=True)
    for document in candidates:
        if not document.judgements or not matches_filters(document):
            continue
        for judgement in document.judgements:
            area = judgement.area.lower()
            wanted = area_wanted in area if area_wanted else area.startswith("overall effectiveness")
            if not (wanted and _grade_matches(judgement.grade, grade)):
                continue
            span = _judgement_span(document, judgement.area, judgement.grade)
            if span is None:
                continue
            citations.append(Citation.from_span(document, len(citations) + 1, *span))
            break
    if not citations:
        return None
    lines = [f"{source_label(c)}: {c.quote} [{c.n}]" for c in citations]
    text = " ".join(lines)
    return Answer(
        question,
        text,
        False,
        citations,
        f"judgements: {area_wanted or 'overall effectiveness'} = {grade}",
        filters.describe(),
    )
