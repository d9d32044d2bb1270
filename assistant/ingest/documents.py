"""Read corpus files (txt, md, html, pdf, docx) into Documents with metadata.

Document text is what every citation offset refers to, so readers only normalise line endings for plain text
and build the text once for converted formats (html, docx, pdf).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnsupportedDocument
from ..types import Document, Heading, Judgement, Kind

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
CATALOG_NAME = "catalog.json"
_IGNORED_NAMES = {CATALOG_NAME, "README.md", ".gitkeep", ".DS_Store"}
_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class RawText:
    """Text read from a file before metadata is attached."""

    text: str
    headings: tuple[Heading, ...] = ()
    page_starts: tuple[int, ...] = ()


def list_corpus_files(corpus_dirs: list[Path]) -> list[Path]:
    """Every candidate document file under the corpus folders, sorted, without the catalog and hidden files."""
    files = []
    for corpus_dir in corpus_dirs:
        if not corpus_dir.is_dir():
            raise UnsupportedDocument(f"Corpus folder {str(corpus_dir)!r} does not exist or is not a folder.")
        for path in sorted(corpus_dir.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and path.name not in _IGNORED_NAMES:
                files.append(path)
    return files


def load_catalog(corpus_dir: Path) -> dict[str, dict]:
    """The folder's catalog.json (file name -> metadata overrides), or {} when there is none."""
    path = corpus_dir / CATALOG_NAME
    if not path.exists():
        return {}
    try:
        catalog = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UnsupportedDocument(f"{path}: the catalog is not valid JSON ({error}).") from error
    return {name: entry for name, entry in catalog.items() if not name.startswith("_") and isinstance(entry, dict)}


def file_fingerprint(path: Path) -> str:
    """sha256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_text_file(path: Path, max_bytes: int) -> RawText:
    """Read any supported file into text, headings and page offsets; raise UnsupportedDocument if unreadable."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedDocument(
            f"{path.name}: unknown format {suffix or '(no extension)'!r}; accepted: {', '.join(SUPPORTED_SUFFIXES)}."
        )
    size = path.stat().st_size
    if size == 0:
        raise UnsupportedDocument(f"{path.name}: the file is empty.")
    if size > max_bytes:
        raise UnsupportedDocument(f"{path.name}: {size} bytes is over the {max_bytes}-byte limit.")
    if suffix == ".pdf":
        from .pdf import read_pdf

        pdf = read_pdf(path)
        return RawText(pdf.text, pdf.headings, pdf.page_starts)
    if suffix == ".docx":
        raw = _read_docx(path)
    elif suffix in (".html", ".htm"):
        raw = _read_html(_decode(path))
    elif suffix == ".md":
        text = _decode(path)
        raw = RawText(text, _markdown_headings(text))
    else:
        text = _decode(path)
        raw = RawText(text, _plain_headings(text))
    if not raw.text.strip():
        raise UnsupportedDocument(f"{path.name}: the file has no text.")
    return raw


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise UnsupportedDocument(f"{path.name}: looks like a binary file, not text.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnsupportedDocument(f"{path.name}: the text is neither UTF-8 nor Windows-1252.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnsupportedDocument(f"{path.name}: the file has only whitespace.")
    return text


_BULLET = re.compile(r"^\s*([-*•]|\d+[.)])\s")
# Salutations, sign-offs and web-page furniture that stand alone like headings but are not.
_NOT_HEADING = re.compile(r"^(Dear|Yours|Skip to|Published|Link to|Go to|Photo|To see)\b|\*\*", re.IGNORECASE)


def _plain_headings(text: str) -> tuple[Heading, ...]:
    """Short title-like lines standing alone between blank lines (the way letters and releases set headings)."""
    headings = []
    offset = 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        stripped = line.strip()
        before_blank = number == 0 or not lines[number - 1].strip()
        after_blank = number + 1 >= len(lines) or not lines[number + 1].strip()
        if (
            stripped
            and before_blank
            and after_blank
            and len(stripped) <= 80
            and stripped[0].isupper()
            and stripped[-1] not in '.,;:!"”’'
            and not _BULLET.match(stripped)
            and len(stripped.split()) <= 16
            and not _NOT_HEADING.search(stripped)
        ):
            headings.append(Heading(offset + line.index(stripped[0]), stripped))
        offset += len(line) + 1
    return tuple(headings)


def _markdown_headings(text: str) -> tuple[Heading, ...]:
    return tuple(
        Heading(match.start(2), match.group(2).strip())
        for match in re.finditer(r"^(#{1,6})\s+(.+)$", text, flags=re.MULTILINE)
    )


_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "blockquote", "dt", "dd", "caption")


def _read_html(html: str) -> RawText:
    """Visible text of an HTML page, one block per paragraph; scripts, styles and navigation dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "form"]):
        element.decompose()
    parts: list[str] = []
    headings: list[Heading] = []
    offset = 0
    blocks = [b for b in soup.find_all(_BLOCK_TAGS) if not b.find_parent(_BLOCK_TAGS)]
    if not blocks:
        blocks = [soup]
    for block in blocks:
        if block.name == "tr":
            cells = [cell.get_text(" ", strip=True) for cell in block.find_all(["td", "th"])]
            text = ": ".join(cell for cell in cells if cell)
        else:
            text = " ".join(block.get_text(" ", strip=True).split())
        if not text:
            continue
        if block.name == "li":
            text = "- " + text
        if block.name and re.fullmatch(r"h[1-6]", block.name):
            headings.append(Heading(offset, text))
        parts.append(text)
        offset += len(text) + 2
    return RawText("\n\n".join(parts), tuple(headings))


def _read_docx(path: Path) -> RawText:
    """Paragraphs (headings by style) and table rows of a Word document."""
    import zipfile

    try:
        import docx

        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnsupportedDocument(f"{path.name}: not a valid Word .docx file ({error}).") from error
    parts: list[str] = []
    headings: list[Heading] = []
    offset = 0

    def add(text: str, is_heading: bool = False) -> None:
        nonlocal offset
        text = text.strip()
        if not text:
            return
        if is_heading:
            headings.append(Heading(offset, text))
        parts.append(text)
        offset += len(text) + 2

    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        is_list = "List" in style
        add(("- " if is_list else "") + paragraph.text, style.startswith(("Heading", "Title")))
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell.text.strip() and cell.text.strip() not in cells:
                    cells.append(cell.text.strip())
            add(": ".join(cells))
    return RawText("\n\n".join(parts), tuple(headings))


def _guess_kind(text: str) -> Kind:
    head = text[:6000]
    if re.search(r"\b(press release|Cabinet Member|Councillor|Cllr)\b", head):
        return Kind.PRESS_RELEASE
    return Kind.OTHER


def _date_from_name(name: str) -> str:
    match = _DATE_IN_NAME.search(name)
    return "-".join(match.groups()) if match else ""


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip().lstrip("#").strip()[:120]  # a Markdown heading's marks are not its title
    return ""


def build_document(path: Path, doc_id: str, raw: RawText, overrides: dict) -> Document:
    """Attach metadata to read text: catalog overrides > metadata read from the text > fallbacks."""
    from .metadata import extract_metadata

    found = extract_metadata(raw.text, path.name)
    fields = {**{k: v for k, v in found.items() if v}, **overrides}
    judgements = tuple(
        j if isinstance(j, Judgement) else Judgement(str(j["area"]), str(j["grade"]))
        for j in fields.get("judgements", ())
    )
    try:
        kind = Kind(fields.get("kind") or _guess_kind(raw.text))
    except ValueError as error:
        accepted = ", ".join(k.value for k in Kind)
        raise UnsupportedDocument(f"{path.name}: catalog kind {fields['kind']!r} is not one of: {accepted}.") from error
    return Document(
        doc_id=doc_id,
        path=path.name,
        title=str(fields.get("title") or _first_line(raw.text) or path.stem),
        kind=kind,
        text=raw.text,
        publisher=str(fields.get("publisher", "")),
        date=str(fields.get("date") or _date_from_name(path.name)),
        authority=str(fields.get("authority", "")),
        summary=str(fields.get("summary", "")),
        visit_type=str(fields.get("visit_type", "")),
        inspection_dates=str(fields.get("inspection_dates", "")),
        lead_inspector=str(fields.get("lead_inspector", "")),
        judgements=judgements,
        headings=raw.headings,
        page_starts=raw.page_starts,
    )


def read_document(path: Path, doc_id: str, overrides: dict, max_bytes: int) -> Document:
    """Read one file into a Document; raise UnsupportedDocument naming the file and the reason."""
    try:
        raw = read_text_file(path, max_bytes)
    except UnsupportedDocument:
        raise
    except Exception as error:  # a parser failing on a malformed file must not stop the whole ingest
        raise UnsupportedDocument(f"{path.name}: could not be read ({type(error).__name__}: {error}).") from error
    return build_document(path, doc_id, raw, overrides)


def doc_id_for(path: Path, taken: set[str]) -> str:
    """A stable, unique id from the file name (the stem, lower-cased, with a suffix if two folders clash)."""
    base = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document"
    doc_id, n = base, 2
    while doc_id in taken:
        doc_id, n = f"{base}-{n}", n + 1
    taken.add(doc_id)
    return doc_id


def iter_corpus(corpus_dirs: list[Path]) -> Iterator[tuple[Path, str, dict]]:
    """(path, doc_id, catalog overrides) for each candidate file in the corpus folders."""
    taken: set[str] = set()
    for corpus_dir in corpus_dirs:
        catalog = load_catalog(corpus_dir)
        for path in list_corpus_files([corpus_dir]):
            relative = str(path.relative_to(corpus_dir))
            yield path, doc_id_for(path, taken), catalog.get(relative, catalog.get(path.name, {}))
