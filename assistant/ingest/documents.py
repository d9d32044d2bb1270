"""Read corpus files (txt, md, html, pdf, docx) into Documents with metadata.

Document text is what every citation offset refers to, so readers only normalise line endings for plain text
and build the text once for converted formats (html, docx, pdf).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import time
import zipfile
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
class DocumentLimits:
    """What one document may expand to once read (Settings holds the measured defaults; 0 means no limit).

    The size on disk says little: a 374 KB .docx can hold a million paragraphs and a 3 MB PDF 2,000 pages.
    """

    max_chars: int = 0  # characters of extracted text (and of an HTML page's source)
    max_pages: int = 0  # pages of a PDF
    max_passages: int = 0  # passages after chunking (checked by the callers that chunk)
    max_docx_entries: int = 0  # files inside a .docx (a zip)
    max_docx_xml_bytes: int = 0  # uncompressed bytes of the .docx's XML parts
    max_docx_paragraphs: int = 0  # <w:p> elements in the .docx body
    max_seconds: float = 0.0  # wall time to read one document, checked between stages and inside loops


class _Deadline:
    """Raises UnsupportedDocument once a document has taken longer than its time budget."""

    def __init__(self, name: str, seconds: float) -> None:
        self.name, self.seconds = name, seconds
        self.ends = time.monotonic() + seconds if seconds > 0 else float("inf")

    def check(self, stage: str) -> None:
        if time.monotonic() > self.ends:
            raise UnsupportedDocument(
                f"{self.name}: reading took more than {self.seconds:g} s (limit max_document_seconds, at {stage})."
            )


def over_limit(name: str, what: str, value: int, limit: int, setting: str) -> UnsupportedDocument:
    """The error for a document over one of its limits, naming the file, the limit and the setting."""
    return UnsupportedDocument(f"{name}: {value:,} {what} is over the limit of {limit:,} ({setting}).")


@dataclass(frozen=True)
class RawText:
    """Text read from a file before metadata is attached."""

    text: str
    headings: tuple[Heading, ...] = ()
    page_starts: tuple[int, ...] = ()


def is_ignored_name(name: str) -> bool:
    """True for names the corpus never indexes: hidden files, the catalog, README.md."""
    return name.startswith(".") or name in _IGNORED_NAMES


def upload_name(name: str) -> str:
    """`name` if a file may be stored under it in a corpus folder and indexed; UnsupportedDocument otherwise."""
    shown = name.encode("unicode_escape").decode("ascii") if not name.isprintable() else name
    if not name or not name.isprintable() or "/" in name or "\\" in name or name in (".", ".."):
        raise UnsupportedDocument(
            f"{shown}: a file name with slashes, backslashes or control characters is not accepted; rename it."
        )
    if is_ignored_name(name):
        raise UnsupportedDocument(
            f"{name}: names starting with a dot, README.md and {CATALOG_NAME} are never indexed; rename the file."
        )
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        suffix = Path(name).suffix or "(no extension)"
        raise UnsupportedDocument(f"{name}: unknown format {suffix!r}; accepted: {', '.join(SUPPORTED_SUFFIXES)}.")
    return name


def list_corpus_files(corpus_dirs: list[Path], refused: list[str] | None = None) -> list[Path]:
    """Every candidate document file under the corpus folders, sorted, without the catalog and hidden files.

    Symbolic links and anything resolving outside its corpus folder are skipped (a link to /etc/passwd must not
    become searchable); each gets a reason in `refused` when a list is given.
    """
    files = []
    for corpus_dir in corpus_dirs:
        if not corpus_dir.is_dir():
            raise UnsupportedDocument(f"Corpus folder {str(corpus_dir)!r} does not exist or is not a folder.")
        root = corpus_dir.resolve()
        found = []
        for folder, subfolders, names in os.walk(corpus_dir, followlinks=False):
            for name in list(subfolders):
                if os.path.islink(os.path.join(folder, name)):
                    subfolders.remove(name)
                    if refused is not None:
                        refused.append(f"{name}/: a symbolic link to a folder; not followed.")
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            found += [Path(folder) / name for name in names if not is_ignored_name(name)]
        for path in sorted(found):
            if path.is_symlink():
                reason = "a symbolic link; link targets are not indexed (copy the file into the folder instead)"
            elif not path.resolve().is_relative_to(root):
                reason = "resolves outside its corpus folder"
            elif not path.is_file():
                reason = "not a regular file"
            else:
                files.append(path)
                continue
            if refused is not None:
                refused.append(f"{path.name}: {reason}.")
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


def read_text_file(path: Path, max_bytes: int, limits: DocumentLimits | None = None) -> RawText:
    """Read any supported file into text, headings and page offsets; raise UnsupportedDocument if unreadable
    or over one of `limits`."""
    limits = limits or DocumentLimits()
    deadline = _Deadline(path.name, limits.max_seconds)
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

        pdf = read_pdf(path, max_pages=limits.max_pages)
        raw = RawText(pdf.text, pdf.headings, pdf.page_starts)
    elif suffix == ".docx":
        _check_docx_parts(path, limits)
        deadline.check("opening the Word file")
        raw = _read_docx(path, deadline)
    else:
        text = _decode(path)
        if limits.max_chars and len(text) > limits.max_chars:
            raise over_limit(path.name, "characters", len(text), limits.max_chars, "max_document_chars")
        deadline.check("decoding")
        if suffix in (".html", ".htm"):
            raw = _read_html(text, deadline)
        elif suffix == ".md":
            raw = RawText(text, _markdown_headings(text))
        else:
            raw = RawText(text, _plain_headings(text))
    if limits.max_chars and len(raw.text) > limits.max_chars:
        raise over_limit(path.name, "characters of text", len(raw.text), limits.max_chars, "max_document_chars")
    deadline.check("extracting the text")
    if not raw.text.strip():
        raise UnsupportedDocument(f"{path.name}: the file has no text.")
    return raw


_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _check_docx_parts(path: Path, limits: DocumentLimits) -> None:
    """Refuse a .docx whose zip holds too many parts, too much XML or too many paragraphs, before parsing it.

    The paragraph count streams the body XML, so a million-paragraph bomb costs a scan, not a parse.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if limits.max_docx_entries and len(parts) > limits.max_docx_entries:
                raise over_limit(
                    path.name, "parts in the .docx", len(parts), limits.max_docx_entries, "max_docx_entries"
                )
            xml_bytes = sum(p.file_size for p in parts if p.filename.endswith((".xml", ".rels")))
            if limits.max_docx_xml_bytes and xml_bytes > limits.max_docx_xml_bytes:
                raise over_limit(
                    path.name, "bytes of XML in the .docx", xml_bytes, limits.max_docx_xml_bytes, "max_docx_xml_bytes"
                )
            if limits.max_docx_paragraphs and "word/document.xml" in archive.namelist():
                count, tail = 0, b""
                with archive.open("word/document.xml") as body:
                    for block in iter(lambda: body.read(1 << 20), b""):
                        window = tail + block
                        count += len(re.findall(rb"<w:p[ >/]", window)) - len(re.findall(rb"<w:p[ >/]", tail))
                        tail = window[-8:]
                        if count > limits.max_docx_paragraphs:
                            raise over_limit(
                                path.name,
                                "or more paragraphs",
                                count,
                                limits.max_docx_paragraphs,
                                "max_docx_paragraphs",
                            )
    except zipfile.BadZipFile as error:
        raise UnsupportedDocument(f"{path.name}: not a valid Word .docx file ({error}).") from error


def _decode(path: Path) -> str:
    data = path.read_bytes()
    bom = next((encoding for mark, encoding in _BOMS if data.startswith(mark)), None)
    if bom:  # UTF-16/32 text holds NUL bytes, so its byte-order mark decides before the binary test
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as error:
            raise UnsupportedDocument(f"{path.name}: starts with a {bom.upper()} mark but is not {bom}.") from error
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise UnsupportedDocument(f"{path.name}: the file has only whitespace.")
        return text
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


# names, not words
_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "blockquote", "dt", "dd", "caption")


def _read_html(html: str, deadline: _Deadline | None = None) -> RawText:
    """Visible text of an HTML page, one block per paragraph; scripts, styles and navigation dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    # names, not words
    for element in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "form"]):
        element.decompose()
    parts: list[str] = []
    headings: list[Heading] = []
    offset = 0
    blocks = [b for b in soup.find_all(_BLOCK_TAGS) if not b.find_parent(_BLOCK_TAGS)]
    if not blocks:
        blocks = [soup]
    for number, block in enumerate(blocks):
        if deadline and number % 1000 == 0:
            deadline.check(f"HTML block {number}")
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


def _read_docx(path: Path, deadline: _Deadline | None = None) -> RawText:
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

    for number, paragraph in enumerate(document.paragraphs):
        if deadline and number % 1000 == 0:
            deadline.check(f"paragraph {number}")
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        is_list = "List" in style
        add(("- " if is_list else "") + paragraph.text, style.startswith(("Heading", "Title")))
    for table in document.tables:
        if deadline:
            deadline.check("tables")
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


def read_document(
    path: Path, doc_id: str, overrides: dict, max_bytes: int, limits: DocumentLimits | None = None
) -> Document:
    """Read one file into a Document; raise UnsupportedDocument naming the file and the reason (or the limit)."""
    try:
        raw = read_text_file(path, max_bytes, limits)
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


def iter_corpus(corpus_dirs: list[Path], refused: list[str] | None = None) -> Iterator[tuple[Path, str, dict]]:
    """(path, doc_id, catalog overrides) for each candidate file in the corpus folders (see list_corpus_files)."""
    taken: set[str] = set()
    for corpus_dir in corpus_dirs:
        catalog = load_catalog(corpus_dir)
        for path in list_corpus_files([corpus_dir], refused):
            relative = str(path.relative_to(corpus_dir))
            yield path, doc_id_for(path, taken), catalog.get(relative, catalog.get(path.name, {}))
