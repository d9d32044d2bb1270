"""PDF text extraction: pypdf against pypdfium2 (raw speed and quality), then the cleaned text of read_pdf.

Usage: python bench/bench_pdf.py PDF_FOLDER [--repeat N]
       e.g. python bench/bench_pdf.py ../shared/ofsted-reports
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_PAGE_NUMBER = re.compile(r"^(Page )?\d{1,3}( of \d{1,3})?$")
_ADDRESS = re.compile(
    r"(Piccadilly Gate|Store Street|M1 2WD|Aviation House|125 Kingsway|WC2B 6SE|Textphone|0300 ?123|"
    r"enquiries@ofsted|www\.gov\.uk/ofsted)",
    re.IGNORECASE,
)
# A word broken at a line end: "multi-\nagency" (pypdf) or pdfium's U+FFFE hyphenation mark.
_BROKEN = re.compile(r"\w(-[ \t]*\n[ \t]*[a-z]|\ufffe)")
# Two words run together without a space ("servicesInspection"), a known weakness of some extractors.
_GLUED = re.compile(r"\b[a-z]{3,}[A-Z][a-z]{2,}\b")


def raw_pypdf(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def raw_pdfium(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document]
    finally:
        document.close()


def cleaned(path: Path) -> list[str]:
    from assistant.ingest.pdf import read_pdf

    result = read_pdf(path)
    bounds = [*result.page_starts, len(result.text)]
    return [result.text[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


def quality(pages: list[str]) -> Counter:
    """Counts of lines and of the defects cleaning should remove."""
    counts: Counter = Counter()
    edges: Counter = Counter()
    for page in pages:
        lines = [line.strip() for line in page.split("\n") if line.strip()]
        counts["lines"] += len(lines)
        counts["page numbers"] += sum(bool(_PAGE_NUMBER.match(line)) for line in lines)
        counts["address lines"] += sum(bool(_ADDRESS.search(line)) for line in lines)
        edges.update({re.sub(r"\d+", "#", line) for line in lines[:2] + lines[-2:]})
        counts["broken words"] += len(_BROKEN.findall(page))
        counts["glued words"] += len(_GLUED.findall(page))
        counts["words"] += len(page.split())
    # A line at the top or bottom of at least half the pages is a running header or footer.
    threshold = max(3, len(pages) // 2)
    counts["running header lines"] = sum(n for line, n in edges.items() if n >= threshold and len(pages) >= 3)
    return counts


def measure(extract: Callable[[Path], list[str]], pdfs: list[Path], repeat: int) -> tuple[float, Counter]:
    totals: Counter = Counter()
    pages, started = 0, time.perf_counter()
    for round_number in range(repeat):
        for path in pdfs:
            extracted = extract(path)
            pages += len(extracted)
            if round_number == 0:  # quality once; the timing covers every pass
                totals.update(quality(extracted))
    return pages / (time.perf_counter() - started), totals


def word_overlap(pdfs: list[Path]) -> float:
    """Share of pdfium's word tokens that pypdf also extracts (a check that both read the same content)."""
    shared = total = 0
    for path in pdfs:
        a = Counter(re.findall(r"\w+", " ".join(raw_pdfium(path)).replace("\ufffe", " ")))
        b = Counter(re.findall(r"\w+", " ".join(raw_pypdf(path))))
        shared += sum((a & b).values())
        total += sum(a.values())
    return shared / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the folder for the timing")
    args = parser.parse_args()
    pdfs = sorted(args.folder.glob("*.pdf"))
    if not pdfs:
        sys.exit(f"no PDFs in {args.folder}")
    print(f"{len(pdfs)} PDFs, {args.repeat} passes")
    header = ("pages/s", "page no.%", "address%", "header%", "broken", "glued", "words")
    print(f"{'extractor':<24}" + "".join(f"{h:>11}" for h in header))
    for name, extract in (
        ("pypdf 7 (raw)", raw_pypdf),
        ("pypdfium2 5 (raw)", raw_pdfium),
        ("read_pdf (cleaned)", cleaned),
    ):
        rate, q = measure(extract, pdfs, args.repeat)
        lines = max(q["lines"], 1)
        row = (
            f"{rate:.0f}",
            f"{100 * q['page numbers'] / lines:.1f}",
            f"{100 * q['address lines'] / lines:.1f}",
            f"{100 * q['running header lines'] / lines:.1f}",
            str(q["broken words"]),
            str(q["glued words"]),
            str(q["words"]),
        )
        print(f"{name:<24}" + "".join(f"{cell:>11}" for cell in row))
    print(f"pypdf extracts {100 * word_overlap(pdfs):.1f}% of the word tokens pypdfium2 extracts")
    print("%: share of non-empty lines; broken: words split by a line-end hyphen; glued: words run together")


if __name__ == "__main__":
    main()
