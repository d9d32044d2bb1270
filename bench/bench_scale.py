"""Index scale benchmark: flat (exact) against approximate FAISS indexes at 10k, 100k and 1M passages.

Starts from the real passage vectors of a built index (e.g. `python -m assistant ingest --corpus corpus
--corpus ../shared/ofsted-reports --index /tmp/big`), then makes synthetic passages from them: each synthetic
vector is a real one plus Gaussian noise, renormalised, so the neighbourhood structure stays realistic.
Queries are held-out real passage vectors, perturbed the same way. For each size and index type it prints
build time, size on disk, peak memory (RSS growth while building), query latency p50/p95 (one query at a
time, as the app searches) and recall@10 against exact search.

Usage: python bench/bench_scale.py INDEX_DIR [--sizes 10000 100000 1000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def real_vectors(index_dir: Path) -> np.ndarray:
    import faiss

    manifest = json.loads((index_dir / "manifest.json").read_text())
    index = faiss.read_index(str(index_dir / f"gen-{manifest['generation']}" / "vectors.faiss"))
    return index.reconstruct_n(0, index.ntotal)


def synthesise(base: np.ndarray, total: int, rng: np.random.Generator, noise: float = 0.35) -> np.ndarray:
    """`total` unit vectors: the real ones first, then noisy copies of random real ones, made in blocks."""
    out = np.empty((total, base.shape[1]), dtype=np.float32)
    count = min(total, len(base))
    out[:count] = base[:count]
    block = 50_000
    for start in range(count, total, block):
        end = min(total, start + block)
        picks = base[rng.integers(0, len(base), end - start)]
        noisy = picks + rng.normal(0, noise / np.sqrt(base.shape[1]), picks.shape).astype(np.float32)
        out[start:end] = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
    return out


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def build(kind: str, vectors: np.ndarray):
    import faiss

    dimension = vectors.shape[1]
    if kind == "flat":
        index = faiss.IndexFlatIP(dimension)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(dimension, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:  # ivf, with the parameters the index module uses
        from assistant.ingest.index import IVF_PROBES, IVF_TRAINING_PER_LIST, ivf_lists

        lists = ivf_lists(len(vectors))
        sample = np.random.default_rng(0).choice(len(vectors), min(len(vectors), IVF_TRAINING_PER_LIST * lists), False)
        index = faiss.index_factory(dimension, f"IVF{lists},Flat", faiss.METRIC_INNER_PRODUCT)
        index.train(vectors[sample])
        index.nprobe = IVF_PROBES
    index.add(vectors)
    return index


def measure(kind: str, vectors: np.ndarray, queries: np.ndarray, truth: np.ndarray | None):
    import faiss

    before = rss_mb()
    started = time.perf_counter()
    index = build(kind, vectors)
    build_seconds = time.perf_counter() - started
    memory = rss_mb() - before
    with tempfile.NamedTemporaryFile(suffix=".faiss") as handle:
        faiss.write_index(index, handle.name)
        size_mb = os.path.getsize(handle.name) / 1e6
    latencies, found = [], []
    for query in queries:
        started = time.perf_counter()
        _, rows = index.search(query[None, :], 10)
        latencies.append(time.perf_counter() - started)
        found.append(rows[0])
    found = np.array(found)
    recall = (
        1.0 if truth is None else statistics.fmean(len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True))
    )
    latencies.sort()
    return {
        "build s": build_seconds,
        "disk MB": size_mb,
        "memory MB": memory,
        "p50 ms": 1000 * latencies[len(latencies) // 2],
        "p95 ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "recall@10": recall,
    }, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--kinds", nargs="+", default=["flat", "hnsw", "ivf"])
    args = parser.parse_args()
    import faiss

    faiss.omp_set_num_threads(os.cpu_count() or 1)
    rng = np.random.default_rng(42)
    base = real_vectors(args.index_dir)
    held_out = rng.choice(len(base), size=min(args.queries, len(base) // 5), replace=False)
    queries = synthesise(base[held_out], len(held_out), rng, noise=0.0)
    queries = queries + rng.normal(0, 0.2 / np.sqrt(base.shape[1]), queries.shape).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    print(f"real passages: {len(base)}, dimension {base.shape[1]}, queries: {len(queries)}")
    header = ("passages", "index", "build s", "disk MB", "mem MB", "p50 ms", "p95 ms", "recall@10")
    print(" ".join(f"{name:>10}" for name in header))
    for size in args.sizes:
        vectors = synthesise(base, size, rng)
        truth = None
        for kind in args.kinds:
            figures, found = measure(kind, vectors, queries, truth)
            if kind == "flat":
                truth = found
            values = [figures[name] for name in ("build s", "disk MB", "memory MB", "p50 ms", "p95 ms", "recall@10")]
            print(f"{size:>10} {kind:>10} " + " ".join(f"{value:>10.3f}" for value in values), flush=True)
        del vectors
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the whole run: {peak:.0f} MB")


if __name__ == "__main__":
    main()
