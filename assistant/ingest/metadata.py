"""Metadata read from a document's own text: kind, visit type, authority, dates, lead inspector and graded
judgements (mapped to one scheme across frameworks by domain/grades).

Works on Ofsted letters and reports of every template in the national record (SIF 2013-2018 inspections and
re-inspections, LSCB reviews, 2013 looked-after-children inspections, ILACS 2018- inspections, focused and
monitoring visits), as PDF text or plain text; press releases and articles give nothing and the corpus catalog
fills in the rest. The date is the publication date the document prints (a letter's date, "Report published:");
an ILACS report prints none, so its date is the last day of the inspection it states. The file name is used only
as a last resort for the date and the authority.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.authorities import find_authorities, known_authorities
from ..domain.grades import area_named, grade_pattern, normalise_area, normalise_grade, scheme
from ..domain.words import words
from ..text import YEAR, iso_date, last_date
from ..types import Document, Judgement

__all__ = ["extract_metadata", "find_authorities", "known_authorities", "last_date", "stated_date"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NAME = r"((?!His |Her |Yours)[A-Z][\w’'\-]+(?: (?!His\b|Her\b|HMI\b)[A-Z][\w’'\-]+){1,3})"
_DATE = rf"(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTHS}),? (\d{{4}})"
_APOSTROPHE = "[’']"
# A dateline: a date alone on a line near the top, after at most a few words ("Published on Monday,"); day
# first ("13th June 2017") or month first ("August 1, 2016").
_DATELINE = re.compile(
    rf"^[^\S\n]*(?:[A-Za-z]+[ ,:]+){{0,4}}?(?:{_DATE}|({_MONTHS}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}}))[^\S\n]*$",
    re.MULTILINE,
)
DATELINE_REACH = 600  # characters from the top of a document where its dateline may stand

# (pattern on the opening of the document, visit type, kind); the first match wins, so titles come before
# phrases a report may use in passing ("a focused visit in 2023").
_TEMPLATES = (
    (r"^\W*(Re-?inspection|Reinspection) of services for children in need", "SIF re-inspection", "inspection report"),
    (r"^\W*Inspection of services for children in need of help and protection", "SIF inspection", "inspection report"),
    (r"^\W*Review of the effectiveness of the Local Safeguarding", "LSCB review", "inspection report"),
    (
        r"^\W*Inspection of looked after children(’|')?s? services",
        "looked after children inspection",
        "inspection report",
    ),
    (
        rf"^\W*Inspection of (local authority )?children{_APOSTROPHE}s social care services",
        "ILACS inspection",
        "inspection report",
    ),
    (rf"^\W*Inspection of [^\n]{{2,120}}?children{_APOSTROPHE}s services$", "ILACS inspection", "inspection report"),
    (r"^\W*Inspection of [^\n]{2,120}\n+Inspection dates?:", "ILACS inspection", "inspection report"),
    (r"^\W*Focused visit (to|of|on)\b", "focused visit", "inspection letter"),
    (r"^\W*Monitoring visit (to|of)\b", "monitoring visit", "inspection letter"),
    (r"\bFocused visit (to|of)\b", "focused visit", "inspection letter"),
    (r"\bMonitoring visit (to|of)\b", "monitoring visit", "inspection letter"),
    (rf"Inspection of [^\n]{{2,120}}?children{_APOSTROPHE}s services", "ILACS inspection", "inspection report"),
)


def _visit_type(text: str) -> tuple[str, str]:
    """(visit type, kind) from the opening of an Ofsted document, or ("", "")."""
    opening = text[:1500]
    for pattern, visit_type, kind in _TEMPLATES:
        if re.search(pattern, opening, re.MULTILINE | re.IGNORECASE):
            return visit_type, kind
    return "", ""


def _authority(text: str, visit_type: str, file_name: str) -> str:
    """The council a report is about: named in its title, else first named in its opening."""
    opening = text[:1500]
    subjects = [
        re.search(
            r"(?:Focused|Monitoring) visit (?:to|of|on) (.{3,120}?)(?:children|council|local authority)",
            opening,
            re.IGNORECASE | re.DOTALL,
        ),
        re.search(
            rf"^\W*Inspection of (?!services|looked|children)(.{{3,120}}?)children{_APOSTROPHE}s services",
            opening,
            re.MULTILINE | re.DOTALL,
        ),
        re.search(
            r"^\W*Inspection of (?!services|looked|children)([^\n]{3,120})\n+Inspection dates?:", opening, re.MULTILINE
        ),
        # SIF and 2013 reports put the council's name on its own above or below the title.
        re.search(r"^(.{3,120}?)\n+(?:\w+\n+)?(?:Re-?inspection|Reinspection|Inspection|Review) of ", opening),
        re.search(r"Inspection of looked after children(?:’|')?s? services\n+(.{3,80})$", opening, re.MULTILINE),
    ]
    for subject in subjects:
        found = find_authorities(subject.group(1)) if subject else []
        if found:
            return found[0]
    found = find_authorities(opening[:600]) or find_authorities(opening)
    if not found and file_name:
        found = find_authorities(re.sub(r"[-_]", " ", file_name))
    return found[0] if found else ""


def _inspection_dates(head: str) -> str:
    stated = re.search(r"Inspection dates?:?\s+(\d[^\n]{0,40}?\d{4}(?:\s*(?:to|and|–|-)\s*[^\n]{0,30}?\d{4})?)", head)
    if stated:
        return " ".join(stated.group(1).split())
    visit = re.search(
        rf"(?:visit|inspection) (?:to|of) .{{3,120}}? (?:on|between|from) "
        rf"((?:\d{{1,2}}(?:st|nd|rd|th)?(?: (?:{_MONTHS}))?(?: \d{{4}})?(?:,| and| to| –| -|–|-) ?)*{_DATE})",
        head,
        re.DOTALL,
    )
    return " ".join(visit.group(1).split()) if visit else ""


def _publication_date(text: str, head: str) -> str:
    published = re.search(rf"Report published:?\s*{_DATE}", head, re.IGNORECASE) or re.search(
        rf"will be published on the Ofsted website on {_DATE}", text
    )
    if published:
        return iso_date(*published.groups())
    letter_date = re.match(rf"\s*{_DATE}\s*$", head.split("\n\n", 1)[0]) or re.search(
        rf"^{_DATE}$", head[:400], re.MULTILINE
    )
    return iso_date(*letter_date.groups()) if letter_date else ""


def stated_date(text: str) -> str:
    """The date a document prints on a line of its own near its top (a letter's date, a press release's
    "Published on ..."), as an ISO date, or ""."""
    line = _DATELINE.search(text[:DATELINE_REACH])
    if not line:
        return ""
    day, month, year = line.group(1, 2, 3) if line.group(1) else (line.group(5), line.group(4), line.group(6))
    return iso_date(day, month, year)


def _lead_inspector(text: str, head: str) -> str:
    for pattern in (
        rf"(?:Lead|Reporting) inspector:?\s+{_NAME}",
        rf"(?:Lead|Reporting) inspector:?\s+(?:was\s+)?{_NAME}",
        rf"Yours? sincerely,?\s+{_NAME}",
    ):
        found = re.search(pattern, head if "sincerely" not in pattern else text)
        if found:
            return found.group(1)
    team = re.search(rf"Lead inspector:?\s*{_NAME}", text)
    return team.group(1) if team else ""


_OVERALL_SENTENCE = re.compile(
    rf"(?:The overall judgement is|Children{_APOSTROPHE}s services in .{{2,80}}?(?: are| is)?(?: now)?) "
    rf"({grade_pattern()})\b",
    re.IGNORECASE,
)


def judgement_statements(text: str) -> dict[str, tuple[str, int, int]]:
    """{area: (grade, start, end)}: the graded judgements of a report's summary table, area and grade in the
    scheme of domain/grades, with the offsets of the text that states each (a SIF report's area names and its
    overall sentence differ from the scheme's names, so answers cite these offsets, not a search for the names)."""
    head = text[:6000]
    grades = grade_pattern()
    found: dict[str, tuple[str, int, int]] = {}
    # "Area: Grade" lines (the cleaner writes ILACS tables so) and SIF rows ("1. Children who ... Inadequate",
    # the grade sometimes on the next line).
    for match in re.finditer(
        rf"^(?:\d(?:\.\d)?\.?\s+)?([A-Z][^\n:]{{5,120}}?)(?::|\s)\s*\n?\n?({grades})\s*$",
        head,
        re.MULTILINE | re.IGNORECASE,
    ):
        area, grade = normalise_area(match.group(1)), normalise_grade(match.group(2))
        if area and grade and area not in found:
            found[area] = (grade, match.start(1), match.end(2))
    lscb = re.search(
        rf"The effectiveness of the Local Safeguarding Children Board(?: \(LSCB\))? is ({grades})", head, re.IGNORECASE
    )
    if lscb:
        area = normalise_area("The effectiveness of the Local Safeguarding Children Board")
        found.setdefault(area, (normalise_grade(lscb.group(1)), lscb.start(), lscb.end()))
    if found:
        # ILACS reports head each section with its judgement ("The experiences and progress of care leavers:
        # outstanding"); one the summary table lost to the page layout is read from its heading.
        for area in scheme().areas:
            if area.name in found or not area.ilacs:
                continue
            names = "|".join(r"\s+".join(map(re.escape, name.split())) for name in area.ilacs)
            heading = re.search(rf"^(?:{names}):\s*({grades})\s*$", text, re.MULTILINE | re.IGNORECASE)
            if heading:
                found[area.name] = (normalise_grade(heading.group(1)), heading.start(), heading.end())
    overall = _OVERALL_SENTENCE.search(head)
    if overall and found:
        found.setdefault("Overall effectiveness", (normalise_grade(overall.group(1)), overall.start(), overall.end()))
    return found


def stated_judgement(text: str, area: str, grade: str) -> tuple[int, int] | None:
    """Offsets of the text stating a judgement: the area followed by its grade ("Overall effectiveness: Good",
    "Adoption performance Good"), or later on the area's line, else the statement the judgement was read from
    (`judgement_statements`: a SIF report's own area names, "Children's services in Leeds are good"), else None."""
    area_words = r"\s+".join(map(re.escape, area.split()))
    grade_words = r"\s+".join(map(re.escape, grade.split()))
    found = re.search(rf"{area_words}\W{{0,20}}{grade_words}", text, re.IGNORECASE)
    if found:
        return found.start(), found.end()
    graded_by = re.compile(grade_words, re.IGNORECASE)
    for match in re.finditer(area_words, text, re.IGNORECASE):  # "... children in care and care leavers: Good"
        line_end = text.find("\n", match.end())
        graded = graded_by.search(text, match.end(), len(text) if line_end < 0 else line_end)
        if graded:
            return match.start(), graded.end()
    stated = judgement_statements(text).get(normalise_area(area) or area)
    if stated is not None and stated[0] == normalise_grade(grade):
        return stated[1], stated[2]
    return None


# A row of a side-by-side table of two inspections' judgements (an article's "then and now"): a judgement area,
# then one "Grade: findings" cell per inspection, under a header line naming the inspections' years.
MAX_ROW_LABEL_WORDS = 10


@dataclass(frozen=True)
class TabledJudgement:
    """A grade a table gives an area at the inspection of `year`, and the span of its cell ("Outstanding: A
    skilled and dedicated team ...", up to the cell's first full stop)."""

    area_key: str
    grade: str
    year: str
    start: int
    end: int


def tabled_judgements(text: str) -> tuple[TabledJudgement, ...]:
    """The judgements of the side-by-side tables in a text: each row under a header line naming as many years as
    the row has graded cells; a line of anything else ends the table."""
    marker = re.compile(rf"(?<![\w-])({grade_pattern()})\s*:", re.IGNORECASE)
    found: list[TabledJudgement] = []
    years: list[str] = []
    position = 0
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        if not line.strip():
            continue
        cells = list(marker.finditer(line))
        named = list(dict.fromkeys(YEAR.findall(line)))
        if not cells and len(named) >= 2:
            years = named
            continue
        label = line[: cells[0].start()] if cells else ""
        area, _ = area_named(label)
        if not years or len(cells) != len(years) or not area or len(label.split()) > MAX_ROW_LABEL_WORDS:
            years = []
            continue
        for year, cell, following in zip(years, cells, [*cells[1:], None], strict=True):
            end = following.start() if following else len(line)
            stop = line.find(". ", cell.end(), end)
            end = stop + 1 if stop >= 0 else end
            grade = normalise_grade(cell.group(1))
            found.append(TabledJudgement(area, grade, year, start + cell.start(), start + len(line[:end].rstrip())))
    return tuple(found)


def _judgements(text: str) -> list[Judgement]:
    """Graded judgements of the report's summary table (`judgement_statements`), overall last, as reports print it."""
    found = judgement_statements(text)
    ordered = [Judgement(area, grade) for area, (grade, _, _) in found.items() if area != "Overall effectiveness"]
    if "Overall effectiveness" in found:
        ordered.append(Judgement("Overall effectiveness", found["Overall effectiveness"][0]))
    return ordered


def _title(head: str, visit_type: str, authority: str) -> str:
    written = re.search(
        rf"^((?:Focused|Monitoring) visit (?:to|of) [^\n]{{3,160}}|Inspection of (?!services|looked)[^\n]{{3,160}} "
        rf"children{_APOSTROPHE}s services)$",
        head,
        re.MULTILINE,
    )
    older = re.search(
        rf"^(.{{3,80}})\n+(Inspection of (?:local authority )?children{_APOSTROPHE}s social care services)$",
        head,
        re.MULTILINE,
    )
    if written:
        return " ".join(written.group(1).split())
    if older:
        return f"{older.group(2)}: {older.group(1).strip()}"
    # names, not words
    label = {
        "focused visit": "Focused visit to",
        "monitoring visit": "Monitoring visit to",
        "SIF inspection": "Inspection of services for children in need of help and protection:",
        "SIF re-inspection": "Re-inspection of services for children in need of help and protection:",
        "LSCB review": "Review of the Local Safeguarding Children Board:",
        "looked after children inspection": "Inspection of looked after children services:",
    }.get(visit_type)
    place = authority or "the local authority"
    if label:
        return f"{label} {place}" + (" children’s services" if label.endswith(" to") else "")
    return f"Inspection of {place} children’s services"


def extract_metadata(text: str, file_name: str = "") -> dict:
    """Whatever metadata the text states; for documents that are not Ofsted letters or reports, only a dateline."""
    head = text[:4000]
    visit_type, kind = _visit_type(text)
    if not kind:
        dated = stated_date(text)
        return {"date": dated} if dated else {}
    found: dict = {"publisher": "Ofsted", "kind": kind, "visit_type": visit_type}
    authority = _authority(text, visit_type, file_name)
    if authority:
        found["authority"] = authority
    dates = _inspection_dates(head)
    if dates:
        found["inspection_dates"] = dates
    published = _publication_date(text, head)
    if not published:
        in_name = re.search(r"(\d{4})-(\d{2})-(\d{2})", file_name)
        # A report that prints no publication date (ILACS) is dated by the last day of its inspection.
        published = "-".join(in_name.groups()) if in_name else last_date(dates)
    if published:
        found["date"] = published
    lead = _lead_inspector(text, head)
    if lead:
        found["lead_inspector"] = lead
    judgements = _judgements(text)
    if judgements:
        found["judgements"] = judgements
    found["title"] = _title(head, visit_type, authority)
    return found


# How list items open in a document's text: the readers write "- "; plain text files keep their own bullets.
_LIST_ITEM = ("-", "•", "–")


def improvement_heading(document: Document, at: int) -> str:
    """The heading of one of Ofsted's lists of what needs to improve when offset `at` stands in one of the list's
    items (every paragraph from the heading to `at` a bullet item: the list ends where numbered paragraphs
    begin, whether or not their heading was recognised; or items numbered from 1 in order, as the older reports'
    "Recommendations" are), else ""."""
    above = [heading for heading in document.headings if heading.start <= at]
    if not above:
        return ""
    heading = max(above, key=lambda h: h.start)
    if not heading.text.lower().strip(" ?:").startswith(words().improvement_sections):
        return ""
    body = document.text[heading.start + len(heading.text) : at]
    end = document.text.find("\n\n", at)
    items = [p.strip() for p in (body + document.text[at : end if end >= 0 else None]).split("\n\n") if p.strip()]
    bullets = all(item.startswith(_LIST_ITEM) for item in items)
    numbered = all(re.match(rf"{n}\.\s", item) for n, item in enumerate(items, start=1))
    return heading.text if items and (bullets or numbered) else ""
