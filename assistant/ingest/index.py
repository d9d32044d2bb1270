"""Build, update, save and load the FAISS index, chunk store and manifest, with atomic writes.

Layout of an index folder:
    manifest.json      what was built, from which files, with which model and settings; names the generation
    gen-<id>/          one complete build: vectors.faiss, chunks.jsonl, documents.jsonl, bm25/,
                       sentence_rows.npy and sentence_vectors.npy (each passage's sentences, vectors.py),
                       words.json and word_vectors.npy (the passages' words compared by meaning), and
                       generation.json: the same record as the manifest (corpus folders, model, settings, files)
                       with the size and checksum of every file of the generation
    cache/<key>.npz    per-file chunks, vectors and sentences, keyed by file content + metadata + settings
    words/<model key>.npz  every word vector computed so far with that model (words.json's vectors come from it)

A build writes a new generation folder, then replaces manifest.json in one `os.replace`, then removes the old
generation. A crash or Ctrl-C at any point leaves the previous manifest pointing at a complete generation.
The per-file cache makes re-ingest incremental (only new or changed files are embedded) and resumable.

Nothing is lost with the manifest: its record is kept in the generation too, so a damaged or missing manifest is
`IndexCorrupt` naming the generation that can be restored, and `build_index` rebuilds from that generation's
corpus folders and the caches. Cache entries of files no longer in the corpus are kept until `prune=True`
(`ingest --prune`). Every file of a generation is checked against its recorded size and checksum at load.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ..errors import IndexCorrupt, IndexMismatch, IndexMissing, IndexStale, UnsupportedDocument
from ..text import template_sentences
from ..types import Chunk, Document, Heading, IngestReport, Judgement, Kind
from .chunking import chunk_document
from .documents import DocumentLimits, file_fingerprint, iter_corpus, over_limit, read_document
from .embedding import Embedder
from .vectors import SentenceStore, WordTable, corpus_words, embed_chunks, embedding_text, word_vectors

# 2: generation.json and checksums of every generation file (format 1 indexes are rebuilt from their caches).
FORMAT_VERSION = 2
# Bump when document reading or chunking changes, so caches built by older code are not reused.
# 7: each passage's sentences and their pooled vectors are stored with it.
# 8: ILACS judgements the summary table lost are read from the section headings (document metadata).
PIPELINE_VERSION = "8"
MANIFEST = "manifest.json"
RECORD = "generation.json"
# Files up to this size are hashed whole at load (sha256 runs at about 1 GB/s here, and these files are read
# whole anyway); a larger one (vectors.faiss beyond about 170k passages) by its size and 64 sampled blocks.
WHOLE_HASH_LIMIT = 256 * 1024 * 1024
SAMPLE_BLOCKS = 64
SAMPLE_BLOCK = 64 * 1024
# A corpus file is taken as unchanged when its size and mtime equal the recorded ones, unless its mtime is this
# close to the time of the scan that recorded them (a write within the clock's resolution could hide).
RACY_NS = 2_000_000_000
# Exact search is fast enough below this many passages (about 30 ms a query at 200k); above it an IVF index
# is built: at 1M passages it kept recall@10 at 1.00 with 0.6 ms queries where HNSW (M=32, efSearch=128)
# reached only 0.87 (bench/bench_scale.py, README).
FLAT_LIMIT = 200_000
IVF_PROBES = 16
IVF_TRAINING_PER_LIST = 40

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class BuildSettings:
    """The settings an index depends on; a mismatch with the current settings means rebuild."""

    model: str
    chunk_size: int
    chunk_overlap: int
    max_file_bytes: int = 50 * 1024 * 1024
    embed_batch_size: int = 2
    # Limits on what one document expands to (0: none); Settings holds the measured defaults.
    max_document_chars: int = 0
    max_document_pages: int = 0
    max_document_passages: int = 0
    max_docx_entries: int = 0
    max_docx_xml_bytes: int = 0
    max_docx_paragraphs: int = 0
    max_document_seconds: float = 0.0

    def limits(self) -> DocumentLimits:
        """The document limits of these settings."""
        return DocumentLimits(
            max_chars=self.max_document_chars,
            max_pages=self.max_document_pages,
            max_passages=self.max_document_passages,
            max_docx_entries=self.max_docx_entries,
            max_docx_xml_bytes=self.max_docx_xml_bytes,
            max_docx_paragraphs=self.max_docx_paragraphs,
            max_seconds=self.max_document_seconds,
        )


@dataclass
class LoadedIndex:
    """Everything a search needs, loaded from one generation."""

    manifest: dict
    faiss_index: object
    chunks: list[Chunk]
    documents: dict[str, Document]
    bm25: object
    index_dir: Path
    sentences: SentenceStore | None = None
    words: WordTable | None = None

    @cached_property
    def template_sentences(self) -> frozenset[str]:
        """Sentences (`sentence_key`) that stand word for word in many of the documents: a template's text."""
        return template_sentences([d.text for d in self.documents.values()])

    @cached_property
    def doc_rows(self) -> dict[str, list[int]]:
        """doc_id -> the rows of its chunks in `chunks`, in document order."""
        rows: dict[str, list[int]] = {}
        for row, chunk in enumerate(self.chunks):
            rows.setdefault(chunk.doc_id, []).append(row)
        return rows


def _write_json_atomic(path: Path, data: object) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _cache_key(fingerprint: str, overrides: dict, build: BuildSettings) -> str:
    material = json.dumps(
        [fingerprint, overrides, build.model, build.chunk_size, build.chunk_overlap, PIPELINE_VERSION],
        sort_keys=True,
    )
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def _document_to_json(document: Document) -> dict:
    return asdict(document)


def _document_from_json(data: dict) -> Document:
    return Document(
        # names, not words
        **{
            **data,
            "kind": Kind(data["kind"]),
            "judgements": tuple(Judgement(**j) for j in data.get("judgements", ())),
            "headings": tuple(Heading(**h) for h in data.get("headings", ())),
            "page_starts": tuple(data.get("page_starts", ())),
        }
    )


def _save_cache(
    path: Path, document: Document, chunks: list[Chunk], vectors: np.ndarray, sentences: tuple[np.ndarray, np.ndarray]
) -> None:
    meta = json.dumps({"document": _document_to_json(document), "chunks": [asdict(c) for c in chunks]})
    temporary = path.with_name(f".{path.stem}.{uuid.uuid4().hex}.tmp.npz")
    rows, sentence_vectors = sentences
    np.savez(
        temporary,
        vectors=vectors,
        meta=np.frombuffer(meta.encode(), dtype=np.uint8),
        sentence_rows=rows,
        sentence_vectors=sentence_vectors,
    )
    os.replace(temporary, path)


def _load_cache(path: Path) -> tuple[Document, list[Chunk], np.ndarray] | None:
    try:
        with np.load(path) as data:
            meta = json.loads(data["meta"].tobytes().decode())
            vectors = data["vectors"].astype(np.float32)
            if "sentence_rows" not in data:  # written by older code: rebuilt
                return None
        return _document_from_json(meta["document"]), [Chunk(**c) for c in meta["chunks"]], vectors
    except Exception:  # a damaged cache entry is simply rebuilt
        return None


def cached_document(index_dir: Path, cache_name: str) -> tuple[Document, list[Chunk], np.ndarray]:
    """A document's chunks and vectors from the cache entry its index record names; IndexCorrupt if it is gone."""
    cached = _load_cache(index_dir / "cache" / cache_name)
    if cached is None:
        raise IndexCorrupt(
            f"Cache entry {index_dir / 'cache' / cache_name} is missing or damaged; {_rebuild_hint(index_dir)}"
        )
    return cached


def _relative(path: Path, base: Path) -> str:
    try:
        return os.path.relpath(path.resolve(), base.resolve())
    except ValueError:  # another drive on Windows
        return str(path.resolve())


class _Fingerprints:
    """sha256 of corpus files, taken from a previous record when size and mtime are unchanged (no hashing)."""

    def __init__(self, record: dict | None = None) -> None:
        record = record or {}
        self.known = dict(record.get("skipped", {})) | {
            relative: entry.get("fingerprint") for relative, entry in record.get("files", {}).items()
        }
        self.stats = record.get("stats", {})
        self.trusted_before = int(record.get("scanned_ns", 0)) - RACY_NS
        self.seen: dict[str, list[int]] = {}
        self.hashed = 0  # files actually read and hashed (tests and the README measure this)

    def __call__(self, path: Path, relative: str) -> str:
        stat = path.stat()
        self.seen[relative] = [stat.st_size, stat.st_mtime_ns]
        known = self.known.get(relative)
        if known and self.stats.get(relative) == self.seen[relative] and stat.st_mtime_ns < self.trusted_before:
            return known
        self.hashed += 1
        return file_fingerprint(path)


def corpus_fingerprints(corpus_dirs: list[Path], index_dir: Path, record: dict | None = None) -> dict[str, str]:
    """{file path relative to the index's parent: sha256} plus {"catalog:<folder>": sha256 of its catalog}.

    With the `record` of a build, files whose size and mtime it recorded are not read again.
    """
    fingerprint = _Fingerprints(record)
    result = {}
    for path, _, _ in iter_corpus(corpus_dirs):
        relative = _relative(path, index_dir.parent)
        result[relative] = fingerprint(path, relative)
    return result | _catalog_fingerprints(corpus_dirs, index_dir)


def _catalog_fingerprints(corpus_dirs: list[Path], index_dir: Path) -> dict[str, str]:
    from .documents import load_catalog

    return {
        f"catalog:{_relative(d, index_dir.parent)}": hashlib.sha256(
            json.dumps(load_catalog(d), sort_keys=True).encode()
        ).hexdigest()
        for d in corpus_dirs
    }


def ivf_lists(total: int) -> int:
    """Number of IVF lists for `total` passages (4 * sqrt(n), the rule the benchmark measured)."""
    return max(1, int(4 * total**0.5))


def _new_faiss_index(dimension: int, total: int, cache_paths: list[Path]):
    """A flat index, or for large corpora an IVF index trained on a sample streamed from the per-file caches."""
    import faiss

    if total <= FLAT_LIMIT:
        return faiss.IndexFlatIP(dimension), "flat"
    lists = ivf_lists(total)
    keep = min(1.0, IVF_TRAINING_PER_LIST * lists / total)
    rng = np.random.default_rng(0)
    sample = []
    for path in cache_paths:
        with np.load(path) as data:
            vectors = data["vectors"]
            sample.append(vectors[rng.random(len(vectors)) < keep])
    index = faiss.index_factory(dimension, f"IVF{lists},Flat", faiss.METRIC_INNER_PRODUCT)
    index.train(np.ascontiguousarray(np.concatenate(sample), dtype=np.float32))
    index.nprobe = IVF_PROBES
    return index, "ivf"


def _print_progress(fraction: float, message: str) -> None:
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)


def build_index(
    corpus_dirs: list[Path],
    index_dir: Path,
    build: BuildSettings,
    embedder: Embedder | None = None,
    progress: Progress | None = _print_progress,
    prune: bool = False,
) -> IngestReport:
    """Build or update the index in `index_dir` from the corpus folders; only new or changed files are embedded.

    Cache entries of files no longer in the corpus are kept (another corpus folder may come back) unless `prune`.
    """
    started = time.perf_counter()
    scanned_ns = time.time_ns()
    progress = progress or (lambda fraction, message: None)
    index_dir.mkdir(parents=True, exist_ok=True)
    cache_dir = index_dir / "cache"
    cache_dir.mkdir(exist_ok=True)
    # The last build's record: the manifest, or when it is damaged the newest generation's own copy.
    previous = recorded_build(index_dir) or {}
    previous_files = set(previous.get("files", {}))
    embedder = embedder or Embedder(build.model, build.embed_batch_size)
    limits = build.limits()
    fingerprints = _Fingerprints(previous)

    refused: list[str] = []
    candidates = list(iter_corpus(corpus_dirs, refused))
    entries: list[tuple[str, Path, str]] = []  # (relative path, cache path, fingerprint)
    embedded, reused, skipped = [], [], list(refused)
    skipped_fingerprints: dict[str, str] = {}
    for number, (path, doc_id, overrides) in enumerate(candidates, start=1):
        relative = _relative(path, index_dir.parent)
        try:
            fingerprint = fingerprints(path, relative)
        except OSError as error:
            skipped.append(f"{path.name}: cannot be read ({error.strerror or error})")
            continue
        cache_path = cache_dir / f"{_cache_key(fingerprint, overrides, build)}.npz"
        cached = _load_cache(cache_path) if cache_path.exists() else None
        if cached is not None and cached[0].doc_id == doc_id:
            reused.append(path.name)
        else:
            try:
                document = read_document(path, doc_id, overrides, build.max_file_bytes, limits)
                chunks = chunk_document(document, build.chunk_size, build.chunk_overlap)
                if limits.max_passages and len(chunks) > limits.max_passages:
                    raise over_limit(path.name, "passages", len(chunks), limits.max_passages, "max_document_passages")
            except UnsupportedDocument as error:
                skipped.append(str(error))
                skipped_fingerprints[relative] = fingerprint
                progress(number / len(candidates), f"skipped {error}")
                continue
            if not chunks:
                skipped.append(f"{path.name}: no text to index")
                skipped_fingerprints[relative] = fingerprint
                continue
            vectors, sentence_rows, sentence_vectors = embed_chunks(embedder, document, chunks)
            _save_cache(cache_path, document, chunks, vectors, (sentence_rows, sentence_vectors))
            embedded.append(path.name)
        entries.append((relative, cache_path, fingerprint))
        progress(number / max(len(candidates), 1) * 0.9, f"{path.name}")

    report_removed = sorted(previous_files - {relative for relative, _, _ in entries})
    skipped_fingerprints |= _catalog_fingerprints(corpus_dirs, index_dir)
    extra = {"stats": fingerprints.seen, "scanned_ns": scanned_ns}
    generation = _assemble(index_dir, entries, build, embedder, corpus_dirs, skipped_fingerprints, extra)
    progress(1.0, f"index ready: {generation['documents']} documents, {generation['chunks']} passages")
    current = {relative: path.name for relative, path, _ in entries}
    # An older cache entry of a file still in the corpus is replaced by the new one; entries of files that left
    # the corpus stay until an explicit prune (a damaged manifest or a forgotten --corpus must not cost them).
    superseded = {
        entry.get("cache")
        for relative, entry in previous.get("files", {}).items()
        if relative in current and entry.get("cache") != current[relative]
    }
    _prune(index_dir, generation["generation"], set(current.values()), superseded, prune)
    return IngestReport(
        documents=generation["documents"],
        chunks=generation["chunks"],
        embedded_files=embedded,
        reused_files=reused,
        removed_files=report_removed,
        skipped=skipped,
        seconds=round(time.perf_counter() - started, 3),
    )


def _assemble(
    index_dir: Path,
    entries: list[tuple[str, Path, str]],
    build: BuildSettings,
    embedder: Embedder,
    corpus_dirs: list[Path],
    skipped: dict[str, str],
    extra: dict | None = None,
) -> dict:
    """Write a complete new generation from the per-file caches, then switch the manifest to it."""
    import bm25s
    import faiss

    from ..text import tokenize_for_bm25

    generation_id = f"{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
    generation_dir = index_dir / f"gen-{generation_id}"
    generation_dir.mkdir()
    dimension = embedder.dimension
    totals, sentence_total = [], 0
    for _, cache_path, _ in entries:
        with np.load(cache_path) as data:
            totals.append(int(data["vectors"].shape[0]))
            sentence_total += int(data["sentence_rows"].shape[0])
    faiss_index, index_type = _new_faiss_index(dimension, sum(totals), [path for _, path, _ in entries])
    # Written in place, one document at a time, so that memory stays bounded on a large corpus.
    sentence_rows = np.lib.format.open_memmap(
        generation_dir / "sentence_rows.npy", mode="w+", dtype=np.int32, shape=(sentence_total, 4)
    )
    sentence_vectors = np.lib.format.open_memmap(
        generation_dir / "sentence_vectors.npy", mode="w+", dtype=np.float16, shape=(sentence_total, dimension)
    )
    sentences_written = 0
    texts: list[str] = []
    files: dict[str, dict] = {}
    with (
        (generation_dir / "chunks.jsonl").open("w", encoding="utf-8") as chunk_out,
        (generation_dir / "documents.jsonl").open("w", encoding="utf-8") as doc_out,
    ):
        for relative, cache_path, fingerprint in entries:
            cached = _load_cache(cache_path)
            if cached is None:
                raise IndexCorrupt(
                    f"Cache entry {cache_path} vanished or is damaged during the build; run ingest again."
                )
            document, chunks, vectors = cached
            if vectors.shape[1] != dimension:
                raise IndexMismatch(
                    f"Cached vectors for {relative} have dimension {vectors.shape[1]}, not {dimension}."
                )
            faiss_index.add(vectors)
            with np.load(cache_path) as data:
                rows, pooled = data["sentence_rows"], data["sentence_vectors"]
            end = sentences_written + len(rows)
            sentence_rows[sentences_written:end] = rows + np.array([len(texts), 0, 0, 0], dtype=np.int32)
            sentence_vectors[sentences_written:end] = pooled
            sentences_written = end
            for chunk in chunks:
                chunk_out.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
                texts.append(embedding_text(document, chunk))
            doc_out.write(json.dumps(_document_to_json(document), ensure_ascii=False) + "\n")
            # names, not words
            files[relative] = {
                "fingerprint": fingerprint,
                "doc_id": document.doc_id,
                "chunks": len(chunks),
                "cache": cache_path.name,
            }
    sentence_rows.flush()
    sentence_vectors.flush()
    del sentence_rows, sentence_vectors
    if index_type == "ivf":
        faiss_index.make_direct_map()  # lexical-only candidates need their stored vectors back for a dense score
    faiss.write_index(faiss_index, str(generation_dir / "vectors.faiss"))
    words = corpus_words(texts)
    model_key = hashlib.sha256(build.model.encode()).hexdigest()[:16]
    (index_dir / "words").mkdir(exist_ok=True)
    vectors_of_words = word_vectors(embedder, words, index_dir / "words" / f"{model_key}.npz")
    _write_json_atomic(generation_dir / "words.json", words)
    np.save(generation_dir / "word_vectors.npy", vectors_of_words)
    retriever = bm25s.BM25()
    if texts:
        retriever.index(tokenize_for_bm25(texts), show_progress=False)
    retriever.save(str(generation_dir / "bm25"), show_progress=False)
    # names, not words
    record = {
        "format": FORMAT_VERSION,
        "pipeline": PIPELINE_VERSION,
        "generation": generation_id,
        "model": build.model,
        "dimension": dimension,
        "chunk_size": build.chunk_size,
        "chunk_overlap": build.chunk_overlap,
        "index_type": index_type,
        "documents": len(files),
        "chunks": len(texts),
        "corpus_dirs": [_relative(d, index_dir.parent) for d in corpus_dirs],
        "files": files,
        # Unreadable files and catalogs are fingerprinted too, so an unchanged corpus never looks stale.
        "skipped": skipped,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
        **(extra or {}),
        "integrity": _integrity(generation_dir),
    }
    # The generation keeps its own record, so the manifest is never the only place it is written down.
    _write_json_atomic(generation_dir / RECORD, record)
    record_bytes = (generation_dir / RECORD).read_bytes()
    manifest = record | {"record": {"size": len(record_bytes), "sha256": hashlib.sha256(record_bytes).hexdigest()}}
    _write_json_atomic(index_dir / MANIFEST, manifest)
    return manifest


def _file_digest(path: Path, size: int) -> str:
    """sha256 of the file, or for one over WHOLE_HASH_LIMIT of its size and SAMPLE_BLOCKS evenly spaced blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        if size <= WHOLE_HASH_LIMIT:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        else:
            digest.update(str(size).encode())
            for n in range(SAMPLE_BLOCKS):
                handle.seek((size - SAMPLE_BLOCK) * n // (SAMPLE_BLOCKS - 1))
                digest.update(handle.read(SAMPLE_BLOCK))
    return digest.hexdigest()


def _integrity(generation_dir: Path) -> dict[str, dict]:
    """{path inside the generation: {size, sha256, sampled}} for every file of a generation but its record."""
    result = {}
    for path in sorted(generation_dir.rglob("*")):
        if path.is_file() and path.name != RECORD:
            size = path.stat().st_size
            name = path.relative_to(generation_dir).as_posix()
            result[name] = {"size": size, "sha256": _file_digest(path, size), "sampled": size > WHOLE_HASH_LIMIT}
    return result


def _recover_hint(index_dir: Path) -> str:
    record = newest_record(index_dir)
    if record is None:
        return f"no generation can be recovered; run `python -m assistant ingest --index {index_dir} --corpus DIR`."
    folders = ", ".join(record.get("corpus_dirs", [])) or "?"
    return (
        f"gen-{record.get('generation')} holds {record.get('documents')} documents built from {folders}: "
        f"`python -m assistant ingest --index {index_dir}` rebuilds from it and the cached files, losing none."
    )


def newest_record(index_dir: Path) -> dict | None:
    """The record of the newest generation whose generation.json reads, or None."""
    for generation_dir in sorted(index_dir.glob("gen-*"), key=lambda d: d.name, reverse=True):
        try:
            record = json.loads((generation_dir / RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if (
            isinstance(record, dict)
            and record.get("format") == FORMAT_VERSION
            and f"gen-{record.get('generation')}" == generation_dir.name
            and isinstance(record.get("files"), dict)
            and isinstance(record.get("corpus_dirs"), list)
        ):
            return record
    return None


def recorded_build(index_dir: Path) -> dict | None:
    """What the last build recorded: the manifest when it reads, else the newest generation's record, else None."""
    try:
        manifest = _read_manifest(index_dir)
        _check_record(index_dir, index_dir / f"gen-{manifest['generation']}", manifest)
        return manifest
    except (IndexMissing, IndexCorrupt, ValueError):
        return newest_record(index_dir)


def recorded_corpus_dirs(index_dir: Path) -> list[Path] | None:
    """The corpus folders the index was built from (recovered from its generation if the manifest is damaged)."""
    record = recorded_build(index_dir)
    if not record or not record.get("corpus_dirs"):
        return None
    return [(index_dir.parent / d).resolve() for d in record["corpus_dirs"]]


def unused_cache_entries(index_dir: Path) -> int:
    """Cache entries the current index does not use (files that left the corpus); `ingest --prune` removes them."""
    record = recorded_build(index_dir) or {}
    used = {entry.get("cache") for entry in record.get("files", {}).values()}
    return sum(1 for path in (index_dir / "cache").glob("*.npz") if path.name not in used)


def _prune(index_dir: Path, keep_generation: str, keep_cache: set[str], superseded: set, prune_all: bool) -> None:
    """Remove old generations, superseded cache entries and temporary files (and, with prune_all, every cache
    entry the new generation does not use)."""
    for path in index_dir.glob("gen-*"):
        if path.name != f"gen-{keep_generation}":
            shutil.rmtree(path, ignore_errors=True)
    for path in (index_dir / "cache").glob("*"):
        if path.name not in keep_cache and (prune_all or path.name in superseded or path.name.startswith(".")):
            path.unlink(missing_ok=True)


# names, not words
_MANIFEST_FIELDS = {"generation": str, "files": dict, "corpus_dirs": list, "integrity": dict, "record": dict}


def _read_manifest(index_dir: Path) -> dict:
    path = index_dir / MANIFEST
    if not path.exists():
        if newest_record(index_dir) is None:
            raise IndexMissing(f"No index in {index_dir}: run `python -m assistant ingest --index {index_dir}`.")
        raise IndexCorrupt(f"{path} is missing; {_recover_hint(index_dir)}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {manifest.get('format') if isinstance(manifest, dict) else '?'}")
        for name, kind in _MANIFEST_FIELDS.items():
            if not isinstance(manifest.get(name), kind):
                raise ValueError(f"no valid {name!r}")
    except (ValueError, UnicodeDecodeError) as error:
        raise IndexCorrupt(
            f"{path} is damaged or from another version ({error}); {_recover_hint(index_dir)}"
        ) from error
    return manifest


def check_settings(manifest: dict, build: BuildSettings) -> None:
    """Raise IndexMismatch when the index was built with another model, other chunk settings or older chunking."""
    built = (manifest.get("model"), manifest.get("chunk_size"), manifest.get("chunk_overlap"))
    wanted = (build.model, build.chunk_size, build.chunk_overlap)
    if built != wanted:
        raise IndexMismatch(
            f"The index was built with model {built[0]!r}, chunks {built[1]}/{built[2]}; the settings ask for "
            f"model {wanted[0]!r}, chunks {wanted[1]}/{wanted[2]}. Run `python -m assistant ingest` to rebuild."
        )
    if manifest.get("pipeline") != PIPELINE_VERSION:
        raise IndexMismatch(
            f"The index was built by an older version of the document reader or chunker (pipeline "
            f"{manifest.get('pipeline')}, now {PIPELINE_VERSION}). Run `python -m assistant ingest` to rebuild."
        )


def stale_files(manifest: dict, corpus_dirs: list[Path], index_dir: Path) -> list[str]:
    """Files added, changed or removed since the index was built (catalog changes count), or [].

    Files whose size and mtime match the manifest are not read (a load must not hash 200 MB of PDFs).
    """
    current = corpus_fingerprints(corpus_dirs, index_dir, manifest)
    built = {path: entry["fingerprint"] for path, entry in manifest.get("files", {}).items()}
    built.update(manifest.get("skipped", {}))
    changed = [path for path in current if built.get(path) != current[path]]
    removed = [path for path in built if path not in current]
    return sorted(changed + removed)


def load_index(
    index_dir: Path, build: BuildSettings | None = None, corpus_dirs: list[Path] | None = None
) -> LoadedIndex:
    """Load the current generation; raise IndexMissing/IndexCorrupt/IndexMismatch/IndexStale with a clear message."""
    import bm25s
    import faiss

    manifest = _read_manifest(index_dir)
    if build is not None:
        check_settings(manifest, build)
    if corpus_dirs is not None:
        changed = stale_files(manifest, corpus_dirs, index_dir)
        if changed:
            shown = ", ".join(changed[:5]) + (" ..." if len(changed) > 5 else "")
            raise IndexStale(
                f"The index in {index_dir} is out of date with the corpus ({len(changed)} files changed: {shown}). "
                "Run `python -m assistant ingest` to update it."
            )
    generation_dir = index_dir / f"gen-{manifest['generation']}"
    _check_record(index_dir, generation_dir, manifest)
    integrity = manifest["integrity"]
    missing = [name for name in integrity if not (generation_dir / name).is_file()]
    if missing:
        raise IndexCorrupt(f"{_shown(generation_dir / missing[0])} is missing; {_rebuild_hint(index_dir)}")
    try:
        faiss_index = _read_vectors(generation_dir, integrity, index_dir)
        chunk_lines = _verified_bytes(generation_dir, integrity, "chunks.jsonl", index_dir).decode("utf-8")
        chunks = [Chunk(**json.loads(line)) for line in chunk_lines.split("\n") if line]
        document_lines = _verified_bytes(generation_dir, integrity, "documents.jsonl", index_dir).decode("utf-8")
        documents = {
            d.doc_id: d for d in (_document_from_json(json.loads(line)) for line in document_lines.split("\n") if line)
        }
        for name in integrity:
            if name.startswith("bm25/"):
                _verify_file(generation_dir, integrity, name, index_dir)
        bm25 = bm25s.BM25.load(str(generation_dir / "bm25"), show_progress=False) if chunks else None
    except IndexCorrupt:
        raise
    except Exception as error:
        raise IndexCorrupt(
            f"The index in {index_dir} cannot be read ({type(error).__name__}: {error}); {_rebuild_hint(index_dir)}"
        ) from error
    _check_consistency(manifest, faiss_index, chunks, documents, generation_dir, index_dir)
    sentences = _read_sentences(generation_dir, integrity, index_dir, chunks)
    words = _read_words(generation_dir, integrity, index_dir)
    if isinstance(faiss_index, faiss.IndexIVF):
        faiss_index.nprobe = IVF_PROBES
    return LoadedIndex(manifest, faiss_index, chunks, documents, bm25, index_dir, sentences, words)


def _read_words(generation_dir: Path, integrity: dict, index_dir: Path) -> WordTable:
    """The passages' words and their vectors (memory-mapped)."""
    try:
        words = json.loads(_verified_bytes(generation_dir, integrity, "words.json", index_dir))
        _verify_file(generation_dir, integrity, "word_vectors.npy", index_dir)
        vectors = np.load(generation_dir / "word_vectors.npy", mmap_mode="r")
    except (KeyError, ValueError, OSError) as error:
        raise IndexCorrupt(
            f"The word files of {_shown(generation_dir)} cannot be read ({error}); {_rebuild_hint(index_dir)}"
        ) from error
    if len(words) != len(vectors):
        raise IndexCorrupt(f"The word files of {_shown(generation_dir)} do not agree; {_rebuild_hint(index_dir)}")
    return WordTable({word: row for row, word in enumerate(words)}, vectors)


def _read_sentences(generation_dir: Path, integrity: dict, index_dir: Path, chunks: list[Chunk]) -> SentenceStore:
    """The passages' sentences (read whole) and their vectors (memory-mapped: an answer reads a few rows)."""
    try:
        for name in ("sentence_rows.npy", "sentence_vectors.npy"):
            _verify_file(generation_dir, integrity, name, index_dir)
        rows = np.load(generation_dir / "sentence_rows.npy")
        vectors = np.load(generation_dir / "sentence_vectors.npy", mmap_mode="r")
    except (KeyError, ValueError, OSError) as error:
        raise IndexCorrupt(
            f"The sentence files of {_shown(generation_dir)} cannot be read ({error}); {_rebuild_hint(index_dir)}"
        ) from error
    hint = _rebuild_hint(index_dir)
    if rows.ndim != 2 or rows.shape[1] != 4 or len(vectors) != len(rows):
        raise IndexCorrupt(f"The sentence files of {_shown(generation_dir)} do not agree; {hint}")
    if len(rows) and (rows[:, 0].min() < 0 or rows[:, 0].max() >= len(chunks) or (np.diff(rows[:, 0]) < 0).any()):
        raise IndexCorrupt(f"{_shown(generation_dir / 'sentence_rows.npy')} names passages the index lacks; {hint}")
    return SentenceStore(rows, vectors, {chunk.chunk_id: row for row, chunk in enumerate(chunks)})


def _shown(path: Path) -> str:
    """A generation file as `<index>/gen-<id>/<name>`, the way messages name it."""
    return str(path)


def _rebuild_hint(index_dir: Path) -> str:
    return f"run `python -m assistant ingest --index {index_dir}` to rebuild it from the cached files."


def _check_record(index_dir: Path, generation_dir: Path, manifest: dict) -> None:
    """The generation's record must be the one the manifest was written with, and say the same."""
    path = generation_dir / RECORD
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IndexCorrupt(f"{_shown(path)} cannot be read ({error.strerror}); {_rebuild_hint(index_dir)}") from error
    expected = manifest["record"]
    if len(data) != expected.get("size") or hashlib.sha256(data).hexdigest() != expected.get("sha256"):
        raise IndexCorrupt(
            f"{_shown(path)} does not match the size and checksum recorded in {MANIFEST} (changed after it was "
            f"written); {_rebuild_hint(index_dir)}"
        )
    record = json.loads(data)
    if {k: v for k, v in manifest.items() if k != "record"} != record:
        raise IndexCorrupt(
            f"{index_dir / MANIFEST} does not say what {_shown(path)} recorded (edited after the build); "
            f"{_recover_hint(index_dir)}"
        )


def _verified_bytes(generation_dir: Path, integrity: dict, name: str, index_dir: Path) -> bytes:
    """A generation file's bytes, checked against its recorded size and checksum (read once, hashed in memory)."""
    path = generation_dir / name
    entry = integrity.get(name)
    if entry is None:
        raise IndexCorrupt(f"{_shown(path)} has no recorded checksum; {_rebuild_hint(index_dir)}")
    data = path.read_bytes()
    if len(data) != entry["size"]:
        raise IndexCorrupt(
            f"{_shown(path)} has {len(data):,} bytes where {entry['size']:,} were written (truncated or changed); "
            f"{_rebuild_hint(index_dir)}"
        )
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise IndexCorrupt(
            f"{_shown(path)} does not match the checksum recorded when it was written (changed after the build); "
            f"{_rebuild_hint(index_dir)}"
        )
    return data


def _verify_file(generation_dir: Path, integrity: dict, name: str, index_dir: Path) -> None:
    """Check a generation file's size, then its checksum (sampled for a file over WHOLE_HASH_LIMIT)."""
    path = generation_dir / name
    entry = integrity[name]
    size = path.stat().st_size
    if size != entry["size"]:
        raise IndexCorrupt(
            f"{_shown(path)} has {size:,} bytes where {entry['size']:,} were written (truncated or changed); "
            f"{_rebuild_hint(index_dir)}"
        )
    if _file_digest(path, size) != entry["sha256"]:
        raise IndexCorrupt(
            f"{_shown(path)} does not match the checksum recorded when it was written (changed after the build); "
            f"{_rebuild_hint(index_dir)}"
        )


def _read_vectors(generation_dir: Path, integrity: dict, index_dir: Path):
    """The FAISS index, checked: read once and hashed in memory when small, else sampled then read by FAISS."""
    import faiss

    name = "vectors.faiss"
    entry = integrity.get(name)
    if entry is None:
        raise IndexCorrupt(f"{_shown(generation_dir / name)} has no recorded checksum; {_rebuild_hint(index_dir)}")
    if entry.get("sampled"):
        _verify_file(generation_dir, integrity, name, index_dir)
        return faiss.read_index(str(generation_dir / name))
    data = _verified_bytes(generation_dir, integrity, name, index_dir)
    return faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))


def _check_consistency(
    manifest: dict, faiss_index, chunks: list[Chunk], documents: dict[str, Document], generation_dir: Path,
    index_dir: Path,
) -> None:  # fmt: skip
    """What the files say must agree with each other and with the manifest, whatever their checksums say."""
    hint = _rebuild_hint(index_dir)
    if faiss_index.ntotal != len(chunks) or faiss_index.d != manifest.get("dimension"):
        raise IndexCorrupt(
            f"The index in {index_dir} is inconsistent: {_shown(generation_dir / 'vectors.faiss')} holds "
            f"{faiss_index.ntotal} vectors of dimension {faiss_index.d}, {_shown(generation_dir / 'chunks.jsonl')} "
            f"{len(chunks)} passages; {hint}"
        )
    expected = {entry["doc_id"]: entry["chunks"] for entry in manifest["files"].values()}
    if set(documents) != set(expected) or len(chunks) != manifest.get("chunks"):
        lost = sorted(set(expected) - set(documents)) or sorted(set(documents) - set(expected))
        raise IndexCorrupt(
            f"{_shown(generation_dir / 'documents.jsonl')} lists {len(documents)} documents where the manifest "
            f"lists {len(expected)} (differs at {', '.join(lost[:3]) or 'passage count'}); {hint}"
        )
    counts: dict[str, int] = {}
    for chunk in chunks:
        document = documents.get(chunk.doc_id)
        if document is None or document.text[chunk.start : chunk.end] != chunk.text:
            raise IndexCorrupt(
                f"{_shown(generation_dir / 'chunks.jsonl')}: passage {chunk.chunk_id} is not the text of its "
                f"document at {chunk.start}-{chunk.end}; {hint}"
            )
        counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
    if counts != {doc_id: n for doc_id, n in expected.items() if n}:
        raise IndexCorrupt(
            f"{_shown(generation_dir / 'chunks.jsonl')} holds other passage counts than the manifest records; {hint}"
        )


def _without_server_paths(message: str, path: Path, name: str) -> str:
    """An error message with the upload's temporary path replaced by the name it would be stored under."""
    for shown in (str(path.resolve()), str(path), str(path.resolve().parent), str(path.parent)):
        message = message.replace(shown, name if shown.endswith(path.name) else "")
    return message


def vet_upload(path: Path, build: BuildSettings, target: Path) -> str:
    """The name an uploaded file will be stored under in `target`, once its name is acceptable, the name is free,
    and it reads and chunks within the limits; UnsupportedDocument or InvalidInput naming it otherwise.

    Runs without any lock: a bomb is refused by its limits without holding up other uploads or questions.
    """
    from ..errors import AssistantError
    from .documents import upload_name

    name = upload_name(path.name)
    if (target / name).exists():
        from ..errors import InvalidInput

        raise InvalidInput(f"{name}: a document of that name is already in the corpus; rename the file.")
    limits = build.limits()
    try:
        document = read_document(path, "upload-check", {}, build.max_file_bytes, limits)
        chunks = chunk_document(document, build.chunk_size, build.chunk_overlap)
        if limits.max_passages and len(chunks) > limits.max_passages:
            raise over_limit(name, "passages", len(chunks), limits.max_passages, "max_document_passages")
        if not chunks:
            raise UnsupportedDocument(f"{name}: no text to index.")
    except AssistantError as error:
        raise type(error)(_without_server_paths(str(error), path, name)) from None
    except OSError as error:
        raise UnsupportedDocument(f"{name}: cannot be read ({error.strerror or type(error).__name__}).") from None
    return name


def add_uploads(
    uploads: list[tuple[Path, str]],
    corpus_dirs: list[Path],
    index_dir: Path,
    build: BuildSettings,
    embedder: Embedder,
    progress: Progress | None = None,
) -> IngestReport:
    """Copy vetted uploads (path, stored name) into the first corpus folder and update the index.

    Every upload ends indexed or refused: one the build skips anyway is removed from the corpus again, the index
    rebuilt without it (from the caches), and UnsupportedDocument raised naming it and the reason.
    """
    target = corpus_dirs[0]
    for _, name in uploads:
        if (target / name).exists():
            from ..errors import InvalidInput

            raise InvalidInput(f"{name}: a document of that name is already in the corpus; rename the file.")
    for path, name in uploads:
        shutil.copyfile(path, target / name)
    kwargs = {"progress": progress} if progress is not None else {}
    report = build_index(corpus_dirs, index_dir, build, embedder, **kwargs)
    indexed = set(report.embedded_files) | set(report.reused_files)
    refused = [name for _, name in uploads if name not in indexed]
    if refused:
        reasons = [line for line in report.skipped if line.split(":", 1)[0] in refused]
        for name in refused:
            (target / name).unlink(missing_ok=True)
        build_index(corpus_dirs, index_dir, build, embedder, progress=None)
        raise UnsupportedDocument(f"Not indexed, so not added: {'; '.join(reasons) or ', '.join(refused)}.")
    return report
