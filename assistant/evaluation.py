"""Gold sets and retrieval/answer metrics (ir-measures for the ranking metrics), as used by `eval` and the tests.

Gold format (JSONL, one object per line; see tests/data/GOLD_FORMAT.md):
    {"id": "q01", "question": "...", "answers": [{"doc_id": "...", "text": "verbatim answer text"}]}
    {"id": "u01", "question": "...", "unanswerable": true}
A passage is relevant when its span overlaps an occurrence of an answer text in that document.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from .config import ROOT
from .errors import InvalidInput
from .search.retrieval import MODES
from .types import CaseResult, EvalCase, EvalReport

DEFAULT_GOLD = ROOT / "tests" / "data" / "gold_seed.jsonl"
RANKING_METRICS = ("hit@1", "hit@3", "hit@5", "recall@10", "mrr@10", "ndcg@10")


def load_gold(path: Path) -> list[EvalCase]:
    """Read a gold JSONL file; InvalidInput naming the line when one is malformed."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InvalidInput(f"Cannot read the gold file {path}: {error.strerror or error}.") from error
    cases, seen = [], set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            case = EvalCase(
                case_id=str(item["id"]),
                question=str(item["question"]),
                answers=list(item.get("answers", [])),
                unanswerable=bool(item.get("unanswerable", False)),
                filters=dict(item.get("filters", {})),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise InvalidInput(f"{path}, line {number}: not a gold case ({error}).") from error
        if case.case_id in seen or not (case.unanswerable or case.answers):
            raise InvalidInput(f"{path}, line {number}: duplicate id or neither answers nor unanswerable.")
        seen.add(case.case_id)
        cases.append(case)
    return cases


def relevant_chunks(case: EvalCase, assistant) -> set[str]:
    """Ids of the indexed chunks that overlap an occurrence of any of the case's answer texts."""
    relevant = set()
    for answer in case.answers:
        document = assistant.documents.get(answer["doc_id"])
        if document is None:
            raise InvalidInput(f"Gold case {case.case_id}: document {answer['doc_id']!r} is not in the index.")
        spans, start = [], document.text.find(answer["text"])
        if start < 0:
            raise InvalidInput(f"Gold case {case.case_id}: answer text is not verbatim in {answer['doc_id']}.")
        while start >= 0:
            spans.append((start, start + len(answer["text"])))
            start = document.text.find(answer["text"], start + 1)
        for chunk in assistant.index.chunks:
            if chunk.doc_id == document.doc_id and any(chunk.start < e and s < chunk.end for s, e in spans):
                relevant.add(chunk.chunk_id)
    return relevant


def evaluate(assistant, cases: list[EvalCase], mode: str = "hybrid", with_answers: bool = True) -> EvalReport:
    """Run every case through search (and ask, for abstention) and compute the metrics."""
    import ir_measures
    from ir_measures import RR, R, Success, nDCG

    from .types import SearchFilters

    qrels, run, results, latencies, lengths = [], [], [], [], []
    abstained_on = {True: 0, False: 0}  # unanswerable? -> abstentions
    counts = {True: 0, False: 0}
    for case in cases:
        filters = SearchFilters(**case.filters)
        started = time.perf_counter()
        passages = assistant.search(case.question, 10, filters, mode)
        seconds = time.perf_counter() - started
        latencies.append(seconds)
        lengths.extend(len(p.text) for p in passages)
        answer = assistant.ask(case.question, filters) if with_answers else None
        abstained = answer.abstained if answer else False
        counts[case.unanswerable] += 1
        abstained_on[case.unanswerable] += abstained
        rank = 0
        if not case.unanswerable:
            relevant = relevant_chunks(case, assistant)
            qrels.extend(ir_measures.Qrel(case.case_id, chunk_id, 1) for chunk_id in relevant)
            run.extend(
                ir_measures.ScoredDoc(case.case_id, p.chunk_id, float(len(passages) - i))
                for i, p in enumerate(passages)
            )
            rank = next((i for i, p in enumerate(passages, start=1) if p.chunk_id in relevant), 0)
        top = passages[0] if passages else None
        results.append(
            CaseResult(
                case.case_id,
                case.question,
                rank,
                abstained,
                case.unanswerable,
                top.text if top else "",
                top.doc_id if top else "",
                round(seconds, 4),
                answer.citations if answer else [],
            )
        )
    measures = {
        "hit@1": Success @ 1,
        "hit@3": Success @ 3,
        "hit@5": Success @ 5,
        "recall@10": R @ 10,
        "mrr@10": RR @ 10,
        "ndcg@10": nDCG @ 10,
    }
    answerable = [c.case_id for c in cases if not c.unanswerable]
    per_query: dict[str, dict[str, float]] = {name: dict.fromkeys(answerable, 0.0) for name in measures}
    by_measure = {m: name for name, m in measures.items()}
    for metric in ir_measures.iter_calc(list(measures.values()), qrels, run):
        per_query[by_measure[metric.measure]][metric.query_id] = metric.value
    metrics = {
        name: round(statistics.fmean(values.values()), 4) if values else 0.0 for name, values in per_query.items()
    }
    if with_answers:
        total_abstentions = abstained_on[True] + abstained_on[False]
        metrics["abstention_precision"] = round(abstained_on[True] / total_abstentions, 4) if total_abstentions else 1.0
        metrics["abstention_recall"] = round(abstained_on[True] / counts[True], 4) if counts[True] else 1.0
        metrics["answered_rate"] = round(1 - abstained_on[False] / counts[False], 4) if counts[False] else 1.0
    metrics["mean_passage_chars"] = round(statistics.fmean(lengths), 1) if lengths else 0.0
    metrics["latency_ms_mean"] = round(1000 * statistics.fmean(latencies), 1) if latencies else 0.0
    metrics["latency_ms_p95"] = round(1000 * _percentile(latencies, 95), 1) if latencies else 0.0
    return EvalReport(mode=mode, metrics=metrics, results=results)


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def run_gold(assistant, gold: Path, compare: bool = False) -> list[EvalReport]:
    """Evaluate a gold file in hybrid mode, or in every retrieval mode side by side with `compare`."""
    cases = load_gold(gold)
    if not compare:
        return [evaluate(assistant, cases, "hybrid")]
    modes = [m for m in MODES if m != "rerank" or assistant.settings.rerank_model]
    return [evaluate(assistant, cases, mode, with_answers=(mode == "hybrid")) for mode in modes]


def format_reports(reports: list[EvalReport]) -> str:
    """A metrics table (one column per mode) followed by the questions each mode missed."""
    names = list(dict.fromkeys(name for report in reports for name in report.metrics))
    lines = [f"{'metric':<22}" + "".join(f"{r.mode:>12}" for r in reports)]
    for name in names:
        lines.append(f"{name:<22}" + "".join(f"{r.metrics.get(name, float('nan')):>12.3f}" for r in reports))
    for report in reports:
        missed = [
            r
            for r in report.results
            if (not r.unanswerable and r.rank != 1) or (r.unanswerable != r.abstained and report.mode == "hybrid")
        ]
        if missed:
            lines.append(
                f"\n{report.mode}: {len(missed)} questions not answered by the first passage or wrongly (not) abstained"
            )
        for result in missed:
            what = "abstained" if result.abstained else f"rank {result.rank or '>10'}"
            if result.unanswerable:
                what = "unanswerable but answered"
            lines.append(f"- {result.case_id} ({what}): {result.question}")
            lines.append(f"    first: [{result.top_doc}] {' '.join(result.top_passage.split())[:160]}")
    return "\n".join(lines)
