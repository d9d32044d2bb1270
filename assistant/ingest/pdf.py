"""Clean text from Ofsted PDFs (pypdfium2): no running headers, footers, page numbers or address blocks;
words and sentences rejoined across lines and pages; paragraphs, headings, bullets and judgement tables kept."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..domain.grades import grade_pattern
from ..domain.words import alternation, words
from ..errors import UnsupportedDocument
from ..types import Heading

# Ofsted's letterhead and footer address lines, wherever they fall on a page.
_ADDRESS = re.compile(
    r"^(Ofsted|Piccadilly Gate|Store Street|(Manchester )?M1 2WD|Manchester|Aviation House|125 Kingsway|"
    r"(London )?WC2B 6SE|London|T:? ?0300 ?123 ?\d{4}|Textphone.*|\d{4}|enquiries@ofsted\.gov\.uk|"
    r"www\.gov\.uk/ofsted|www\.ofsted\.gov\.uk|Website: www\.ofsted\.gov\.uk|© Crown copyright \d{4}|Age group: All|"
    r"Aviation House 125 Kingsway London WC2B 6SE.*)$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^(Page )?\d{1,3}( of \d{1,3})?$", re.IGNORECASE)
# Bullet glyphs, including Symbol and Wingdings ones that come out as private-use characters (U+F0xx).
_BULLET = re.compile(r"^[\u25fc\u25aa\u2022\u25cf\u25a0\u2013\uf000-\uf0ff\-•]\s*")
_NUMBERED = re.compile(r"^\d{1,3}\.\s+\S")
_SENTENCE_END = re.compile(r"[.:;?!’”\")]$")
_OPEN_END = re.compile(rf"(\b({alternation(words().open_line_ends)})|&|[’']s)$", re.IGNORECASE)
# The judgement lines this module writes ("Overall effectiveness: Good"); section headings use lower case grades.
_JUDGEMENT_LINE = re.compile(rf": ({grade_pattern()})$")
_HEADINGS = re.compile(
    r"^(Headline findings|What needs to improve.*|Main findings|Overview|Findings|Areas covered by the visit|"
    r"Judgement Grade|Overall effectiveness|Information about this inspection|Information about the local authority|"
    r"Recommendations|What needs to improve in this area of social work practice\??|Areas for priority action|"
    r"The impact of leaders on social work practice with children and families.*|"
    r"The experiences and progress of .*|Evaluation of progress|Summary of findings|"
    r"(Focused|Monitoring) visit (to|of) .*|Inspection of .* children(’|')s services)$"
)
# Lines that always open a block: a section heading wrapped onto two lines, the report's date and inspector
# lines, and the signature's title line.
_BLOCK_START = re.compile(
    r"^(The impact of leaders on social work practice|The experiences and progress of (children|care leavers)|"
    r"Inspection dates?:|Lead inspector:|(Re-?inspection|Reinspection|Inspection) of (?!the\b)|Report published:|"
    r"(His|Her) Majesty(’|')s( Chief)? Inspector|Yours? (sincerely|faithfully))"
)


# A report or letter title, which may wrap over two or three lines before "children's services".
_TITLE_START = re.compile(r"^(Inspection of (?!services|looked)|(Focused|Monitoring) visit (to|of) )")


# A letter opens with its date, the addressee's name, title and address, then "Dear ...": only the date is kept
# (it is the letter's publication date); a contents page lists headings with page numbers.
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")  # a UK postcode alone on its line
FULL_LINE_CHARS = 75  # body lines of Ofsted's templates run to 85-100 characters; headings and rows are shorter
ADDRESS_LINES = 10  # an addressee's block: name, title, council, up to six address lines, postcode
_SALUTATION = re.compile(r"^Dear [A-Z][\w’'\-. ]{0,60},?$")
_DATE_LINE = re.compile(
    r"^\d{1,2}(st|nd|rd|th)? (January|February|March|April|May|June|July|August|September|October|November|"
    r"December),? \d{4,5}$"
)
_CONTENTS = re.compile(r"^(Contents|Table of contents)$", re.IGNORECASE)
_CONTENTS_ENTRY = re.compile(r"^.{2,140}?[\s.]\d{1,3}$")


def _drop_letterhead(lines: list[str]) -> list[str]:
    """Page one of a letter without the addressee's block and the salutation (the date line stays)."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    dear = next((i for i in content[:30] if _SALUTATION.match(lines[i].strip())), None)
    if dear is None:
        return lines
    kept = _drop_addressee([line if i > dear or _DATE_LINE.match(line.strip()) else "" for i, line in enumerate(lines)])
    # The date line heads the letter, even where the page's text order puts it inside the first paragraphs.
    dated = next((i for i, line in enumerate(kept) if _DATE_LINE.match(line.strip())), None)
    if dated is None or not any(line.strip() for line in kept[:dated]):
        return kept
    return [kept[dated], "", *kept[:dated], *kept[dated + 1 :]]


def _drop_addressee(lines: list[str]) -> list[str]:
    """Without the addressee's name, title and address where the page's text order puts them after the date line
    rather than before "Dear ...": short lines, none a sentence, ending in a postcode."""
    dated = next((i for i, line in enumerate(lines) if _DATE_LINE.match(line.strip())), None)
    if dated is None:
        return lines
    for end in range(dated + 1, min(len(lines), dated + 1 + ADDRESS_LINES)):
        stripped = lines[end].strip()
        if _POSTCODE.match(stripped):
            return ["" if dated < i <= end else line for i, line in enumerate(lines)]
        if len(stripped) > 80 or _SENTENCE_END.search(stripped):
            break
    return lines


def _drop_contents(lines: list[str]) -> list[str]:
    """A page without its contents list ("Contents", then headings ending in page numbers)."""
    start = next((i for i, line in enumerate(lines) if _CONTENTS.match(line.strip())), None)
    if start is None:
        return lines
    end = start
    for i in range(start + 1, min(len(lines), start + 80)):
        stripped = lines[i].strip()
        if _CONTENTS_ENTRY.match(stripped) and not _SENTENCE_END.search(stripped[:-3].rstrip()):
            end = i
        elif stripped and len(stripped) > 120:
            break
    return ["" if start <= i <= end else line for i, line in enumerate(lines)]


@dataclass(frozen=True)
class PdfText:
    """Cleaned text of a PDF, where each page starts, and its section headings."""

    text: str
    page_starts: tuple[int, ...]
    headings: tuple[Heading, ...]


def _page_lines(path: Path) -> list[list[str]]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        reason = str(error)
        if "password" in reason.lower():
            message = f"{path.name}: encrypted: the PDF needs a password; save an unlocked copy."
            raise UnsupportedDocument(message) from error
        raise UnsupportedDocument(f"{path.name}: not a valid PDF: {reason}.") from error
    pages = []
    try:
        for page in document:
            raw = page.get_textpage().get_text_range()
            # pdfium marks a hyphenation point as U+FFFE: in these reports it joins a compound ("trauma-informed").
            raw = raw.replace("\ufffe\r\n", "-").replace("\ufffe", "-").replace("\r\n", "\n").replace("\r", "\n")
            pages.append([line.rstrip("\x00") for line in raw.split("\n")])
    finally:
        document.close()
    if not any(line.strip() for lines in pages for line in lines):
        raise UnsupportedDocument(f"{path.name}: no text layer: scanned image? Run OCR on it first.")
    return pages


def _repeated_edges(pages: list[list[str]]) -> set[str]:
    """Lines found at the top or bottom of at least half the pages (running headers and footers)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [line.strip() for line in lines if line.strip()]
        edges = {re.sub(r"\d+", "#", line) for line in content[:2] + content[-2:]}
        counts.update(edges)
    return {line for line, n in counts.items() if n >= max(3, len(pages) // 2)}


def _clean_lines(lines: list[str], repeated: set[str], first_page: bool = False) -> list[str]:
    kept = []
    # The running header repeats the title, which page one must keep as its own first lines.
    titles = [i for i, line in enumerate(lines) if _TITLE_START.match(line.strip())] if first_page else []
    # ... unless page one prints the running header above its own title: then the first one is the header.
    title_lines = titles[-1:] if titles else []
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or _PAGE_NUMBER.match(stripped) or _ADDRESS.match(stripped):
            kept.append("")
            continue
        if re.sub(r"\d+", "#", stripped) in repeated and number not in title_lines:
            kept.append("")
            continue
        kept.append(line.rstrip("\n"))
    return kept


def _starts_block(line: str) -> bool:
    stripped = line.strip()
    return bool(
        _BULLET.match(stripped)
        or _NUMBERED.match(stripped)
        or _HEADINGS.match(stripped)
        or _BLOCK_START.match(stripped)
    )


def _joins(current: str, content: str, wrapped: bool) -> bool:
    """Whether `content` (a line, or the top of the next page) continues the paragraph `current`.

    pdfium keeps a trailing space on a line that wraps inside a paragraph (`wrapped`), but not always. A lower-case
    or bracketed start always continues; headings, bullets and numbered paragraphs never do; a line ending on "of",
    "and", "the", "were"... continues; a short first line (address, title, name) does not.
    """
    if _starts_block(content) or _JUDGEMENT_LINE.search(current) or current == "Judgements":
        return False
    if content[:1].islower() or content[:1] == "(":
        return True
    if _TITLE_START.match(current) and not current.endswith("services"):
        return True  # a title wrapped over lines ("Inspection of Bath and North East" / "Somerset local ...")
    if _HEADINGS.match(current) or (_SENTENCE_END.search(current) and not wrapped):
        return False
    return bool(_OPEN_END.search(current)) or ((wrapped or current.endswith(",")) and len(current) >= 50)


def _join(current: str, content: str) -> str:
    # A real hyphen at a line end is a compound ("16-" / "year-olds"); pdfium marks soft ones itself.
    return current + content if current.endswith("-") and content[:1].islower() else f"{current} {content}"


def _paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines into paragraphs; headings, bullets ("- ") and numbered paragraphs start new ones."""
    paragraphs: list[str] = []
    current, previous_raw = "", ""
    for raw in lines:
        content = raw.strip()
        if not content:
            continue
        if _BULLET.match(content):
            content = "- " + _BULLET.sub("", content)
        # A line as long as a body line that stops without a sentence's end was wrapped, trailing space or not.
        last = previous_raw.strip()
        wrapped = previous_raw.endswith(" ") or (len(last) >= FULL_LINE_CHARS and not _SENTENCE_END.search(last))
        if current and _joins(current, content, wrapped):
            current = _join(current, content)
        else:
            if current:
                paragraphs.append(current)
            current = content
        previous_raw = raw
    if current:
        paragraphs.append(current)
    return paragraphs


_AREAS = (
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care and care leavers",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
    "Overall effectiveness",
)


def _judgement_table(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Split page one at its judgement table: (lines before, "Area: Grade" rows, lines after).

    The table's cells wrap over several lines ("Requires improvement" / "to be good"), so it is parsed as one
    run of text from "Judgement Grade" to the grade after "Overall effectiveness".
    """
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("Judgement Grade")), None)
    if start is None:
        return lines, [], []
    end, block, seen_overall = start + 1, [], False
    while end < len(lines):
        content = lines[end].strip()
        if seen_overall and content and not re.match(rf"^(to be good|{grade_pattern()})", content):
            break
        if len(content) > FULL_LINE_CHARS:  # body text: a table without an "Overall effectiveness" row has ended
            break
        block.append(content)
        seen_overall = seen_overall or content.startswith("Overall effectiveness")
        end += 1
    text = " ".join(" ".join(block).split())
    grades = grade_pattern()
    rows: list[str] = []
    for area in _AREAS:
        match = re.search(rf"{re.escape(area)}\s+({grades})(?!\w)", text, flags=re.IGNORECASE)
        if match is None or any(row.startswith(area) for row in rows):
            continue
        grade = match.group(1)
        rows.append(f"{area}: {grade[0].upper()}{grade[1:].lower()}")
    # "children in care" also matches the start of "children in care and care leavers": keep the longer one.
    if any(r.startswith("The experiences and progress of children in care and care leavers") for r in rows):
        rows = [r for r in rows if not r.startswith("The experiences and progress of children in care:")]
    return lines[:start], rows, lines[end:]


# Ofsted's standard back page (what Ofsted is, alternative formats, licence, copyright): not about the council.
_BACK_MATTER = re.compile(r"^The Office for Standards in Education, Children(’|')s Services and Skills \(Ofsted\)")
# Older reports close with the licence and copyright notice instead (only looked for on the last two pages).
_LAST_PAGES_BACK_MATTER = re.compile(
    r"^(You may (copy all or parts of|reuse) this|© Crown copyright|Any complaints about)"
)


def read_pdf(path: Path, max_pages: int = 0) -> PdfText:
    """Clean text of an Ofsted PDF with page offsets and headings; UnsupportedDocument if it cannot be read
    or has more than `max_pages` pages (0: no limit), counted before any page is extracted."""
    if max_pages:
        import pypdfium2 as pdfium

        try:
            counted = pdfium.PdfDocument(str(path))
            pages_in_file = len(counted)
            counted.close()
        except pdfium.PdfiumError:
            pages_in_file = 0  # _page_lines reports why it cannot be opened
        if pages_in_file > max_pages:
            raise UnsupportedDocument(
                f"{path.name}: {pages_in_file:,} pages is over the limit of {max_pages:,} (max_document_pages)."
            )
    pages = _page_lines(path)
    repeated = _repeated_edges(pages)
    text_parts: list[str] = []
    page_starts: list[int] = []
    headings: list[Heading] = []
    offset = 0
    carry = ""  # a paragraph that runs on from the previous page
    for page_number, lines in enumerate(pages):
        cleaned = _drop_contents(_clean_lines(lines, repeated, first_page=page_number == 0))
        if page_number == 0:
            cleaned = _drop_letterhead(cleaned)
        before, rows, after = _judgement_table(cleaned) if page_number == 0 else (cleaned, [], [])
        paragraphs = _paragraphs(before) + (["Judgements", *rows] if rows else []) + _paragraphs(after)
        near_end = page_number >= len(pages) - 2
        back = next(
            (
                i
                for i, p in enumerate(paragraphs)
                if _BACK_MATTER.match(p) or (near_end and _LAST_PAGES_BACK_MATTER.match(p))
            ),
            None,
        )
        if back is not None:
            paragraphs = paragraphs[:back]
        page_start = offset
        if carry and paragraphs and _joins(carry, paragraphs[0], wrapped=False):
            joined = _join(carry, paragraphs[0])
            page_start = offset + len(joined) - len(paragraphs[0])  # the page starts inside the paragraph
            paragraphs[0] = joined
        elif carry:
            paragraphs.insert(0, carry)
            page_start = offset + len(carry) + 2
        carry = ""
        # The page's last paragraph may run on over the page break: decided when the next page is read.
        if paragraphs and back is None:
            carry = paragraphs.pop()
        page_starts.append(page_start)
        for paragraph in paragraphs:
            if (_HEADINGS.match(paragraph) and not _JUDGEMENT_LINE.search(paragraph)) or paragraph == "Judgements":
                headings.append(Heading(offset, paragraph))
            text_parts.append(paragraph)
            offset += len(paragraph) + 2
        if back is not None:
            break
    if carry:
        text_parts.append(carry)
    text = "\n\n".join(text_parts)
    # Pages with nothing kept (Ofsted's back page) start at the end of the text.
    page_starts = [min(start, len(text)) for start in page_starts]
    page_starts += [len(text)] * (len(pages) - len(page_starts))
    return PdfText(text, tuple(page_starts), tuple(headings))
