"""Nothing lost, nothing let in (issue 15): index integrity under fault injection, the manifest never a single point
of loss, limits on what a document expands to, corpus boundaries, uploads, output that cannot act, input hygiene.

Fast tier: tiny corpora made here and a deterministic hashing embedder, so no model is loaded.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest

from assistant.api import Assistant, build_settings, manifest_corpus_dirs
from assistant.config import Settings
from assistant.errors import IndexCorrupt, InvalidInput, UnsupportedDocument
from assistant.ingest import index as index_module
from assistant.ingest.documents import DocumentLimits, read_document
from assistant.ingest.index import build_index, load_index, unused_cache_entries
from assistant.render import answer_markdown, break_autolinks, csv_cell, inert_markdown, render_audit
from assistant.types import Answer, AuditReport, AuditRow, Citation, ClaimCheck, Verdict

PARAGRAPH = (
    "Inspectors found that {topic} in {place} had improved since the last visit. Managers check the quality of "
    "{topic} every month and staff said that the support they receive is consistent and helpful to children."
)


class HashEmbedder:
    """A deterministic bag-of-words embedder (no model): enough for the index machinery, counts its calls."""

    model_name = "all-MiniLM-L6-v2"
    batch_size = 64
    dimension = 32

    def __init__(self) -> None:
        self.embedded = 0

    def embed(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        self.embedded += len(texts)
        vectors = np.full((len(texts), self.dimension), 1e-3, dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                vectors[row, zlib.crc32(word.encode()) % self.dimension] += 1.0
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def embed_with_spans(self, texts: list[str], spans: list[list[tuple[int, int]]]) -> tuple[np.ndarray, list]:
        """The texts' vectors and no sentence vectors (zero rows: answers embed those sentences)."""
        return self.embed(texts), [np.zeros((len(found), self.dimension), dtype=np.float32) for found in spans]


def _write_document(path: Path, topic: str, place: str, paragraphs: int = 4) -> None:
    body = "\n\n".join(PARAGRAPH.format(topic=f"{topic} {n}", place=place) for n in range(paragraphs))
    path.write_text(f"Visit to {place}\n\n{body}\n", encoding="utf-8")


@pytest.fixture
def embedder(monkeypatch):
    """The hashing embedder, also used wherever the library would create the real one."""
    fake = HashEmbedder()
    monkeypatch.setattr("assistant.api.Embedder", lambda *args, **kwargs: fake)
    monkeypatch.setattr("assistant.ingest.index.Embedder", lambda *args, **kwargs: fake)
    return fake


@pytest.fixture
def two_corpora(tmp_path, embedder):
    """<tmp>/north and <tmp>/south (two documents each) indexed together into <tmp>/index."""
    north, south = tmp_path / "north", tmp_path / "south"
    north.mkdir()
    south.mkdir()
    _write_document(north / "leeds-letter.txt", "supervision", "Leeds")
    _write_document(north / "york-letter.txt", "care leavers", "York")
    _write_document(south / "devon-letter.txt", "fostering", "Devon")
    _write_document(south / "kent-letter.txt", "adoption", "Kent")
    old = time.time() - 3600  # files older than the build, so their size and mtime can be trusted
    for path in [*north.iterdir(), *south.iterdir()]:
        os.utime(path, (old, old))
    settings = Settings(corpus_dirs=(north, south), index_dir=tmp_path / "index")
    report = build_index([north, south], settings.index_dir, build_settings(settings), embedder, progress=None)
    assert report.documents == 4
    return settings


def _generation(index_dir: Path) -> Path:
    return index_dir / f"gen-{json.loads((index_dir / 'manifest.json').read_text())['generation']}"


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "deleted":
        path.unlink()
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "garbled":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + b"\x00garbage\xff" + data[middle + 10 :])
    elif how == "edited":  # subtle: same size, valid JSON where the file is JSON
        if path.name == "chunks.jsonl":
            path.write_bytes(data.replace(b"Inspectors found", b"Inspectors denied", 1))
        elif path.name == "documents.jsonl":
            path.write_bytes(b"\n".join(data.split(b"\n")[1:]))  # one line removed: still valid JSON lines
        elif path.name == "generation.json":
            record = json.loads(data)
            record["documents"] = 3
            path.write_text(json.dumps(record, ensure_ascii=False, indent=1))
        else:
            flipped = bytearray(data)
            flipped[-5] ^= 0x01
            path.write_bytes(bytes(flipped))


DAMAGE = ["deleted", "truncated", "garbled", "edited"]


@pytest.mark.parametrize("how", DAMAGE)
def test_every_index_file_damaged_is_index_corrupt_naming_it_and_rebuilt_from_caches(two_corpora, embedder, how):
    settings = two_corpora
    index_dir = settings.index_dir
    pristine = index_dir.parent / "pristine"
    shutil.copytree(index_dir, pristine)
    names = [p.relative_to(_generation(index_dir)).as_posix() for p in _generation(index_dir).rglob("*") if p.is_file()]
    assert {"vectors.faiss", "chunks.jsonl", "documents.jsonl", "generation.json"} <= set(names)
    assert any(name.startswith("bm25/") for name in names)
    for name in names:
        shutil.rmtree(index_dir)
        shutil.copytree(pristine, index_dir)
        _damage(_generation(index_dir) / name, how)
        with pytest.raises(IndexCorrupt) as caught:
            load_index(index_dir, build_settings(settings), list(settings.corpus_dirs))
        assert Path(name).name in str(caught.value), (name, how, str(caught.value))
        assert "ingest" in str(caught.value)
        # The entry points own the rebuild: from the caches, nothing embedded again, nothing lost.
        embedder.embedded = 0
        assistant = Assistant.load(index_dir, settings, build_if_needed=True, progress=lambda f, m: None)
        assert len(assistant.documents) == 4 and embedder.embedded == 0, (name, how)


def test_a_changed_chunk_text_is_never_served(two_corpora):
    settings = two_corpora
    chunks = _generation(settings.index_dir) / "chunks.jsonl"
    chunks.write_text(chunks.read_text().replace("Inspectors found", "Inspectors denied", 1))
    with pytest.raises(IndexCorrupt, match="chunks.jsonl"):
        load_index(settings.index_dir)


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_manifest_loses_no_document(two_corpora, embedder, how):
    settings = two_corpora
    index_dir = settings.index_dir
    caches = sorted(p.name for p in (index_dir / "cache").iterdir())
    manifest = index_dir / "manifest.json"
    if how == "edited":  # valid JSON that names only one of the two corpus folders
        data = json.loads(manifest.read_text())
        manifest.write_text(json.dumps(data | {"corpus_dirs": data["corpus_dirs"][:1]}))
    else:
        _damage(manifest, how)
    with pytest.raises(IndexCorrupt, match="gen-") as caught:
        load_index(index_dir)
    assert "losing none" in str(caught.value) or "recorded" in str(caught.value)
    # The folders come back from the generation's own record, not from the default corpus/.
    assert manifest_corpus_dirs(index_dir) == [d.resolve() for d in settings.corpus_dirs]
    default = Settings(index_dir=index_dir)
    embedder.embedded = 0
    assistant = Assistant.load(index_dir, default, build_if_needed=True, progress=lambda f, m: None)
    assert sorted(assistant.documents) == ["devon-letter", "kent-letter", "leeds-letter", "york-letter"]
    assert embedder.embedded == 0
    assert sorted(p.name for p in (index_dir / "cache").iterdir()) == caches


def test_cli_ingest_without_corpus_uses_the_recorded_folders(two_corpora, embedder, capsys):
    from assistant.cli import main

    index_dir = two_corpora.index_dir
    (index_dir / "manifest.json").write_text("{not json")
    assert main(["ingest", "--index", str(index_dir)]) == 0
    assert "Indexed 4 documents" in capsys.readouterr().out


def test_caches_of_files_outside_the_corpus_are_kept_until_prune(two_corpora, embedder):
    settings = two_corpora
    north, south = settings.corpus_dirs
    build = build_settings(settings)
    report = build_index([north], settings.index_dir, build, embedder, progress=None)
    assert report.documents == 2 and len(report.removed_files) == 2
    assert unused_cache_entries(settings.index_dir) == 2
    embedder.embedded = 0
    build_index([north, south], settings.index_dir, build, embedder, progress=None)
    assert embedder.embedded == 0  # the other folder came back: nothing re-embedded
    build_index([north], settings.index_dir, build, embedder, progress=None, prune=True)
    assert unused_cache_entries(settings.index_dir) == 0
    assert len(list((settings.index_dir / "cache").iterdir())) == 2


def test_a_changed_file_replaces_its_own_cache_entry(two_corpora, embedder):
    settings = two_corpora
    north, south = settings.corpus_dirs
    _write_document(north / "leeds-letter.txt", "supervision and audits", "Leeds")
    build_index([north, south], settings.index_dir, build_settings(settings), embedder, progress=None)
    assert len(list((settings.index_dir / "cache").iterdir())) == 4


def test_load_compares_size_and_mtime_before_hashing(two_corpora, monkeypatch):
    settings = two_corpora
    hashed = []
    real = index_module.file_fingerprint
    monkeypatch.setattr(index_module, "file_fingerprint", lambda path: hashed.append(path.name) or real(path))
    load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    assert hashed == []
    touched = settings.corpus_dirs[0] / "york-letter.txt"
    os.utime(touched)  # same content, new mtime: hashed once, still not stale
    load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    assert hashed == ["york-letter.txt"]


# --- Limits on what a document expands to -------------------------------------------------------------------


def _docx(path: Path, paragraphs: int = 3) -> Path:
    import docx

    document = docx.Document()
    for n in range(paragraphs):
        document.add_paragraph(f"Paragraph {n} about supervision.")
    document.save(str(path))
    return path


def _docx_bomb(path: Path, paragraphs: int) -> Path:
    """A small .docx whose body XML holds `paragraphs` paragraphs (it compresses to almost nothing)."""
    template = _docx(path.with_name("template.docx"), 1)
    body = "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * paragraphs
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode()
                start = text.index("<w:body>") + len("<w:body>")
                data = (text[:start] + body + text[start:]).encode()
            bomb.writestr(item.filename, data)
    return path


def test_a_docx_paragraph_bomb_is_refused_in_a_moment(tmp_path):
    bomb = _docx_bomb(tmp_path / "bomb.docx", 300_000)
    assert bomb.stat().st_size < 100_000
    limits = build_settings(Settings()).limits()
    started = time.perf_counter()
    with pytest.raises(UnsupportedDocument, match=r"bomb\.docx: .*max_docx_paragraphs"):
        read_document(bomb, "bomb", {}, 50 * 1024 * 1024, limits)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("limits", "setting"),
    [
        (DocumentLimits(max_docx_entries=3), "max_docx_entries"),
        (DocumentLimits(max_docx_xml_bytes=1000), "max_docx_xml_bytes"),
        (DocumentLimits(max_docx_paragraphs=10), "max_docx_paragraphs"),
    ],
)
def test_docx_limits(tmp_path, limits, setting):
    with pytest.raises(UnsupportedDocument, match=rf"report\.docx: .*{setting}"):
        read_document(_docx(tmp_path / "report.docx", 20), "report", {}, 10**8, limits)


def test_text_character_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Supervision is good. " * 500, encoding="utf-8")
    with pytest.raises(UnsupportedDocument, match=r"long\.txt: .*max_document_chars"):
        read_document(path, "long", {}, 10**8, DocumentLimits(max_chars=1000))
    assert read_document(path, "long", {}, 10**8, DocumentLimits(max_chars=100_000)).text.startswith("Supervision")


def test_pdf_page_limit_is_checked_before_extraction(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(3):
        pdf.new_page(200, 200)
    path = tmp_path / "pages.pdf"
    pdf.save(str(path))
    pdf.close()
    with pytest.raises(UnsupportedDocument, match=r"pages\.pdf: 3 pages is over the limit of 2 \(max_document_pages\)"):
        read_document(path, "pages", {}, 10**8, DocumentLimits(max_pages=2))


def test_time_budget(tmp_path):
    path = tmp_path / "slow.html"
    path.write_text("<p>Supervision is good.</p>" * 50, encoding="utf-8")
    with pytest.raises(UnsupportedDocument, match=r"slow\.html: reading took more than .*max_document_seconds"):
        read_document(path, "slow", {}, 10**8, DocumentLimits(max_seconds=1e-9))


def test_passage_limit_skips_the_document_by_name_and_indexes_the_rest(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write_document(corpus / "long-report.txt", "supervision", "Leeds", paragraphs=40)
    _write_document(corpus / "short-letter.txt", "fostering", "Devon", paragraphs=1)
    build = build_settings(Settings()).__class__(**{**vars(build_settings(Settings())), "max_document_passages": 5})
    report = build_index([corpus], tmp_path / "index", build, embedder, progress=None)
    assert report.documents == 1
    assert any(s.startswith("long-report.txt:") and "max_document_passages" in s for s in report.skipped)


# --- Corpus boundaries and uploads ----------------------------------------------------------------------------


def test_symlinks_and_files_outside_the_corpus_are_skipped_with_a_reason(tmp_path, embedder):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    _write_document(corpus / "letter.txt", "supervision", "Leeds")
    _write_document(outside / "secret.txt", "passwords", "Nowhere")
    (corpus / "passwd.txt").symlink_to(outside / "secret.txt")
    (corpus / "linked").symlink_to(outside, target_is_directory=True)
    report = build_index([corpus], tmp_path / "index", build_settings(Settings()), embedder, progress=None)
    assert report.documents == 1
    assert any(s.startswith("passwd.txt: a symbolic link") for s in report.skipped)
    assert any(s.startswith("linked/: a symbolic link") for s in report.skipped)
    assert load_index(tmp_path / "index").documents.keys() == {"letter"}


@pytest.fixture
def uploads_app(two_corpora, embedder):
    settings = two_corpora
    index = load_index(settings.index_dir, build_settings(settings), list(settings.corpus_dirs))
    return Assistant(index, settings, embedder)


@pytest.mark.parametrize("name", [".hidden.txt", "README.md", "catalog.json", "a\\b.txt", "notes.exe"])
def test_uploads_that_would_never_be_indexed_are_refused_by_name(uploads_app, tmp_path, name):
    upload = tmp_path / "uploads" / name
    upload.parent.mkdir()
    _write_document(upload, "supervision", "Leeds")
    before = sorted(p.name for p in uploads_app.settings.corpus_dirs[0].iterdir())
    with pytest.raises(UnsupportedDocument) as caught:
        uploads_app.add_files([upload])
    assert name in str(caught.value) and str(tmp_path) not in str(caught.value)
    assert sorted(p.name for p in uploads_app.settings.corpus_dirs[0].iterdir()) == before


def test_an_upload_is_indexed_under_its_stored_name_and_errors_hold_no_server_path(uploads_app, tmp_path):
    folder = tmp_path / "gradio-temp"
    folder.mkdir()
    good = folder / "hull-letter.txt"
    _write_document(good, "permanence", "Hull")
    report = uploads_app.add_files([good])
    assert "hull-letter.txt" in report.embedded_files and "hull-letter" in uploads_app.documents
    bad = folder / "broken.txt"
    bad.write_bytes(b"\x00\x01binary")
    with pytest.raises(UnsupportedDocument, match="broken.txt") as caught:
        uploads_app.add_files([bad])
    assert str(folder) not in str(caught.value)
    with pytest.raises(InvalidInput, match="hull-letter.txt: a document of that name"):
        uploads_app.add_files([good])


def test_an_upload_bomb_is_refused_without_waiting_for_the_lock(uploads_app, tmp_path):
    bomb = _docx_bomb(tmp_path / "bomb.docx", 300_000)
    done = threading.Event()
    with uploads_app._lock:  # another upload is being indexed

        def upload() -> None:
            with pytest.raises(UnsupportedDocument, match="max_docx_paragraphs"):
                uploads_app.add_files([bomb])
            done.set()

        worker = threading.Thread(target=upload)
        worker.start()
        assert done.wait(10), "the bomb waited for the lock"
        worker.join()


# --- Input hygiene ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be"])
def test_utf16_and_utf32_text_with_a_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "letter.txt"
    text = "Visit to Leeds\n\nSupervision is regular – and children’s plans are reviewed.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert read_document(path, "letter", {}, 10**6).text == text


def test_invalid_utf8_in_a_cli_argument_is_an_error_message(tmp_path, capsys):
    from assistant.cli import main

    question = b"supervision \xff in Leeds".decode("utf-8", "surrogateescape")
    assert main(["ask", question, "--index", str(tmp_path / "none")]) == 2
    error = capsys.readouterr().err
    assert "not valid UTF-8" in error and "Traceback" not in error


# --- Output that cannot act -----------------------------------------------------------------------------------

HOSTILE = "See https://evil.example/x, WWW.evil.example, a.b@evil.example and [click](javascript:alert(1)) <b>x</b>"


def test_bare_urls_and_emails_never_become_links():
    from assistant.web.views import escape_markdown

    for shown in (break_autolinks(HOSTILE), inert_markdown(HOSTILE), escape_markdown(HOSTILE)):
        lowered = shown.lower()
        assert "https://" not in lowered and "www." not in lowered and "b@" not in lowered
        assert "javascript:" not in lowered
        if shown != break_autolinks(HOSTILE):  # the others neutralise link and HTML syntax too
            assert "](" not in shown and "<b>" not in shown
        # the words themselves are all still there once the escapes are removed
        assert shown.replace("\\", "") == HOSTILE


def test_the_markdown_export_does_not_link_document_text():
    citation = Citation(1, "d", "d#0", "Report www.evil.example", "inspection letter", "2020", "Leeds", HOSTILE, 0, 10)
    markdown = answer_markdown(Answer("What?", HOSTILE + " [1]", False, [citation]))
    assert "https://" not in markdown and "<b>" not in markdown and "www.evil" not in markdown
    assert "[1]" in markdown


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    for cell in ('=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"):
        assert csv_cell(cell) == "'" + cell
    assert csv_cell("Supervision is good") == "Supervision is good" and csv_cell(3) == 3
    check = ClaimCheck("=1+2", Verdict.NOT_FOUND, "-nothing close")
    report = AuditReport(
        "d", "T", "council press release", "2020", "Leeds", [], [AuditRow(1, "=1+2", 0, 4, "@cllr", check)]
    )
    import csv
    import io

    row = next(csv.DictReader(io.StringIO(render_audit(report, "csv"))))
    assert (row["claim"], row["attributed_to"], row["explanation"]) == ("'=1+2", "'@cllr", "'-nothing close")


# --- Login throttle ---------------------------------------------------------------------------------------------


def test_wrong_passwords_are_slowed_per_client():
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from assistant.web.app import LoginThrottle

    async def login(request):
        form = await request.form()
        return JSONResponse({}, status_code=200 if form.get("password") == "right" else 400)

    now = [1000.0]
    throttle = LoginThrottle(Starlette(routes=[Route("/login", login, methods=["POST"])]), 5, 1.0, 60.0, lambda: now[0])
    client = TestClient(throttle)
    codes = [client.post("/login", data={"password": "wrong"}).status_code for _ in range(8)]
    assert codes == [400] * 5 + [429] * 3
    assert client.post("/login", data={"password": "right"}).status_code == 429  # not even checked
    now[0] += 1.1
    assert client.post("/login", data={"password": "wrong"}).status_code == 400
    assert throttle.wait("testclient") == pytest.approx(2.0)  # doubles with each failure
    now[0] += 2.1
    assert client.post("/login", data={"password": "right"}).status_code == 200
    assert throttle.wait("testclient") == 0.0
    assert throttle.wait("another-client") == 0.0
