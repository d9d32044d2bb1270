"""Build, update, save and load the FAISS index, chunk store and manifest, with atomic writes.

Layout of an index folder:
    manifest.json      what was built, from which files, with which model and settings; names the generation
    gen-<id>/          one complete build: vectors.faiss, chunks.jsonl, documents.jsonl, bm25/
    cache/<key>.npz    per-file chunks and vectors, keyed by file content + metadata + settings

A build writes a new generation folder, then replaces manifest.json in one `os.replace`, then removes the old
generation. A crash or Ctrl-C at any point leaves the previous manifest pointing at a complete generation.
The per-file cache makes re-ingest incremental (only new or changed files are embedded) and resumable.
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
from pathlib import Path

import numpy as np

from ..errors import IndexCorrupt, IndexMismatch, IndexMissing, IndexStale, UnsupportedDocument
from ..types import Chunk, Document, Heading, IngestReport, Judgement, Kind
from .chunking import chunk_document
from .documents import file_fingerprint, iter_corpus, read_document
from .embedding import Embedder

FORMAT_VERSION = 1
# Bump when document reading or chunking changes, so caches built by older code are not reused.
PIPELINE_VERSION = "4"
MANIFEST = "manifest.json"
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
    embed_batch_size: int = 64


@dataclass
class LoadedIndex:
    """Everything a search needs, loaded from one generation."""

    manifest: dict
    faiss_index: object
    chunks: list[Chunk]
    documents: dict[str, Document]
    bm25: object
    index_dir: Path


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
        **{
            **data,
            "kind": Kind(data["kind"]),
            "judgements": tuple(Judgement(**j) for j in data.get("judgements", ())),
            "headings": tuple(Heading(**h) for h in data.get("headings", ())),
            "page_starts": tuple(data.get("page_starts", ())),
        }
    )


def _save_cache(path: Path, document: Document, chunks: list[Chunk], vectors: np.ndarray) -> None:
    meta = json.dumps({"document": _document_to_json(document), "chunks": [asdict(c) for c in chunks]})
    temporary = path.with_name(f".{path.stem}.{uuid.uuid4().hex}.tmp.npz")
    np.savez(temporary, vectors=vectors, meta=np.frombuffer(meta.encode(), dtype=np.uint8))
    os.replace(temporary, path)


def _load_cache(path: Path) -> tuple[Document, list[Chunk], np.ndarray] | None:
    try:
        with np.load(path) as data:
            meta = json.loads(data["meta"].tobytes().decode())
            vectors = data["vectors"].astype(np.float32)
        return _document_from_json(meta["document"]), [Chunk(**c) for c in meta["chunks"]], vectors
    except Exception:  # a damaged cache entry is simply rebuilt
        return None


def _relative(path: Path, base: Path) -> str:
    try:
        return os.path.relpath(path.resolve(), base.resolve())
    except ValueError:  # another drive on Windows
        return str(path.resolve())


def corpus_fingerprints(corpus_dirs: list[Path], index_dir: Path) -> dict[str, str]:
    """{file path relative to the index's parent: sha256} plus {"catalog:<folder>": sha256 of its catalog}."""
    result = {_relative(path, index_dir.parent): file_fingerprint(path) for path, _, _ in iter_corpus(corpus_dirs)}
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
) -> IngestReport:
    """Build or update the index in `index_dir` from the corpus folders; only new or changed files are embedded."""
    started = time.perf_counter()
    progress = progress or (lambda fraction, message: None)
    index_dir.mkdir(parents=True, exist_ok=True)
    cache_dir = index_dir / "cache"
    cache_dir.mkdir(exist_ok=True)
    try:
        previous_files = set(_read_manifest(index_dir).get("files", {}))
    except (IndexMissing, IndexCorrupt):  # a damaged index is simply rebuilt
        previous_files = set()
    embedder = embedder or Embedder(build.model, build.embed_batch_size)

    candidates = list(iter_corpus(corpus_dirs))
    entries: list[tuple[str, Path, str]] = []  # (relative path, cache path, fingerprint)
    embedded, reused, skipped = [], [], []
    skipped_fingerprints: dict[str, str] = {}
    for number, (path, doc_id, overrides) in enumerate(candidates, start=1):
        relative = _relative(path, index_dir.parent)
        try:
            fingerprint = file_fingerprint(path)
        except OSError as error:
            skipped.append(f"{path.name}: cannot be read ({error.strerror or error})")
            continue
        cache_path = cache_dir / f"{_cache_key(fingerprint, overrides, build)}.npz"
        cached = _load_cache(cache_path) if cache_path.exists() else None
        if cached is not None and cached[0].doc_id == doc_id:
            reused.append(path.name)
        else:
            try:
                document = read_document(path, doc_id, overrides, build.max_file_bytes)
            except UnsupportedDocument as error:
                skipped.append(str(error))
                skipped_fingerprints[relative] = fingerprint
                progress(number / len(candidates), f"skipped {error}")
                continue
            chunks = chunk_document(document, build.chunk_size, build.chunk_overlap)
            if not chunks:
                skipped.append(f"{path.name}: no text to index")
                skipped_fingerprints[relative] = fingerprint
                continue
            vectors = embedder.embed([_embedding_text(document, chunk) for chunk in chunks])
            _save_cache(cache_path, document, chunks, vectors)
            embedded.append(path.name)
        entries.append((relative, cache_path, fingerprint))
        progress(number / max(len(candidates), 1) * 0.9, f"{path.name}")

    report_removed = sorted(previous_files - {relative for relative, _, _ in entries})
    skipped_fingerprints |= _catalog_fingerprints(corpus_dirs, index_dir)
    generation = _assemble(index_dir, entries, build, embedder, corpus_dirs, skipped_fingerprints)
    progress(1.0, f"index ready: {generation['documents']} documents, {generation['chunks']} passages")
    _prune(index_dir, keep_generation=generation["generation"], keep_cache={p.name for _, p, _ in entries})
    return IngestReport(
        documents=generation["documents"],
        chunks=generation["chunks"],
        embedded_files=embedded,
        reused_files=reused,
        removed_files=report_removed,
        skipped=skipped,
        seconds=round(time.perf_counter() - started, 3),
    )


def _embedding_text(document: Document, chunk: Chunk) -> str:
    """What the model and BM25 see for a chunk: the passage after its section heading, which often names the topic.

    (Prefixing the document title as well was measured and lost hit@1 on the gold set; see README.)
    """
    return f"{chunk.heading}\n{chunk.text}" if chunk.heading and chunk.heading not in chunk.text else chunk.text


def _assemble(
    index_dir: Path,
    entries: list[tuple[str, Path, str]],
    build: BuildSettings,
    embedder: Embedder,
    corpus_dirs: list[Path],
    skipped: dict[str, str],
) -> dict:
    """Write a complete new generation from the per-file caches, then switch the manifest to it."""
    import bm25s
    import faiss

    from ..search.retrieval import tokenize_for_bm25

    generation_id = f"{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
    generation_dir = index_dir / f"gen-{generation_id}"
    generation_dir.mkdir()
    dimension = embedder.dimension
    totals = []
    for _, cache_path, _ in entries:
        with np.load(cache_path) as data:
            totals.append(int(data["vectors"].shape[0]))
    faiss_index, index_type = _new_faiss_index(dimension, sum(totals), [path for _, path, _ in entries])
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
            for chunk in chunks:
                chunk_out.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
                texts.append(_embedding_text(document, chunk))
            doc_out.write(json.dumps(_document_to_json(document), ensure_ascii=False) + "\n")
            files[relative] = {"fingerprint": fingerprint, "doc_id": document.doc_id, "chunks": len(chunks)}
    if index_type == "ivf":
        faiss_index.make_direct_map()  # lexical-only candidates need their stored vectors back for a dense score
    faiss.write_index(faiss_index, str(generation_dir / "vectors.faiss"))
    retriever = bm25s.BM25()
    if texts:
        retriever.index(tokenize_for_bm25(texts), show_progress=False)
    retriever.save(str(generation_dir / "bm25"), show_progress=False)
    manifest = {
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
    }
    _write_json_atomic(index_dir / MANIFEST, manifest)
    return manifest


def _prune(index_dir: Path, keep_generation: str, keep_cache: set[str]) -> None:
    for path in index_dir.glob("gen-*"):
        if path.name != f"gen-{keep_generation}":
            shutil.rmtree(path, ignore_errors=True)
    for path in (index_dir / "cache").glob("*"):
        if path.name not in keep_cache:
            path.unlink(missing_ok=True)


def _read_manifest(index_dir: Path) -> dict:
    path = index_dir / MANIFEST
    if not path.exists():
        raise IndexMissing(f"No index in {index_dir}: run `python -m assistant ingest --index {index_dir}`.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {manifest.get('format') if isinstance(manifest, dict) else '?'}")
    except ValueError as error:
        raise IndexCorrupt(f"{path} is damaged or from another version ({error}); run ingest to rebuild.") from error
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
    """Files added, changed or removed since the index was built (catalog changes count), or []."""
    current = corpus_fingerprints(corpus_dirs, index_dir)
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
    generation_dir = index_dir / f"gen-{manifest.get('generation')}"
    try:
        faiss_index = faiss.read_index(str(generation_dir / "vectors.faiss"))
        with (generation_dir / "chunks.jsonl").open(encoding="utf-8") as handle:
            chunks = [Chunk(**json.loads(line)) for line in handle]
        with (generation_dir / "documents.jsonl").open(encoding="utf-8") as handle:
            documents = {d.doc_id: d for d in (_document_from_json(json.loads(line)) for line in handle)}
        bm25 = bm25s.BM25.load(str(generation_dir / "bm25"), show_progress=False) if chunks else None
    except Exception as error:
        raise IndexCorrupt(
            f"The index in {index_dir} cannot be read ({type(error).__name__}: {error}); run ingest."
        ) from error
    if faiss_index.ntotal != len(chunks) or faiss_index.d != manifest.get("dimension"):
        raise IndexCorrupt(
            f"The index in {index_dir} is inconsistent ({faiss_index.ntotal} vectors, {len(chunks)} passages); "
            "run ingest."
        )
    if isinstance(faiss_index, faiss.IndexIVF):
        faiss_index.nprobe = IVF_PROBES
    return LoadedIndex(manifest, faiss_index, chunks, documents, bm25, index_dir)
