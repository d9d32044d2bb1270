"""Bring a writable search backend up to date with an index: only documents added, changed or removed are written."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

from ...ingest.index import LoadedIndex, cached_document
from ...types import SyncReport
from . import WritableBackend

Progress = Callable[[float, str], None]


def expected_versions(index: LoadedIndex) -> dict[str, str]:
    """{doc_id: version} the index holds; a version is the document's cache key (its content and settings)."""
    return {entry["doc_id"]: Path(entry["cache"]).stem for entry in index.manifest["files"].values()}


def versions_stamp(versions: dict[str, str]) -> str:
    """A digest of {doc_id: version}: equal stamps mean the backend holds what the index holds."""
    return hashlib.sha256(json.dumps(sorted(versions.items())).encode()).hexdigest()


def in_sync(index: LoadedIndex, backend: WritableBackend) -> bool:
    """Whether the backend's last complete sync was of this index's documents."""
    return backend.stamp() == versions_stamp(expected_versions(index))


def sync_backend(index: LoadedIndex, backend: WritableBackend, progress: Progress | None = None) -> SyncReport:
    """Remove what the index no longer holds, add what the backend lacks, then record the stamp.

    Each document becomes searchable whole or not at all (the backend's `add`); an interrupted sync leaves the
    stamp empty, so the next load finds the backend out of date and the next sync finishes the work.
    """
    started = time.perf_counter()
    expected = expected_versions(index)
    backend.set_stamp("")
    backend.discard_pending()  # what a failed or interrupted earlier write left
    present = backend.versions()
    removed = sorted(doc_id for doc_id, version in present.items() if expected.get(doc_id) != version)
    if removed:
        backend.remove(removed)
    caches = {entry["doc_id"]: entry["cache"] for entry in index.manifest["files"].values()}
    added = sorted(doc_id for doc_id, version in expected.items() if present.get(doc_id) != version)
    for number, doc_id in enumerate(added, start=1):
        document, chunks, vectors = cached_document(index.index_dir, caches[doc_id])
        backend.add(document, chunks, vectors, expected[doc_id])
        if progress:
            progress(number / len(added), f"search backend: {doc_id}")
    backend.set_stamp(versions_stamp(expected))
    unchanged = len(expected) - len(added)
    return SyncReport(added, removed, unchanged, round(time.perf_counter() - started, 3))
