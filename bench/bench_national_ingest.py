"""The national record at speed (issue 16, items 1, 5 and 6): ingest by stage, then query, ask and start-up times.

Usage:
    python bench/bench_national_ingest.py NATIONAL_FOLDER INDEX_DIR [--backend onnx-int8] [--skip-ingest]
        [--questions tests/data/gold_national_blind.jsonl] [--asks 40] [--seed-index index]

1. Ingest (skipped with --skip-ingest or when the index is already current): `build_index` as
   `python -m assistant ingest` runs it, with each stage timed in place: extract (read_document), chunk
   (chunk_document), embed (the embedder), index (assembling FAISS + BM25 + records); the rest is scanning and
   hashing. Prints passages, passages/s by stage, index size on disk and this process's peak RSS.
2. Warm `search` and `ask` p50/p95 on the index, with and without an authority filter (questions from the gold
   file; the authority filter is each question's own council when it names one, else the first council).
3. The web app's start on that index: `python app.py` with ASSISTANT_INDEX_DIR until it answers HTTP.
4. The CLI cold: `python -m assistant ask` on the seed index (`--seed-index`), wall time of the whole process.

Run it on a quiet machine when you can: it prints the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings, set_offline_environment  # noqa: E402

set_offline_environment()


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def disk_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def timed_ingest(corpus: Path, index_dir: Path, settings) -> dict:
    """build_index with each stage timed in place; returns the figures."""
    import assistant.ingest.index as index_module
    from assistant.api import build_settings, settings_embedder

    seconds: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)

    def timing(name, function, count=None):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            result = function(*args, **kwargs)
            seconds[name] += time.perf_counter() - started
            if count:
                counts[name] += count(args, result)
            return result

        return wrapper

    import assistant.ingest.vectors as vectors_module

    originals = (index_module.read_document, index_module.chunk_document, index_module._assemble)
    spans = vectors_module.sentence_spans
    index_module.read_document = timing("extract", index_module.read_document, lambda a, r: 1)
    index_module.chunk_document = timing("chunk", index_module.chunk_document, lambda a, r: len(r))
    index_module._assemble = timing("index", index_module._assemble)
    vectors_module.sentence_spans = timing("sentences", spans, lambda a, r: 1)
    embedder = settings_embedder(settings)
    embedder.embed_with_spans = timing("embed", embedder.embed_with_spans, lambda a, r: len(r[0]))
    last = [0.0]

    def progress(fraction: float, message: str) -> None:
        if time.perf_counter() - last[0] > 30 or fraction >= 1.0:
            last[0] = time.perf_counter()
            print(f"  [{fraction:4.0%}] {message}  (load {load_average()})", file=sys.stderr, flush=True)

    started = time.perf_counter()
    try:
        report = index_module.build_index([corpus], index_dir, build_settings(settings), embedder, progress)
    finally:
        index_module.read_document, index_module.chunk_document, index_module._assemble = originals
        vectors_module.sentence_spans = spans
    wall = time.perf_counter() - started
    return {
        "wall": wall,
        "documents": report.documents,
        "passages": report.chunks,
        "embedded_files": len(report.embedded_files),
        "reused_files": len(report.reused_files),
        "skipped": report.skipped,
        "seconds": dict(seconds),
        "counts": dict(counts),
    }


def print_ingest(figures: dict, index_dir: Path) -> None:
    wall = figures["wall"]
    print(f"ingest: {figures['documents']} documents, {figures['passages']} passages in {wall / 60:.1f} min")
    print(f"  embedded {figures['embedded_files']} files, reused {figures['reused_files']}, skipped:")
    for line in figures["skipped"]:
        print(f"    {line}")
    staged = 0.0
    for stage in ("extract", "chunk", "sentences", "embed", "index"):
        spent = figures["seconds"].get(stage, 0.0)
        staged += spent
        unit = "documents" if stage == "extract" else "passages"
        count = figures["counts"].get(stage, figures["passages"])
        rate = f"{count / spent:8.1f} {unit}/s" if spent else ""
        print(f"  {stage:<8}{spent:8.1f} s  {rate}")
    print(f"  {'other':<8}{wall - staged:8.1f} s  (scan, hashing, caches, pruning)")
    generation = [p for p in index_dir.glob("gen-*") if p.is_dir()]
    generation_mb = sum(disk_size(g) for g in generation) / 1e6
    cache_mb = disk_size(index_dir / "cache") / 1e6
    print(f"  on disk: {disk_size(index_dir) / 1e6:.0f} MB, generation {generation_mb:.0f} MB, cache {cache_mb:.0f} MB")
    print(f"  peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def percentiles(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"p50 {statistics.median(values) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  (n={len(values)})"


def query_times(index_dir: Path, corpus: Path, settings, questions: Path, asks: int) -> None:
    from assistant.api import Assistant
    from assistant.types import SearchFilters

    started = time.perf_counter()
    assistant = Assistant.load(index_dir, settings, [corpus])
    print(f"load index in process: {time.perf_counter() - started:.1f} s")
    rows = [json.loads(line) for line in questions.read_text().splitlines() if line.strip()]
    texts = [row.get("question") or row.get("query") for row in rows][:asks]
    authorities = assistant.authorities
    assistant.ask(texts[0])  # warm: model session, BM25, caches

    def own_authority(text: str) -> str:
        lowered = text.lower()
        return next((a for a in authorities if a.lower() in lowered), authorities[0])

    for label, call in (
        ("search", lambda t, f: assistant.search(t, filters=f)),
        ("ask", lambda t, f: assistant.ask(t, filters=f) if _takes_filters(assistant.ask) else assistant.ask(t)),
    ):
        for filtered in (False, True):
            times = []
            for text in texts:
                filters = SearchFilters(authority=own_authority(text)) if filtered else None
                started = time.perf_counter()
                call(text, filters)
                times.append(time.perf_counter() - started)
            name = f"{label} {'authority filter' if filtered else 'no filter'}"
            print(f"  warm {name:<24}{percentiles(times)}")


def _takes_filters(function) -> bool:
    import inspect

    return "filters" in inspect.signature(function).parameters


def app_start(index_dir: Path, corpus: Path, backend: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {
        "ASSISTANT_INDEX_DIR": str(index_dir),
        "ASSISTANT_CORPUS_DIRS": str(corpus),
        "ASSISTANT_PORT": str(port),
        "ASSISTANT_EMBEDDING_BACKEND": backend,
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    ready = None
    try:
        while time.perf_counter() - started < 300 and process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    ready = time.perf_counter() - started
                    break
            except OSError:
                time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=30)
    print(f"app ready (port answers) after {ready:.1f} s" if ready else "app did not start within 300 s")


def cli_cold(seed_index: Path, backend: str, runs: int = 3) -> None:
    env = os.environ | {"ASSISTANT_EMBEDDING_BACKEND": backend}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "assistant",
                "ask",
                "What did inspectors say about supervision?",
                "--index",
                str(seed_index),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - started)
        if done.returncode:
            print(f"  cli failed: {done.stderr.strip()[-300:]}")
            return
    print(f"CLI cold `ask` on {seed_index} ({backend}): " + ", ".join(f"{t:.1f} s" for t in times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("national", type=Path)
    parser.add_argument("index", type=Path)
    parser.add_argument("--backend", default=None, help="embedding backend (default: the settings')")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--questions", type=Path, default=ROOT / "tests" / "data" / "gold_national_blind.jsonl")
    parser.add_argument("--asks", type=int, default=40)
    parser.add_argument("--seed-index", type=Path, default=ROOT / "index")
    parser.add_argument("--only", choices=["ingest", "queries", "app", "cli"], action="append")
    args = parser.parse_args()
    settings = load_settings(index_dir=args.index, corpus_dirs=(args.national,), embedding_backend=args.backend)
    only = set(args.only or ["ingest", "queries", "app", "cli"])
    print(f"backend {settings.embedding_backend}; load before: {load_average()}")
    if "ingest" in only and not args.skip_ingest:
        figures = timed_ingest(args.national, args.index, settings)
        print_ingest(figures, args.index)
        print(f"load after ingest: {load_average()}")
    if "queries" in only:
        query_times(args.index, args.national, settings, args.questions, args.asks)
    if "app" in only:
        app_start(args.index, args.national, settings.embedding_backend)
    if "cli" in only:
        cli_cold(args.seed_index, settings.embedding_backend)
    print(f"load after: {load_average()}")


if __name__ == "__main__":
    main()
