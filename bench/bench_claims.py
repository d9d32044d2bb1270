"""Speed and accuracy of the claim checker on the seed claim set, and the time of a whole audit.

Prints claims checked per second, single-check latency p50/p95 (cold caches: a fresh checker per run, and warm),
accuracy with the confusion matrix, audit latency p50/p95 for each seed press release and article, and the audit
of a 1,000-word release (the seed releases joined and cut to 1,000 words). Targets: check p50 <= 50 ms warm, the
1,000-word audit <= 3 s.

Usage: python bench/bench_claims.py [--claims tests/data/claims_seed.jsonl] [--corpus corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=Path, default=ROOT / "tests/data/claims_seed.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from assistant.config import Settings, set_offline_environment

    set_offline_environment()
    from assistant.api import Assistant
    from assistant.claims.checker import ClaimChecker
    from assistant.types import Verdict

    entries = [json.loads(line) for line in args.claims.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        assistant = Assistant.load(Path(folder) / "index", Settings(), [args.corpus], build_if_needed=True)
        assistant.check("warm up the model")

        def fresh() -> None:  # cold: sentence splits and sentence vectors not cached yet
            assistant.checker = ClaimChecker(
                assistant.index.documents,
                assistant.embedder,
                assistant.claim_search,
                assistant.settings.claims,
            )

        fresh()
        began = time.perf_counter()
        cold = [assistant.check(e["claim"]) for e in entries]
        cold_seconds = time.perf_counter() - began

        warm_latencies = []
        for _ in range(args.repeat):
            for entry in entries:
                assistant.checker._claim_vectors.clear()  # sentence caches warm, the claim itself new
                started = time.perf_counter()
                assistant.check(entry["claim"])
                warm_latencies.append(time.perf_counter() - started)

        confusion = Counter((e["verdict"], c.verdict.value) for e, c in zip(entries, cold, strict=True))
        right = sum(n for (gold, got), n in confusion.items() if gold == got)
        print(f"claims: {len(entries)}  accuracy: {right / len(entries):.3f}")
        names = [v.value for v in Verdict]
        print("confusion (rows gold, columns got): " + "  ".join(f"{n:>9}" for n in names))
        for gold in names:
            row = [confusion[(gold, got)] for got in names]
            total = sum(row)
            share = f"{row[names.index(gold)] / total:.2f}" if total else "-"
            print(f"  {gold:>9} (acc {share}): " + "  ".join(f"{n:>9}" for n in row))
        print(f"cold run: {len(entries) / cold_seconds:.1f} claims/s ({cold_seconds:.2f} s for the set)")
        print(
            f"warm single check: {len(warm_latencies) / sum(warm_latencies):.1f} claims/s, "
            f"p50 {1000 * percentile(warm_latencies, 50):.0f} ms, p95 {1000 * percentile(warm_latencies, 95):.0f} ms"
        )

        secondary = [d for d in assistant.documents.values() if not d.kind.is_primary]
        for document in secondary:
            latencies, rows = [], 0
            for n in range(args.repeat):
                if n == 0:
                    fresh()
                else:
                    assistant.checker._claim_vectors.clear()
                started = time.perf_counter()
                report = assistant.audit(document.doc_id)
                latencies.append(time.perf_counter() - started)
                rows = len(report.rows)
            print(
                f"audit {document.doc_id}: {rows} claims, cold {latencies[0]:.2f} s, "
                f"p50 {percentile(latencies, 50):.2f} s, p95 {percentile(latencies, 95):.2f} s, "
                f"{rows / percentile(latencies, 50):.1f} claims/s; {dict(report.counts)}"
            )

        # A 1,000-word release: the seed releases joined (and repeated if need be), cut at 1,000 words.
        words: list[str] = []
        while len(words) < 1000:
            for document in secondary:
                if document.kind.value == "council press release":
                    words += document.text.split()
        release = Path(folder) / "release-1000-words.txt"
        release.write_text(" ".join(words[:1000]).replace(". ", ".\n\n"), encoding="utf-8")
        latencies = []
        for n in range(args.repeat):
            if n == 0:
                fresh()
            else:
                assistant.checker._claim_vectors.clear()
            started = time.perf_counter()
            report = assistant.audit(str(release), against="inspection letter")
            latencies.append(time.perf_counter() - started)
        print(
            f"audit of a 1,000-word release: {len(report.rows)} claims, cold {latencies[0]:.2f} s, "
            f"warm p50 {percentile(latencies[1:] or latencies, 50):.2f} s (target 3 s)"
        )


if __name__ == "__main__":
    main()
