"""The national record: metadata read from the text of every report, held against the file names, and a count
of passages made of page furniture.

Each PDF is read through the product's reader (`read_document`) under a numbered name, as Ofsted's downloads
are named, so nothing can come from the file name; the file name (AUTHORITY--KIND-DD-MONTH-YYYY.pdf) is the
truth. Every document is then cut into passages with the product's chunker and each passage is checked by
`furniture_kind` below, a detector written apart from the cleaner's own rules.

The name's date is the publication date, which an ILACS report does not print: "date" is the share equal to it,
"date consistent" the share that is a date the text states (publication, letter or last inspection day) no more
than PUBLISHED_WITHIN days before it, and "date: year" the share in the right year.

Usage: python bench/bench_national.py FOLDER [--limit N] [--show 10] [--only SUBSTRING]
       e.g. nice -n 10 python bench/bench_national.py ../shared/ofsted-national
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from datetime import date as Date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings, set_offline_environment  # noqa: E402

set_offline_environment()

from assistant.domain.authorities import canonical_authority  # noqa: E402
from assistant.errors import UnsupportedDocument  # noqa: E402
from assistant.ingest.chunking import chunk_document  # noqa: E402
from assistant.ingest.documents import read_document  # noqa: E402

MONTHS = "january february march april may june july august september october november december".split()  # noqa: SIM905
PUBLISHED_WITHIN = 120  # days from an inspection's last day to its report's publication (about 45-90 in the record)
NAME = re.compile(r"^(?P<slug>.+)--(?P<kind>[a-z-]+?)-(?P<day>\d{2})-(?P<month>[a-z]+)-(?P<year>\d{4})\.pdf$")


def truth_from_name(name: str) -> dict[str, str]:
    """Authority, kind and date from a national-record file name."""
    match = NAME.match(name)
    if match is None:
        raise ValueError(f"{name}: not AUTHORITY--KIND-DD-MONTH-YYYY.pdf")
    day, month, year = int(match["day"]), MONTHS.index(match["month"]) + 1, int(match["year"])
    letter = match["kind"] == "focused-visit"
    return {
        "authority": canonical_authority(match["slug"].replace("-", " ")),
        "kind": "inspection letter" if letter else "inspection report",
        "date": Date(year, month, day).isoformat(),
        "letter": letter,
    }


# --- Furniture detector --------------------------------------------------------------------------------------
# Written independently of assistant/ingest/pdf.py: it looks at passages as a reader would. A passage is counted
# when it is MADE OF furniture (no sentence of prose left once furniture lines are set aside), and, more strictly,
# whenever it holds any line that is never content: a letterhead or address line, a salutation, a contents entry
# or page furniture (page numbers, running headers, footnote markers).
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
_LETTERHEAD = re.compile(
    r"^(Ofsted|Piccadilly Gate|Store Street|Aviation House|125 Kingsway|Agora|6 Cumberland Place|"
    r"Royal Exchange Buildings|St Ann'?s Square)$|"
    r"^(T|Tel|Direct T|Direct F|F|Fax|Switchboard|Textphone|Mobile)\b[: ]+[\d ()+]{6,}|"
    r"^.{0,60}(0300 ?123 ?\d{4}|enquiries@ofsted|@ofsted\.gov\.uk|www\.(gov\.uk/ofsted|ofsted\.gov\.uk)).{0,40}$",
    re.IGNORECASE,
)
_SALUTATION = re.compile(r"^Dear [A-Z][\w’'\- ]{1,60},?$")
_DATE_LINE = re.compile(rf"^(\d{{1,2}}(st|nd|rd|th)? {_MONTH},? \d{{4}}|{_MONTH} \d{{4}})$")
_CONTENTS = re.compile(r"^(Contents|Table of contents)$|^.{3,120}?[ .\t]{1,}\d{1,3}$", re.IGNORECASE)
_PAGE = re.compile(r"^((Page )?\d{1,3}( of \d{1,3})?|\d{1,3} ?/ ?\d{1,3}|-+ ?\d{1,3} ?-+)$", re.IGNORECASE)
_ADDRESS_WORDS = re.compile(
    r"\b(Town Hall|Civic Cent(re|er)|County Hall|Council Offices|City Hall|Guildhall|House|Street|Road|Lane|"
    r"Square|Place|Avenue|Way|Drive|Parade|Walk|PO Box|Executive Director|Director of Children|"
    r"Corporate Director|Strategic Director|Interim Director|Chief Executive)\b"
)
# Prose: six or more words ending in sentence punctuation (a closing bracket or quote allowed).
# A judgement line ("Overall effectiveness Inadequate Grade 4") or a line of the grade key ("Outstanding (Grade 1)
# A service that ..."): content, though it has no sentence and may end in a number like a contents entry.
_GRADED = re.compile(
    r"\b(Outstanding|Good|Inadequate|Requires improvement( to be good)?|Adequate)( Grade \d)?$|\(Grade \d\)"
)
_SENTENCE = re.compile(r"(\S+\s+){5,}\S*[a-z0-9)’”'\"][.!?:;](\s|$|[)’”])", re.IGNORECASE)


def _is_address_line(line: str) -> bool:
    return (
        bool(_POSTCODE.search(line))
        and len(line) < 80
        or (
            len(line) < 60
            and not line.endswith(".")
            and bool(_ADDRESS_WORDS.search(line))
            and not re.search(r"\b(is|are|was|were|has|have)\b", line)
        )
    )


def line_kind(line: str) -> str:
    """The kind of furniture a passage line is ("" for content)."""
    line = line.strip().lstrip("- ").strip()
    if not line:
        return ""
    if _LETTERHEAD.search(line):
        return "letterhead"
    if _SALUTATION.match(line):
        return "salutation"
    if _PAGE.match(line):
        return "page furniture"
    if _DATE_LINE.match(line):
        return "date line"
    if _is_address_line(line):
        return "address"
    if _GRADED.search(line):
        return ""
    if _CONTENTS.match(line) and not _SENTENCE.search(line) and not re.search(r"(\d{4}|[a-z)’]\.\d{1,2})$", line):
        return "contents"
    return ""


# Lines that are never content: any one of them in a passage counts it.
NEVER_CONTENT = {"letterhead", "salutation", "page furniture", "address", "contents"}


def furniture_kind(passage: str) -> str:
    """Why a passage is furniture ("" when it is content)."""
    lines = [line for line in passage.split("\n") if line.strip()]
    kinds = [line_kind(line) for line in lines]
    for kind in kinds:
        if kind in NEVER_CONTENT:
            return kind
    prose = " ".join(line for line, kind in zip(lines, kinds, strict=True) if not kind)
    content = [line for line, kind in zip(lines, kinds, strict=True) if not kind]
    # A title page: short lines (titles, names, dates) and no sentence; a long line is a sentence cut by the
    # chunker, not furniture.
    judged = any(_GRADED.search(line) for line in content)  # a judgement line ("... Good") is content
    if (
        not judged
        and not _SENTENCE.search(prose)
        and all(len(line) < 120 and not line.startswith("- ") for line in content)
    ):
        return "title page" if content else (kinds[0] if kinds else "empty")
    return ""


# --- The run --------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="read only the first N files")
    parser.add_argument("--only", default="", help="only files whose name contains this")
    parser.add_argument("--show", type=int, default=10, help="misses and furniture passages to print per field")
    args = parser.parse_args()
    settings = Settings()
    pdfs = sorted(p for p in args.folder.glob("*.pdf") if args.only in p.name)
    if args.limit:
        pdfs = pdfs[: args.limit]
    right: Counter[str] = Counter()
    present: Counter[str] = Counter()
    misses: dict[str, list[str]] = {}
    furniture: Counter[str] = Counter()
    furniture_examples: list[str] = []
    refused: list[str] = []
    passages = 0
    read_seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for number, pdf in enumerate(pdfs, start=80000):
            truth = truth_from_name(pdf.name)
            numbered = Path(tmp) / f"{number}.pdf"  # as Ofsted's downloads are named: nothing in the name
            numbered.symlink_to(pdf.resolve())
            started = time.perf_counter()
            try:
                document = read_document(numbered, str(number), {}, settings.max_file_bytes)
            except UnsupportedDocument as error:
                refused.append(f"{pdf.name}: {error}")
                continue
            read_seconds += time.perf_counter() - started
            found = {
                "authority": document.authority,
                "kind": str(document.kind),
                "date": document.date,
            }
            for field in ("authority", "kind", "date"):
                if found[field] == truth[field]:
                    right[field] += 1
                else:
                    misses.setdefault(field, []).append(f"{pdf.name}: {found[field]!r} != {truth[field]!r}")
            # The name's date is the publication date; ILACS reports do not print it, so the product dates them by
            # the last inspection day. Consistent: a date the text states, on or up to PUBLISHED_WITHIN days before.
            if document.date:
                lag = (Date.fromisoformat(truth["date"]) - Date.fromisoformat(document.date)).days
                consistent = 0 <= lag <= PUBLISHED_WITHIN
                right["date consistent"] += consistent
                right["date: year"] += document.date[:4] == truth["date"][:4]
                if not consistent:
                    misses.setdefault("date consistent", []).append(f"{pdf.name}: {document.date} ({lag} days)")
            visit_ok = (
                document.visit_type == "focused visit"
                if truth["letter"]
                else document.visit_type
                not in (
                    "",
                    "focused visit",
                )
            )
            right["visit type"] += visit_ok
            if not visit_ok:
                misses.setdefault("visit type", []).append(f"{pdf.name}: {document.visit_type!r}")
            for field, value in (
                ("inspection dates", document.inspection_dates),
                ("lead inspector", document.lead_inspector),
            ):
                present[field] += bool(value)
                if not value:
                    misses.setdefault(field, []).append(pdf.name)
            if not truth["letter"] and document.visit_type in ("SIF inspection", "ILACS inspection"):
                present["full inspections"] += 1
                overall = any(j.area == "Overall effectiveness" for j in document.judgements)
                present["overall judgement"] += overall
                if not overall:
                    misses.setdefault("overall judgement", []).append(pdf.name)
            if not truth["letter"] and document.visit_type == "ILACS inspection":
                # ILACS grades three areas and overall effectiveness; from 2023, care leavers apart (four areas).
                separate = re.search(r"^The experiences and progress of care leavers\b", document.text, re.MULTILINE)
                present["ILACS inspections"] += 1
                every_area = len(document.judgements) >= (5 if separate else 4)
                present["every ILACS area"] += every_area
                if not every_area:
                    misses.setdefault("every ILACS area", []).append(f"{pdf.name}: {len(document.judgements)}")
            for chunk in chunk_document(document, settings.chunk_size, settings.chunk_overlap):
                passages += 1
                kind = furniture_kind(chunk.text)
                if kind:
                    furniture[kind] += 1
                    furniture_examples.append(f"{pdf.name} [{kind}] {chunk.text[:300]!r}")
    read = len(pdfs) - len(refused)
    print(f"{len(pdfs)} PDFs, {read} read ({read_seconds:.0f} s), {len(refused)} refused")
    for line in refused[: args.show]:
        print(f"  refused: {line}")
    print(f"{'field':<22}{'right':>8}{'of':>6}{'share':>9}")
    for field in ("authority", "date", "date consistent", "date: year", "kind", "visit type"):
        print(f"{field:<22}{right[field]:>8}{read:>6}{right[field] / max(read, 1):>9.1%}")
    for field in ("inspection dates", "lead inspector"):
        print(f"{field + ' (found)':<22}{present[field]:>8}{read:>6}{present[field] / max(read, 1):>9.1%}")
    full = present["full inspections"]
    print(
        f"{'overall judgement':<22}{present['overall judgement']:>8}{full:>6}"
        f"{present['overall judgement'] / max(full, 1):>9.1%}"
        "  (full SIF and ILACS inspections)"
    )
    ilacs = present["ILACS inspections"]
    print(
        f"{'every area judged':<22}{present['every ILACS area']:>8}{ilacs:>6}"
        f"{present['every ILACS area'] / max(ilacs, 1):>9.1%}  (ILACS inspections)"
    )
    for field, lines in misses.items():
        for line in lines[: args.show]:
            print(f"  miss {field}: {line}")
    print(f"passages: {passages}; made of furniture: {sum(furniture.values())} {dict(furniture)}")
    for line in furniture_examples[: args.show]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
