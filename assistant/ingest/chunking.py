"""Split documents into citable chunks with exact character offsets (langchain-text-splitters)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import SENTENCE_END
from ..types import Chunk, Document

if TYPE_CHECKING:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

# Paragraphs first, then lines, then sentences, then clauses: chunks end on the strongest boundary that fits.
SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]
# Shorter spans are folded into a neighbour (see merge_fragments).
MIN_CHUNK_CHARS = 150


def make_splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    """The splitter used for every document (sentence-ending separators kept with the sentence)."""
    # Imported here: loading an index to answer a question needs no splitter (0.6 s of a cold CLI command).
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=SEPARATORS,
        keep_separator="end",
        strip_whitespace=True,
    )


def chunk_document(document: Document, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    """Chunks of `document` in order; `document.text[c.start:c.end] == c.text` for each."""
    splitter = make_splitter(chunk_size, chunk_overlap)
    spans: list[tuple[int, int]] = []
    search_from = 0
    for piece in splitter.split_text(document.text):
        # The splitter returns stripped substrings in order; find each from just after the previous start.
        start = document.text.find(piece, search_from)
        if start < 0:  # cannot happen for stripped substrings, but never emit a wrong offset
            start = document.text.find(piece)
        if start < 0 or not piece.strip():
            continue
        spans.append((start, start + len(piece)))
        search_from = start + 1
    return [
        Chunk(
            chunk_id=f"{document.doc_id}#{n}",
            doc_id=document.doc_id,
            start=start,
            end=end,
            text=document.text[start:end],
            heading=document.heading_at(start),
            page=document.page_at(start),
        )
        for n, (start, end) in enumerate(merge_fragments(document.text, spans))
    ]


def merge_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fold each span shorter than MIN_CHUNK_CHARS into a neighbour: a heading (no closing punctuation) into the
    span after it, the tail of a long paragraph into the span before it. Alone, either is a poor passage: a
    heading says nothing, and a tail sentence ("this initiative is too new...") loses what it refers to."""
    merged: list[tuple[int, int]] = []
    pending_start = -1  # start of a heading waiting for the span after it
    for start, end in spans:
        if pending_start >= 0:
            start, pending_start = pending_start, -1
        if end - start >= MIN_CHUNK_CHARS:
            merged.append((start, end))
        elif text[start:end].rstrip()[-1:] not in SENTENCE_END:
            pending_start = start
        elif merged:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    if pending_start >= 0:
        if merged:
            merged[-1] = (merged[-1][0], spans[-1][1])
        else:
            merged.append((pending_start, spans[-1][1]))
    return merged
