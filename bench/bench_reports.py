"""Real Ofsted PDFs end to end: extraction speed and quality (pypdfium2, as used, against pypdf), embedding
speed, then the index scale table (flat against approximate at 10k, 100k and 1M passages) in the same run.

Usage: python bench/bench_reports.py PDF_FOLDER [--sizes 10000 100000 1000000] [--no-scale]
       e.g. python bench/bench_reports.py ../shared/ofsted-reports
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_FURNITURE = re.compile(r"^(\d{1,3}|Piccadilly Gate|Store Street|M1 2WD|Textphone.*|www\.gov\.uk/ofsted)$")


def quality(text: str) -> dict[str, int]:
    """Crude quality counts: page-furniture lines left in, words broken by a line-end hyphen, lines that end
    mid-sentence (a paragraph broken into lines)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return {
        "furniture lines": sum(bool(_FURNITURE.match(line)) for line in lines),
        "broken words": len(re.findall(r"\w[-\ufffe]\s*\n\s*[a-z]", text)),
        "mid-sentence line ends": sum(not re.search(r"[.:;?!’”)]$", line) and len(line) > 60 for line in lines),
    }


def raw_pdfium(path: Path) -> tuple[str, int]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    pages = len(document)
    document.close()
    return text.replace("\r\n", "\n"), pages


def raw_pypdf(path: Path) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages), len(reader.pages)


def cleaned(path: Path) -> tuple[str, int]:
    from assistant.ingest.pdf import read_pdf

    result = read_pdf(path)
    return result.text, len(result.page_starts)


def compare_extractors(pdfs: list[Path]) -> None:
    print(f"{len(pdfs)} PDFs")
    print(f"{'extractor':<28}{'pages/s':>10}{'furniture':>12}{'broken words':>14}{'mid-sentence ends':>19}")
    for name, extract in (
        ("pypdf (raw)", raw_pypdf),
        ("pypdfium2 (raw)", raw_pdfium),
        ("pypdfium2 + cleaning", cleaned),
    ):
        started, pages, totals = (
            time.perf_counter(),
            0,
            {"furniture lines": 0, "broken words": 0, "mid-sentence line ends": 0},
        )
        for path in pdfs:
            text, count = extract(path)
            pages += count
            for key, value in quality(text).items():
                totals[key] += value
        rate = pages / (time.perf_counter() - started)
        print(
            f"{name:<28}{rate:>10.0f}{totals['furniture lines']:>12}{totals['broken words']:>14}"
            f"{totals['mid-sentence line ends']:>19}"
        )


def embed_rate(folder: Path) -> Path:
    from assistant.api import build_settings
    from assistant.config import Settings, set_offline_environment
    from assistant.ingest.index import build_index

    set_offline_environment()
    index_dir = Path(tempfile.mkdtemp()) / "index"
    settings = Settings(corpus_dirs=(folder,), index_dir=index_dir)
    started = time.perf_counter()
    report = build_index([folder], index_dir, build_settings(settings), progress=None)
    seconds = time.perf_counter() - started
    print(
        f"ingest: {report.documents} documents, {report.chunks} passages in {seconds:.1f} s "
        f"({report.chunks / seconds:.1f} passages/s including extraction and chunking)"
    )
    return index_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-scale", action="store_true")
    args = parser.parse_args()
    pdfs = sorted(args.folder.glob("*.pdf"))
    compare_extractors(pdfs)
    index_dir = embed_rate(args.folder)
    if not args.no_scale:
        import bench_scale

        sys.argv = ["bench_scale.py", str(index_dir), "--sizes", *map(str, args.sizes)]
        bench_scale.main()


if __name__ == "__main__":
    main()
