"""Embedding backends for the bundled model on this CPU: torch (sentence-transformers) against the product's ONNX
Runtime backends, fp32 and int8 (assistant/ingest/embedding.py: exported once from the local model folder, no hub).
Prints passages/s and how far each backend's vectors are from torch's (cosine), on real passages of the national
record read and chunked by the product.

With --batch-sizes, each backend is timed at each batch size (texts per model call); one figure per pair.

Usage: python bench/bench_embedding.py [--passages 2000] [--rounds 3] [--texts FOLDER_OF_PDFS] [--batch-sizes 64,2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import set_offline_environment  # noqa: E402

set_offline_environment()


def passages(folder: Path, n: int) -> list[str]:
    """Real passages: the product's reader and chunker over the PDFs of `folder`, until `n` are collected."""
    from assistant.ingest.chunking import chunk_document
    from assistant.ingest.documents import read_document

    found: list[str] = []
    for number, pdf in enumerate(sorted(folder.glob("*.pdf"))[::7]):
        try:
            document = read_document(pdf, str(number), {}, 50 * 1024 * 1024)
        except Exception:
            continue
        found += [chunk.text for chunk in chunk_document(document, 800, 150)]
        if len(found) >= n:
            break
    return found[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="backends timed in turn, this many times (busy machines)")
    parser.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "ofsted-national")
    parser.add_argument("--batch-sizes", default="", help="comma-separated batch sizes (default: the settings')")
    args = parser.parse_args()
    from assistant.config import Settings
    from assistant.ingest.embedding import BACKENDS, Embedder

    sizes = [int(size) for size in args.batch_sizes.split(",") if size] or [Settings().embed_batch_size]

    texts = passages(args.texts, args.passages)
    print(f"{len(texts)} passages, mean {sum(map(len, texts)) / len(texts):.0f} chars; load {os.getloadavg()}")
    embedders = {(b, size): Embedder(backend=b, batch_size=size) for b in BACKENDS for size in sizes}
    for embedder in embedders.values():
        embedder.embed(texts[:64])  # load (and export once) and warm up
    rates: dict[tuple[str, int], list[float]] = {key: [] for key in embedders}
    vectors = {}
    for _ in range(args.rounds):  # interleaved, so that a change of load hits every backend alike
        for key, embedder in embedders.items():
            started = time.perf_counter()
            vectors[key] = embedder.embed(texts)
            rates[key].append(len(texts) / (time.perf_counter() - started))
    print(f"{'backend':<12}{'batch':>6}{'passages/s (best, median)':>28}{'min cos':>10}{'mean cos':>10}{'p1 cos':>10}")
    for backend, size in embedders:
        cosines = (vectors[(backend, size)] * vectors[("torch", sizes[0])]).sum(1)
        best, median = max(rates[(backend, size)]), float(np.median(rates[(backend, size)]))
        print(
            f"{backend:<12}{size:>6}{best:>16.1f}{median:>12.1f}{cosines.min():>10.4f}{cosines.mean():>10.4f}"
            f"{np.percentile(cosines, 1):>10.4f}"
        )
    print(f"load after {os.getloadavg()}")


if __name__ == "__main__":
    main()
