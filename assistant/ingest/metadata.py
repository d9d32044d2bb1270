"""Metadata read from a document's own text: kind, authority, dates, lead inspector and graded judgements.

Works on Ofsted letters and reports (PDF text or plain text); press releases and articles give little or
nothing, and the corpus catalog fills in the rest. The file name is used only as a last resort for the date (full
reports do not print their publication date) and the authority.
"""

from __future__ import annotations

import re
from datetime import date as Date

from ..domain.authorities import find_authorities, known_authorities
from ..types import Judgement

__all__ = ["extract_metadata", "find_authorities", "known_authorities"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NAME = r"((?!His |Her )[A-Z][\w’'\-]+(?: (?!His\b|Her\b)[A-Z][\w’'\-]+){1,3})"
_DATE = rf"(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTHS}) (\d{{4}})"
_JUDGEMENT = re.compile(
    r"^(The impact of leaders on social work practice with children and families|"
    r"The experiences and progress of children who need help and protection|"
    r"The experiences and progress of children in care and care leavers|"
    r"The experiences and progress of children in care|The experiences and progress of care leavers|"
    r"Overall effectiveness): (Outstanding|Good|Inadequate|Requires improvement to be good|Requires improvement)$",
    re.MULTILINE,
)


def _iso(day: str, month: str, year: str) -> str:
    month_number = _MONTHS.split("|").index(month) + 1
    try:
        return Date(int(year), month_number, int(day)).isoformat()
    except ValueError:
        return ""


def _visit_type(head: str) -> tuple[str, str]:
    """(visit type, kind) from the opening of an Ofsted document, or ("", "")."""
    if re.search(r"\bFocused visit (to|of)\b", head, re.IGNORECASE):
        return "focused visit", "inspection letter"
    if re.search(r"\bMonitoring visit (to|of)\b", head, re.IGNORECASE):
        return "monitoring visit", "inspection letter"
    if re.search(
        r"Inspection of (children’s|children's) social care services|Inspection of .{0,60}local authority "
        r"children(’|')s services",
        head,
    ):
        return "ILACS inspection", "inspection report"
    if re.search(r"Inspection of services for children in need of help and protection", head):
        return "SIF inspection", "inspection report"
    return "", ""


def extract_metadata(text: str, file_name: str = "") -> dict:
    """Whatever metadata the text states; {} for documents that are not Ofsted letters or reports."""
    head = text[:4000]
    visit_type, kind = _visit_type(head)
    if not kind:
        return {}
    found: dict = {"publisher": "Ofsted", "kind": kind, "visit_type": visit_type}
    subject = re.search(
        r"(?:Focused|Monitoring) visit (?:to|of) (.{3,80}?) (?:children(?:’|')s services|council)", head, re.IGNORECASE
    ) or re.search(r"Inspection of (.{3,60}?) local authority", head)
    candidates = find_authorities(subject.group(1)) if subject else []
    if not candidates:
        candidates = find_authorities(head[:600]) or find_authorities(head)
    candidates = candidates or find_authorities(re.sub(r"[-_]", " ", file_name))
    if candidates:
        found["authority"] = candidates[0]
    dates = re.search(r"Inspection dates?:? (\d[^\n]{0,40}?\d{4}(?: (?:to|and) [^\n]{0,30}?\d{4})?)", head)
    visit_dates = re.search(
        rf"(?:visit|inspection) to .{{3,90}}? (?:on|between) "
        rf"((?:\d{{1,2}}(?: (?:{_MONTHS}))?(?:,| and| to|–|-) ?)*{_DATE})",
        head,
    )
    if dates:
        found["inspection_dates"] = dates.group(1).strip()
    elif visit_dates:
        found["inspection_dates"] = visit_dates.group(1).strip()
    published = re.search(rf"will be published on the Ofsted website on {_DATE}", text)
    letter_date = re.match(rf"\s*{_DATE}\b", head)
    if published:
        found["date"] = _iso(*published.groups())
    elif letter_date:
        found["date"] = _iso(*letter_date.groups())
    else:
        in_name = re.search(r"(\d{4})-(\d{2})-(\d{2})", file_name)
        if in_name:
            found["date"] = "-".join(in_name.groups())
    lead = re.search(rf"Lead inspector:? {_NAME}", head)
    signed = re.search(rf"Yours? sincerely,?\s+{_NAME}", text)
    if lead:
        found["lead_inspector"] = lead.group(1)
    elif signed:
        found["lead_inspector"] = signed.group(1)
    judgements = [Judgement(area, grade) for area, grade in _JUDGEMENT.findall(text[:6000])]
    if judgements:
        found["judgements"] = judgements
    written = re.search(
        r"^((?:Focused|Monitoring) visit (?:to|of) .{3,120}|Inspection of .{3,120} children(?:’|')s services)$",
        head,
        re.MULTILINE,
    )
    older = re.search(r"^(.{3,80})\n+(Inspection of children(?:’|')s social care services)$", head, re.MULTILINE)
    if written:
        found["title"] = written.group(1).strip()
    elif older:
        found["title"] = f"{older.group(2)}: {older.group(1).strip()}"
    else:
        label = {"focused visit": "Focused visit", "monitoring visit": "Monitoring visit"}.get(visit_type)
        place = found.get("authority", "the local authority")
        found["title"] = f"{label or 'Inspection'} {'to' if label else 'of'} {place} children’s services"
    return found
