"""Quality and speed of the assistant against a naive LangChain-tutorial baseline, on the same gold set.

Baseline: RecursiveCharacterTextSplitter(1000, 200), all-MiniLM-L6-v2, FAISS flat, top-k dense.
Prints hit@1, hit@3, MRR@10, mean passage length, ingest time, warm query latency p50/p95, peak memory
(each system runs in its own process, so peak RSS is its own), and the web app's time from start to ready.

Usage: python bench/bench_quality.py [--gold tests/data/gold_seed.jsonl] [--corpus corpus] [--no-app]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def ranking_metrics(ranks: list[int]) -> dict[str, float]:
    """hit@1, hit@3 and MRR@10 from the 1-based rank of the first relevant passage (0 = not in the top 10)."""
    return {
        "hit@1": statistics.fmean(r == 1 for r in ranks),
        "hit@3": statistics.fmean(0 < r <= 3 for r in ranks),
        "mrr@10": statistics.fmean(1 / r if 0 < r <= 10 else 0.0 for r in ranks),
    }


def answer_spans(case, documents: dict[str, str]) -> list[tuple[str, int, int]]:
    spans = []
    for answer in case.answers:
        text = documents[answer["doc_id"]]
        start = text.find(answer["text"])
        while start >= 0:
            spans.append((answer["doc_id"], start, start + len(answer["text"])))
            start = text.find(answer["text"], start + 1)
    return spans


def run_project(gold: Path, corpus: Path) -> dict:
    from assistant.api import Assistant, build_settings
    from assistant.config import Settings, set_offline_environment
    from assistant.evaluation import load_gold
    from assistant.ingest.index import build_index

    set_offline_environment()
    workspace = Path(tempfile.mkdtemp())
    settings = Settings(corpus_dirs=(corpus,), index_dir=workspace / "index")
    started = time.perf_counter()
    build_index([corpus], settings.index_dir, build_settings(settings), progress=None)
    ingest_seconds = time.perf_counter() - started
    assistant = Assistant.load(settings.index_dir, settings, corpus_dirs=[corpus])
    documents = {d.doc_id: d.text for d in assistant.documents.values()}
    cases = [c for c in load_gold(gold) if not c.unanswerable]
    assistant.search("warm up", 10)
    ranks, latencies, lengths = [], [], []
    for case in cases:
        spans = answer_spans(case, documents)
        started = time.perf_counter()
        passages = assistant.search(case.question, 10)
        latencies.append(time.perf_counter() - started)
        lengths.extend(len(p.text) for p in passages)
        ranks.append(
            next(
                (
                    i
                    for i, p in enumerate(passages, 1)
                    if any(p.doc_id == d and p.start < e and s < p.end for d, s, e in spans)
                ),
                0,
            )
        )
    shutil.rmtree(workspace, ignore_errors=True)
    return summarise(ranks, latencies, lengths, ingest_seconds)


def run_baseline(gold: Path, corpus: Path) -> dict:
    import faiss
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.config import set_offline_environment
    from assistant.evaluation import load_gold
    from assistant.ingest.documents import iter_corpus, read_document
    from assistant.ingest.embedding import Embedder

    set_offline_environment()
    started = time.perf_counter()
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
    documents, chunks = {}, []
    for path, doc_id, overrides in iter_corpus([corpus]):
        try:
            document = read_document(path, doc_id, overrides, 50 * 1024 * 1024)
        except Exception:
            continue
        documents[doc_id] = document.text
        for piece in splitter.create_documents([document.text]):
            start = piece.metadata["start_index"]
            chunks.append((doc_id, start, start + len(piece.page_content), piece.page_content))
    embedder = Embedder()
    vectors = embedder.embed([c[3] for c in chunks])
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    ingest_seconds = time.perf_counter() - started
    cases = [c for c in load_gold(gold) if not c.unanswerable]
    index.search(embedder.embed(["warm up"]), 10)
    ranks, latencies, lengths = [], [], []
    for case in cases:
        spans = answer_spans(case, documents)
        started = time.perf_counter()
        _, rows = index.search(embedder.embed([case.question]), 10)
        latencies.append(time.perf_counter() - started)
        hits = [chunks[r] for r in rows[0] if r >= 0]
        lengths.extend(len(c[3]) for c in hits)
        ranks.append(
            next((i for i, c in enumerate(hits, 1) if any(c[0] == d and c[1] < e and s < c[2] for d, s, e in spans)), 0)
        )
    return summarise(ranks, latencies, lengths, ingest_seconds)


def summarise(ranks, latencies, lengths, ingest_seconds) -> dict:
    return {
        **ranking_metrics(ranks),
        "mean passage chars": statistics.fmean(lengths),
        "ingest s": ingest_seconds,
        "query p50 ms": 1000 * percentile(latencies, 50),
        "query p95 ms": 1000 * percentile(latencies, 95),
        "peak RSS MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def app_start_to_ready(corpus: Path) -> float:
    """Seconds from `python app.py` to the first successful page load, with an index already built."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    workspace = Path(tempfile.mkdtemp())
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(workspace / "index"), "ASSISTANT_CORPUS_DIRS": str(corpus)}
    subprocess.run([sys.executable, "-m", "assistant", "ingest"], env=env, cwd=ROOT, check=True, capture_output=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < 300:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.2)
        return float("nan")
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(workspace, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "gold_seed.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--no-app", action="store_true", help="skip the web app start-up measurement")
    parser.add_argument("--system", choices=["project", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.system:  # child process: print one JSON line of figures
        run = run_project if args.system == "project" else run_baseline
        print(json.dumps(run(args.gold.resolve(), args.corpus.resolve())))
        return
    figures = {}
    for system in ("baseline", "project"):
        output = subprocess.run(
            [sys.executable, __file__, "--system", system, "--gold", str(args.gold), "--corpus", str(args.corpus)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        figures[system] = json.loads(output.strip().splitlines()[-1])
    print(f"gold set: {args.gold}  corpus: {args.corpus}")
    print(f"{'':<20}{'baseline':>12}{'project':>12}")
    for name in figures["project"]:
        print(f"{name:<20}{figures['baseline'][name]:>12.3f}{figures['project'][name]:>12.3f}")
    ratio = figures["project"]["query p50 ms"] / figures["baseline"]["query p50 ms"]
    print(f"query latency ratio project/baseline (p50): {ratio:.2f}")
    if not args.no_app:
        print(f"web app start to ready: {app_start_to_ready(args.corpus.resolve()):.1f} s")


if __name__ == "__main__":
    main()
