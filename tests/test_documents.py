"""Reading files: every supported format, metadata from the catalog, and a clear error for each kind of bad file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from assistant.errors import UnsupportedDocument
from assistant.ingest.documents import iter_corpus, read_document
from assistant.types import Kind

from .conftest import CORPUS

LIMIT = 10_000_000


def read(path: Path):
    return read_document(path, path.stem, {}, LIMIT)


def test_seed_corpus_has_catalog_metadata_for_every_file():
    documents = [read_document(p, d, o, LIMIT) for p, d, o in iter_corpus([CORPUS])]
    assert len(documents) == 5
    kinds = sorted(d.kind.value for d in documents)
    assert kinds == sorted(
        [
            "inspection letter",
            "council press release",
            "council press release",
            "council press release",
            "press article",
        ]
    )
    for document in documents:
        assert document.title and document.date and document.authority and document.publisher and document.summary
    letter = next(d for d in documents if d.kind is Kind.INSPECTION_LETTER)
    assert letter.date == "2017-06-13" and letter.authority == "Rotherham"
    assert {h.text for h in letter.headings} >= {"Overview", "Findings and evaluation of progress"}
    assert letter.heading_at(letter.text.index("Supervision, challenge")) == "Findings and evaluation of progress"


def test_markdown_html_and_docx(tmp_path):
    md = tmp_path / "note.md"
    md.write_text("# Care leavers\n\nPathway plans are too variable.\n", encoding="utf-8")
    document = read(md)
    assert [h.text for h in document.headings] == ["Care leavers"]
    assert document.title == "Care leavers"
    assert document.text[document.headings[0].start :].startswith("Care leavers")

    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><script>alert(1)</script><style>p{}</style></head><body><nav>Home</nav>"
        "<h1>Inspection news</h1><p>Inspectors praised the <b>Evolve</b> team.</p><ul><li>Good overall</li></ul>"
        "</body></html>",
        encoding="utf-8",
    )
    document = read(html)
    assert document.text == "Inspection news\n\nInspectors praised the Evolve team.\n\n- Good overall"
    assert "alert" not in document.text and "Home" not in document.text
    assert document.headings[0].text == "Inspection news"

    import docx

    word = docx.Document()
    word.add_heading("Briefing", level=1)
    word.add_paragraph("Supervision is not sufficiently outcome focused.")
    path = tmp_path / "briefing.docx"
    word.save(path)
    document = read(path)
    assert "Supervision is not sufficiently outcome focused." in document.text
    assert document.headings[0].text == "Briefing"


def test_windows_1252_text_is_decoded(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Inspectors’ findings on care leavers’ accommodation".encode("cp1252"))
    assert read(path).text == "Inspectors’ findings on care leavers’ accommodation"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "whitespace"),
        ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary"),
        ("notes.xyz", b"some text", "unknown format"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "pdf"),
        ("broken.docx", b"PK\x03\x04 not a zip", "docx"),
        ("undecodable.txt", b"caf\x81\x8d\x8f\x90 text", "neither UTF-8"),
    ],
)
def test_bad_files_raise_a_clear_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnsupportedDocument) as error:
        read(path)
    assert name in str(error.value)
    assert reason.lower() in str(error.value).lower()


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(UnsupportedDocument, match="limit"):
        read_document(path, "huge", {}, max_bytes=100)


def test_docx_that_is_a_zip_without_word_parts(tmp_path):
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedDocument, match="empty.docx"):
        read(path)
