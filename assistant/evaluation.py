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
from .types import CaseResult, ClaimCaseResult, EvalCase, EvalReport, SetReport, TurnResult

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
    cites_gold, cites_every_document = 0, 0  # answers quoting a gold passage; citing every gold document
    for case in cases:
        filters = SearchFilters(**case.filters)
        started = time.perf_counter()
        passages = assistant.search(case.question, 10, filters, mode)
        seconds = time.perf_counter() - started
        latencies.append(seconds)
        lengths.extend(len(p.text) for p in passages)
        answer = assistant.ask(case.question, filters) if with_answers else None
        abstained = answer.abstained if answer else False
        if answer is not None and not abstained and not case.unanswerable:
            cites_gold += _cites(assistant, answer, case.answers)
            cited = {c.doc_id for c in answer.citations}
            cites_every_document += {item["doc_id"] for item in case.answers} <= cited
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
        # Of the answerable questions: answers quoting a gold passage, and answers citing every document the gold
        # answer draws on (a grade history: each inspection's line).
        metrics["answer_cites_gold"] = round(cites_gold / counts[False], 4) if counts[False] else 1.0
        metrics["answer_cites_every_doc"] = round(cites_every_document / counts[False], 4) if counts[False] else 1.0
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


def _jsonl(path: Path) -> list[dict]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InvalidInput(f"Cannot read {path}: {error.strerror or error}.") from error
    try:
        return [json.loads(line) for line in lines if line.strip()]
    except ValueError as error:
        raise InvalidInput(f"{path} is not JSON lines: {error}.") from error


def set_kind(path: Path) -> str:
    """ "claims", "conversations" or "questions": what a gold file holds, read from its first entry."""
    first = next(iter(_jsonl(path)), {})
    return "claims" if "claim" in first else "conversations" if "turns" in first else "questions"


def evaluate_claims(assistant, path: Path) -> SetReport:
    """Check every claim of a claim set; accuracy, and how many altered claims passed as verbatim or supported."""
    results = []
    for item in _jsonl(path):
        check = assistant.check(item["claim"])
        results.append(
            ClaimCaseResult(item["id"], item["claim"], item["verdict"], check.verdict.value, item.get("alteration", ""))
        )
    right = sum(r.verdict == r.expected for r in results)
    passed = sum(r.expected == "altered" and r.verdict in ("verbatim", "supported") for r in results)
    confirmed = [r for r in results if r.verdict in ("verbatim", "supported")]
    metrics = {
        "claims": len(results),
        "accuracy": round(right / len(results), 4) if results else 0.0,
        "altered_called_verbatim_or_supported": passed,
        "confirmations_that_are_right": round(
            sum(r.expected == r.verdict for r in confirmed) / len(confirmed), 4
        ) if confirmed else 1.0,
    }  # fmt: skip
    return SetReport("claims", metrics, results)


def _cites(assistant, answer, gold: list[dict]) -> bool:
    for item in gold:
        document = assistant.documents.get(item["doc_id"])
        if document is None:
            raise InvalidInput(f"Gold answer names {item['doc_id']!r}, which is not in the index.")
        start = document.text.find(item["text"])
        while start >= 0:
            end = start + len(item["text"])
            if any(c.doc_id == item["doc_id"] and c.start < end and start < c.end for c in answer.citations):
                return True
            start = document.text.find(item["text"], start + 1)
    return False


def evaluate_conversations(assistant, path: Path) -> SetReport:
    """Play each conversation turn by turn through `Assistant.ask(history=...)` and score every turn."""
    results = []
    for conversation in _jsonl(path):
        history = []
        for n, turn in enumerate(conversation["turns"], start=1):
            answer = assistant.ask(turn["question"], history=history)
            history.append(answer)
            unanswerable = bool(turn.get("unanswerable"))
            results.append(
                TurnResult(
                    f"{conversation['id']}.{n}",
                    turn["question"],
                    answer.searched_for,
                    bool(turn.get("refers_back")),
                    bool(answer.query and answer.query.intent.follow_up),
                    unanswerable,
                    answer.abstained,
                    (not answer.abstained) and not unanswerable and _cites(assistant, answer, turn["answers"]),
                )
            )

    def share(items, test) -> float:
        return round(sum(map(test, items)) / len(items), 4) if items else 1.0

    answerable = [r for r in results if not r.unanswerable]
    metrics = {
        "turns": len(results),
        "answered": share(answerable, lambda r: not r.abstained),
        "cites_gold": share(answerable, lambda r: r.cites_gold),
        "cites_gold_fresh": share([r for r in answerable if not r.refers_back], lambda r: r.cites_gold),
        "cites_gold_follow_ups": share([r for r in answerable if r.refers_back], lambda r: r.cites_gold),
        "abstention_recall": share([r for r in results if r.unanswerable], lambda r: r.abstained),
        "follow_up_reading": share(results, lambda r: r.follow_up == r.refers_back),
    }
    return SetReport("conversations", metrics, results)


def format_set_report(report: SetReport) -> str:
    """Metrics, then the cases that went wrong."""
    lines = [f"{name:<40}{value:>10}" for name, value in report.metrics.items()]
    for r in report.results:
        if isinstance(r, ClaimCaseResult) and r.verdict != r.expected:
            lines.append(f"- {r.case_id}: expected {r.expected}{f' ({r.alteration})' if r.alteration else ''}, "
                         f"got {r.verdict}: {r.claim[:120]}")  # fmt: skip
        elif isinstance(r, TurnResult) and (
            r.abstained != r.unanswerable or (not r.unanswerable and not r.cites_gold) or r.follow_up != r.refers_back
        ):
            state = f"follow-up {r.follow_up}/{r.refers_back}, abstained {r.abstained}, gold cited {r.cites_gold}"
            lines.append(f"- {r.case_id}: {r.question!r} searched for {r.searched_for!r} ({state})")
    return "\n".join(lines)
