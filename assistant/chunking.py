"""Split documents into citable chunks with exact character offsets (langchain-text-splitters)."""

from __future__ import annotations

from langchain_text_splitters import RecursiveCharacterTextSplitter

from .types import Chunk, Document

# Paragraphs first, then lines, then sentences, then clauses: chunks end on the strongest boundary that fits.
SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]


def make_splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    """The splitter used for every document (sentence-ending separators kept with the sentence)."""
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
    chunks: list[Chunk] = []
    search_from = 0
    for piece in splitter.split_text(document.text):
        # The splitter returns stripped substrings in order; find each from just after the previous start.
        start = document.text.find(piece, search_from)
        if start < 0:  # cannot happen for stripped substrings, but never emit a wrong offset
            start = document.text.find(piece)
        if start < 0 or not piece.strip():
            continue
        end = start + len(piece)
        chunks.append(
            Chunk(
                chunk_id=f"{document.doc_id}#{len(chunks)}",
                doc_id=document.doc_id,
                start=start,
                end=end,
                text=piece,
                heading=document.heading_at(start),
                page=document.page_at(start),
            )
        )
        search_from = start + 1
    return chunks
