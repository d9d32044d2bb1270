"""Chunks are exact, small enough to cite, and follow paragraph and sentence boundaries."""

from __future__ import annotations

import statistics

from assistant.ingest.chunking import MIN_CHUNK_CHARS, chunk_document
from assistant.ingest.documents import iter_corpus, read_document

from .conftest import CORPUS


def seed_documents():
    return [read_document(p, d, o, 10_000_000) for p, d, o in iter_corpus([CORPUS])]


def test_every_chunk_is_an_exact_span_with_its_heading():
    for document in seed_documents():
        chunks = chunk_document(document, 800, 150)
        assert chunks, document.doc_id
        for n, chunk in enumerate(chunks):
            assert document.text[chunk.start : chunk.end] == chunk.text
            assert chunk.chunk_id == f"{document.doc_id}#{n}"
            assert chunk.heading == document.heading_at(chunk.start)
        starts = [c.start for c in chunks]
        assert starts == sorted(starts)


def test_chunks_are_citation_sized_and_end_on_sentence_boundaries():
    lengths, endings = [], []
    for document in seed_documents():
        for chunk in chunk_document(document, 600, 120):
            lengths.append(len(chunk.text))
            endings.append(chunk.text.rstrip()[-1])
            # Never mid-word: the character after a chunk is not a letter or digit.
            assert not document.text[chunk.end : chunk.end + 1].isalnum(), chunk.chunk_id
    assert max(lengths) <= 800
    assert 300 <= statistics.mean(lengths) <= 800
    assert sum(e in '.!?”"’' for e in endings) / len(endings) >= 0.7


def test_chunk_ids_are_stable_across_runs():
    document = seed_documents()[0]
    assert chunk_document(document, 800, 150) == chunk_document(document, 800, 150)


def test_headings_and_paragraph_tails_are_not_passages_of_their_own():
    documents = seed_documents()
    for document in documents:
        for chunk in chunk_document(document, 800, 150):
            assert len(chunk.text) >= MIN_CHUNK_CHARS, chunk
    # The article's table title goes with the table it names, not alone.
    article = next(d for d in documents if d.doc_id.startswith("community-care-article"))
    titled = [c.text for c in chunk_document(article, 800, 150) if "The journey\xa0from inadequate" in c.text]
    assert len(titled) == 1 and "Area of service" in titled[0]
