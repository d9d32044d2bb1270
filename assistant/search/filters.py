"""What a metadata filter admits: the one definition every search backend follows."""

from __future__ import annotations

import re

from ..domain.regions import councils_in
from ..domain.words import words
from ..errors import InvalidInput
from ..types import Document, Kind, SearchFilters


def checked_date(value: str, name: str) -> str:
    """`value` when it is empty or an ISO date (YYYY, YYYY-MM or YYYY-MM-DD); InvalidInput naming it otherwise."""
    if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise InvalidInput(f"{name}={value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.")
    return value


def kinds_named(kind: str) -> list[Kind]:
    """The kinds a `kind` filter names (by value or by enum name, ignoring case)."""
    wanted = kind.casefold()
    return [k for k in Kind if wanted in (k.value, k.name.casefold())]


def document_matches(document: Document, filters: SearchFilters) -> bool:
    """Whether a document passes the filters; partial dates compare by prefix (until=2017 admits all of 2017)."""
    since, until = checked_date(filters.since, "since"), checked_date(filters.until, "until")
    if filters.authority and filters.authority.casefold() != document.authority.casefold():
        return False
    if filters.regions and document.authority not in councils_in(filters.regions):
        return False
    if filters.kind and document.kind not in kinds_named(filters.kind):
        return False
    if since and (not document.date or document.date[: len(since)] < since):
        return False
    if until and (not document.date or document.date[: len(until)] > until):
        return False
    if not filters.years:
        return True
    return not document.inspection_years.isdisjoint(filters.years) or not document.years_mentioned.isdisjoint(
        filters.years
    )


def document_is_named(document: Document, months: frozenset[str], visit: frozenset[str], paper: frozenset[str]) -> bool:
    """Whether a document is the visit or report a question names: inspected or published in one of the months
    ("october 2019"), of the visit type its words name ("focused visit", "re-inspection") and of the paper its words
    name ("letter")."""
    if months:
        published = ""
        if re.fullmatch(r"\d{4}-\d{2}.*", document.date):
            published = f"{words().months[int(document.date[5:7]) - 1]} {document.date[:4]}"
        inspected = " ".join(document.inspection_dates.lower().split())
        if not any(month == published or month in inspected for month in months):
            return False

    def bare(text: str) -> str:  # "Re-inspections" and "reinspection" alike
        return text.lower().replace("-", "").removesuffix("s")

    visit_type = bare(document.visit_type)
    return all(bare(word) in visit_type for word in visit) and all(bare(word) in document.kind.value for word in paper)
