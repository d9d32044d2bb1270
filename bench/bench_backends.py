"""FAISS against Milvus Lite: ingest time, warm search latency (p50/p95) and the gold-set figures of each backend.

Usage: python bench/bench_backends.py [FOLDER ...] [--gold FILE ...] [--index DIR]
With no folder: the seed corpus with gold_seed, and the seeds plus tests/data/ofsted-reports with gold_reports.
With folders (e.g. ../shared/ofsted-national): one index over them, timed, searched with the given gold sets (or,
without --gold, with the seed gold set's questions for latency only). --index: an existing index of the folders
(e.g. the national one from bench_national_ingest.py) is loaded instead of built, and only Milvus is timed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

METRICS = ("hit@1", "hit@3", "mrr@10")


def percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def run(folders: list[Path], golds: list[Path], embedder, index: Path | None = None) -> list[str]:
    """Build (or load) one index over the folders, copy it into Milvus Lite, and measure both backends."""
    from assistant.api import Assistant, build_settings, checked_backend
    from assistant.config import Settings
    from assistant.evaluation import evaluate, load_gold
    from assistant.ingest.index import build_index, load_index

    workspace = Path(tempfile.mkdtemp(prefix="bench-backends-"))
    settings = Settings(corpus_dirs=tuple(folders), index_dir=index or workspace / "index")
    started = time.perf_counter()
    if index is None:
        build_index(folders, settings.index_dir, build_settings(settings), embedder, progress=None)
    faiss_ingest = time.perf_counter() - started
    faiss = Assistant(load_index(settings.index_dir, build_settings(settings), folders), settings, embedder)
    milvus_settings = settings.replace(backend="milvus", milvus_uri=str(workspace / "milvus" / "lite.db"))
    started = time.perf_counter()
    backend = checked_backend(faiss.index, milvus_settings, build_if_needed=True)
    milvus_sync = time.perf_counter() - started
    milvus = Assistant(faiss.index, milvus_settings, embedder, backend)
    name = ", ".join(f.name for f in folders)
    documents = len({c.doc_id for c in faiss.index.chunks})
    lines = [f"\n## {name}: {documents} documents, {len(faiss.index.chunks)} passages"]
    built = "loaded, not built" if index else f"{faiss_ingest:.1f} s (embedding included)"
    lines.append(f"ingest: FAISS generation {built}; Milvus Lite copy {milvus_sync:.1f} s more "
                 "(from the embedded cache)")  # fmt: skip
    questions = [c.question for gold in golds for c in load_gold(gold)] or ["care leavers in education"]
    for label, assistant in (("FAISS", faiss), ("Milvus Lite", milvus)):
        assistant.search("warm up", 10)
        searches = []
        for question in questions:
            started = time.perf_counter()
            assistant.search(question, 10)
            searches.append(time.perf_counter() - started)
        lines.append(f"{label:<12} search p50 {1000 * statistics.median(searches):.0f} ms, "
                     f"p95 {1000 * percentile(searches, 95):.0f} ms ({len(searches)} questions)")  # fmt: skip
    for gold in golds:
        cases = load_gold(gold)
        figures = {}
        for label, assistant in (("FAISS", faiss), ("Milvus Lite", milvus)):
            figures[label] = evaluate(assistant, cases, "hybrid", with_answers=False).metrics
        for label, metrics in figures.items():
            row = " | ".join(f"{metrics[m]:.3f}" for m in METRICS)
            lines.append(f"| {gold.name} | {label} | {row} |")
    backend.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--gold", action="append", type=Path, default=[])
    parser.add_argument("--index", type=Path, help="an existing index of FOLDER (loaded, not built)")
    args = parser.parse_args()
    from assistant.config import Settings, set_offline_environment

    set_offline_environment()
    from assistant.ingest.embedding import Embedder

    embedder = Embedder(backend=Settings().embedding_backend)
    data = ROOT / "tests" / "data"
    if args.index and not args.folders:
        parser.error("--index needs the FOLDER(s) it was built from")
    if args.folders:
        plans = [(args.folders, args.gold)]
    else:
        plans = [([ROOT / "corpus"], [data / "gold_seed.jsonl"]),
                 ([ROOT / "corpus", data / "ofsted-reports"], [data / "gold_reports.jsonl"])]  # fmt: skip
    print("| gold set | backend | " + " | ".join(METRICS) + " |")
    for folders, golds in plans:
        for line in run(folders, golds, embedder, args.index):
            print(line, flush=True)


if __name__ == "__main__":
    main()
