"""The same search in Milvus: a Milvus Lite file on one machine, or a Milvus server or cluster shared by replicas.

One collection holds a row per passage: its vector (inner product on normalised vectors, as FAISS), its BM25 terms
(the stemmed, stop-word-free tokens bm25s is given, scored by Milvus's own BM25 function), the document's metadata
as scalar fields for filters, and the passage's span so citations stay exact.

Visibility: every search asks for `batch <= visible`. A document is written under the next batch number and only a
single-row insert into the `<collection>_state` collection, after all its passages are written, makes that batch
visible; rows of a write that failed or was cut short stay invisible and are deleted before the next write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from ...domain.regions import councils_in
from ...errors import IndexMismatch, InvalidInput
from ...ingest.vectors import embedding_text
from ...text import tokenize_for_bm25
from ...types import Chunk, Document, SearchFilters
from ..filters import checked_date, kinds_named

INSERT_ROWS = 500  # rows per insert request (Milvus caps a request at 64 MB; 500 passages are about 2 MB)
IDS_PER_EXPRESSION = 500
MAX_TEXT = 65_535  # Milvus's VARCHAR limit in bytes; a passage is about 1 KB, a heading is cut to fit
MAX_YEARS = 256  # a document mentions at most the 200 years 1900-2099
YEARS_LENGTH = MAX_YEARS * 5 + 1  # "|2014|2016|"
STATE_DIMENSION = 2  # Milvus wants a vector field in every collection, the state collection's is unused

# names, not words
VISIBLE_FIELDS = ["chunk_id"]


def milvus_filter(filters: SearchFilters, visible: int) -> str:
    """The Milvus expression selecting what `filters.document_matches` admits, among the visible rows."""
    since, until = checked_date(filters.since, "since"), checked_date(filters.until, "until")
    parts = [f"batch <= {visible}"]
    if filters.authority:
        parts.append(f"authority_key == {_literal(filters.authority.casefold())}")
    if filters.regions:
        councils = sorted(name.casefold() for name in councils_in(filters.regions))
        parts.append(f"authority_key in {_literal(councils)}" if councils else "batch < 0")
    if filters.kind:
        kinds = [k.value for k in kinds_named(filters.kind)]
        parts.append(f"kind in {_literal(kinds)}" if kinds else "batch < 0")
    # Dates are ISO strings, so comparing the whole date with a partial one is comparing its prefix.
    if since:
        parts.append(f"date >= {_literal(since)}")
    if until:
        parts.append(f'(date != "" and (date <= {_literal(until)} or date like {_literal(until + "%")}))')
    if filters.years:
        # `years` is "|2014|2016|": LIKE runs on Arrow in Milvus Lite, where array_contains_any is evaluated row by
        # row in Python over every column of the collection (~100 ms a call at 1,152 passages). Documents' years are
        # digits, so a year that is not cannot match (and keeps % and _ out of the pattern).
        likes = [f"years like {_literal(f'%|{year}|%')}" for year in filters.years if year.isdigit()]
        parts.append(f"({' or '.join(likes)})" if likes else "batch < 0")
    return " and ".join(parts)


def years_field(years: Iterable[str]) -> str:
    """The `years` field: the years between and around bars, so that `like "%|2014|%"` matches one whole year."""
    return "|" + "|".join(years) + "|"


def _literal(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _ids_expression(field: str, values: Sequence[str]) -> str:
    return f"{field} in {_literal(list(values))}"


def _client(uri: str, token: str):
    try:
        from pymilvus import MilvusClient
    except ImportError as error:
        raise InvalidInput(
            "ASSISTANT_BACKEND=milvus needs pymilvus and milvus-lite: pip install -r requirements-milvus.txt"
        ) from error
    if re.match(r"^[a-z]+://", uri):
        return MilvusClient(uri=uri, token=token) if token else MilvusClient(uri=uri)
    if not uri.endswith(".db"):
        raise InvalidInput(f"ASSISTANT_MILVUS_URI={uri!r}: use a Milvus Lite file ending in .db or http://host:19530.")
    Path(uri).parent.mkdir(parents=True, exist_ok=True)
    return MilvusClient(uri=uri)


class MilvusBackend:
    """A search backend in one Milvus collection (written document by document; see the module's docstring)."""

    def __init__(self, client, collection: str, dimension: int) -> None:
        self.client = client
        self.collection = collection
        self.state_collection = f"{collection}_state"
        self.dimension = dimension
        self._create_collections()
        self.visible, self._stamp, self._state_rows = self._read_state()

    @classmethod
    def open(cls, uri: str, token: str, collection: str, dimension: int) -> MilvusBackend:
        """Connect to Milvus (a `.db` path is Milvus Lite) and create the collections when missing."""
        return cls(_client(uri, token), collection, dimension)

    def _create_collections(self) -> None:
        from pymilvus import DataType, Function, FunctionType

        client = self.client
        if client.has_collection(self.collection):
            self._check_schema()
        else:
            schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
            schema.add_field("pk", DataType.VARCHAR, is_primary=True, max_length=1024)
            schema.add_field("chunk_id", DataType.VARCHAR, max_length=1024)
            schema.add_field("doc_id", DataType.VARCHAR, max_length=1024)
            schema.add_field("version", DataType.VARCHAR, max_length=128)
            schema.add_field("batch", DataType.INT64)
            schema.add_field("position", DataType.INT64)  # the passage's number in its document
            schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dimension)
            schema.add_field("terms", DataType.VARCHAR, max_length=MAX_TEXT, enable_analyzer=True,
                             analyzer_params={"tokenizer": "standard"})  # fmt: skip
            schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
            schema.add_field("text", DataType.VARCHAR, max_length=MAX_TEXT)
            schema.add_field("heading", DataType.VARCHAR, max_length=MAX_TEXT)
            schema.add_field("start", DataType.INT64)
            schema.add_field("end", DataType.INT64)
            schema.add_field("page", DataType.INT64)
            schema.add_field("authority", DataType.VARCHAR, max_length=512)
            schema.add_field("authority_key", DataType.VARCHAR, max_length=512)
            schema.add_field("kind", DataType.VARCHAR, max_length=64)
            schema.add_field("date", DataType.VARCHAR, max_length=32)
            schema.add_field("years", DataType.VARCHAR, max_length=YEARS_LENGTH)
            schema.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                         input_field_names=["terms"], output_field_names=["sparse"]))  # fmt: skip
            index = client.prepare_index_params()
            index.add_index(field_name="vector", index_type="FLAT", metric_type="IP")
            # bm25s's "lucene" scoring (k1 1.5, b 0.75) up to a constant factor the fusion's max-normalising removes
            index.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                            params={"bm25_k1": 1.5, "bm25_b": 0.75})  # fmt: skip
            # names, not words
            for name in ("doc_id", "chunk_id", "authority_key", "kind", "date", "batch"):
                index.add_index(field_name=name, index_type="INVERTED")
            client.create_collection(self.collection, schema=schema, index_params=index)
        if not client.has_collection(self.state_collection):
            schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
            schema.add_field("id", DataType.INT64, is_primary=True)
            schema.add_field("batch", DataType.INT64)
            schema.add_field("stamp", DataType.VARCHAR, max_length=128)
            schema.add_field("unused", DataType.FLOAT_VECTOR, dim=STATE_DIMENSION)
            index = client.prepare_index_params()
            index.add_index(field_name="unused", index_type="FLAT", metric_type="IP")
            client.create_collection(self.state_collection, schema=schema, index_params=index)
        client.load_collection(self.collection)
        client.load_collection(self.state_collection)

    def _check_schema(self) -> None:
        from pymilvus import DataType

        fields = {f.get("name"): f for f in self.client.describe_collection(self.collection).get("fields", [])}
        dimension = int(fields.get("vector", {}).get("params", {}).get("dim", 0))
        if dimension != self.dimension:
            raise IndexMismatch(
                f"Milvus collection {self.collection!r} holds vectors of dimension {dimension}, the model makes "
                f"{self.dimension}; set ASSISTANT_MILVUS_COLLECTION to another name or drop that collection."
            )
        if fields.get("years", {}).get("type") != DataType.VARCHAR:
            raise IndexMismatch(
                f"Milvus collection {self.collection!r} was created by an earlier version (years as an array); "
                "drop it or set ASSISTANT_MILVUS_COLLECTION to another name, and ingest again."
            )

    def _read_state(self) -> tuple[int, str, int]:
        """(visible batch, stamp, state rows) from the newest row of the state collection."""
        # names, not words
        rows = self.client.query(self.state_collection, filter="id >= 0", output_fields=["id", "batch", "stamp"])
        if not rows:
            return 0, "", 0
        newest = max(rows, key=lambda row: row["id"])
        return int(newest["batch"]), str(newest["stamp"]), int(newest["id"])

    def _write_state(self, batch: int, stamp: str) -> None:
        # One row, one insert: the commit point. Older rows are kept a while for whoever reads the history.
        self._state_rows += 1
        # names, not words
        row = {"id": self._state_rows, "batch": batch, "stamp": stamp, "unused": [0.0] * STATE_DIMENSION}
        self.client.insert(self.state_collection, [row])
        self.visible, self._stamp = batch, stamp
        if self._state_rows > 100:
            self.client.delete(self.state_collection, filter=f"id < {self._state_rows - 50}")

    def refresh(self) -> None:
        """See what other writers made visible since this backend was opened."""
        self.visible, self._stamp, self._state_rows = self._read_state()

    # Search.

    def dense(self, vector: np.ndarray, limit: int, filters: SearchFilters) -> dict[str, float]:
        hits = self.client.search(
            self.collection, data=[vector[0].tolist()], anns_field="vector", limit=limit,
            filter=milvus_filter(filters, self.visible), output_fields=VISIBLE_FIELDS,
            search_params={"metric_type": "IP"},
        )  # fmt: skip
        return {hit["entity"]["chunk_id"]: float(hit["distance"]) for hit in hits[0]}

    def lexical(self, text: str, limit: int, filters: SearchFilters) -> dict[str, float]:
        tokens = tokenize_for_bm25([text])[0]
        if not tokens:
            return {}
        hits = self.client.search(
            self.collection, data=[" ".join(tokens)], anns_field="sparse", limit=limit,
            filter=milvus_filter(filters, self.visible), output_fields=VISIBLE_FIELDS,
            search_params={"metric_type": "BM25"},
        )  # fmt: skip
        # Milvus Lite reports BM25 as a negative distance, a Milvus server as a positive score.
        scores = {hit["entity"]["chunk_id"]: abs(float(hit["distance"])) for hit in hits[0]}
        return {chunk_id: score for chunk_id, score in scores.items() if score > 0}

    def similarities(self, vector: np.ndarray, chunk_ids: Iterable[str]) -> dict[str, float]:
        wanted = sorted(set(chunk_ids))
        found: dict[str, list[float]] = {}
        for start in range(0, len(wanted), IDS_PER_EXPRESSION):
            part = wanted[start : start + IDS_PER_EXPRESSION]
            rows = self.client.query(
                self.collection,
                filter=f"{_ids_expression('chunk_id', part)} and batch <= {self.visible}",
                output_fields=["chunk_id", "vector"],
            )
            found.update((row["chunk_id"], row["vector"]) for row in rows)
        ordered = [chunk_id for chunk_id in wanted if chunk_id in found]
        if not ordered:
            return {}
        stored = np.array([found[chunk_id] for chunk_id in ordered], dtype=np.float32)
        return {chunk_id: float(score) for chunk_id, score in zip(ordered, stored @ vector[0], strict=True)}

    def count(self, filters: SearchFilters) -> int:
        rows = self.client.query(
            self.collection, filter=milvus_filter(filters, self.visible), output_fields=["count(*)"]
        )
        return int(rows[0]["count(*)"]) if rows else 0

    # Writing.

    def add(self, document: Document, chunks: Sequence[Chunk], vectors: np.ndarray, version: str) -> None:
        if len(chunks) != len(vectors) or (len(vectors) and vectors.shape[1] != self.dimension):
            raise IndexMismatch(f"{document.doc_id}: {len(chunks)} passages, vectors of shape {vectors.shape}.")
        batch = self.visible + 1
        terms = tokenize_for_bm25([embedding_text(document, chunk) for chunk in chunks]) if chunks else []
        years = sorted(document.years_mentioned | ({document.date[:4]} if document.date else set()))[:MAX_YEARS]
        rows = [
            {  # names, not words
                "pk": f"{batch}:{chunk.chunk_id}",
                "chunk_id": chunk.chunk_id,
                "doc_id": document.doc_id,
                "version": version,
                "batch": batch,
                "position": position,
                "vector": vector.tolist(),
                "terms": " ".join(tokens),
                "text": chunk.text,
                "heading": chunk.heading.encode()[: MAX_TEXT // 2].decode(errors="ignore"),
                "start": chunk.start,
                "end": chunk.end,
                "page": chunk.page,
                "authority": document.authority,
                "authority_key": document.authority.casefold(),
                "kind": document.kind.value,
                "date": document.date,
                "years": years_field(years),
            }
            for position, (chunk, vector, tokens) in enumerate(zip(chunks, vectors, terms, strict=True))
        ]
        try:
            for start in range(0, len(rows), INSERT_ROWS):
                self.client.insert(self.collection, rows[start : start + INSERT_ROWS])
        except BaseException:
            try:
                self.discard_pending()
            finally:
                raise
        self._write_state(batch, "")

    def discard_pending(self) -> None:
        """Delete rows written under a batch that was never made visible (a failed or interrupted write). Once a
        sync, not before each document: Milvus Lite evaluates the filter over every row, so a delete per document
        made a national sync quadratic."""
        self.client.delete(self.collection, filter=f"batch > {self.visible}")

    def remove(self, doc_ids: Iterable[str]) -> None:
        doc_ids = sorted(set(doc_ids))
        for start in range(0, len(doc_ids), IDS_PER_EXPRESSION):
            self.client.delete(
                self.collection, filter=_ids_expression("doc_id", doc_ids[start : start + IDS_PER_EXPRESSION])
            )

    def versions(self) -> dict[str, str]:
        iterator = self.client.query_iterator(
            self.collection, batch_size=1000, filter=f"position == 0 and batch <= {self.visible}",
            output_fields=["doc_id", "version"],
        )  # fmt: skip
        found: dict[str, str] = {}
        try:
            while rows := iterator.next():
                found.update((row["doc_id"], row["version"]) for row in rows)
        finally:
            iterator.close()
        return found

    def stamp(self) -> str:
        return self._stamp

    def set_stamp(self, stamp: str) -> None:
        self._write_state(self.visible, stamp)
        if stamp:  # the end of a sync
            self.flush()

    def flush(self) -> None:
        """Seal what was written into segments, once a sync has written everything.

        Milvus Lite keeps unflushed rows in a memtable (flushed only past 128 MB or on close) and converts every one
        of them from Arrow to Python on every search and query: 1,152 passages cost ~400 ms a search. Flushed, they
        are searched through the segment's indexes. A Milvus server seals segments itself; one flush after a bulk
        write is what its documentation recommends (not one per document: many small segments search slower).
        """
        self.client.flush(self.collection)
        self.client.flush(self.state_collection)

    def close(self) -> None:
        self.client.close()
