"""Everything shown to people as text: answers, passages, claim checks and audits (Markdown, plain text, CSV, JSON)."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from dataclasses import asdict

from .errors import InvalidInput
from .types import Answer, AuditReport, AuditRow, ClaimCheck, DiffOp, Passage, Verdict

AUDIT_FORMATS = ("md", "csv", "json")  # names, not words
# A spreadsheet runs a cell starting with one of these as a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What GFM (marked, as Gradio renders Markdown) turns into a link by itself: a scheme, "www." and an e-mail
# address; and link or HTML syntax. A backslash before the punctuation keeps the text and stops the link.
# names, not words
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp|mailto|file|javascript|data|vbscript)(?=:)|\bwww(?=\.)|(?<=\w)(?=@\w)")
_LINK_SYNTAX = re.compile(r"([<>]|(?<=\])[(:\[])")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: one starting with = + - @ tab or CR gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def break_autolinks(text: str) -> str:
    """Markdown that shows URLs and e-mail addresses of document text as text, never as links."""
    return _AUTOLINK.sub(lambda match: match.group(0) + "\\", text)


def inert_markdown(text: str) -> str:
    """Document text for a Markdown export: no HTML, no links, no autolinks; the words unchanged."""
    return break_autolinks(_LINK_SYNTAX.sub(r"\\\1", text))


def _quote_block(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def answer_markdown(answer: Answer) -> str:
    """Question, answer (with its [n] markers) and a numbered source list with quotes, dates and spans."""
    lines = [f"**Question:** {inert_markdown(answer.question)}", ""]
    if answer.filters:
        lines += [f"*Filters: {answer.filters}*", ""]
    lines += [inert_markdown(answer.answer), ""]
    if answer.citations:
        lines.append("**Sources**")
        lines.append("")
        for c in answer.citations:
            where = f"characters {c.start}-{c.end}" + (f", page {c.page}" if c.page else "")
            lines.append(
                f"[{c.n}] *{inert_markdown(c.title)}* ({c.kind}, {c.authority or 'no authority'}, "
                f"{c.date or 'undated'}; {where})"
            )
            lines.append("")
            lines.append(_quote_block(inert_markdown(c.quote)))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def format_passages(passages: list[Passage]) -> str:
    """Human-readable ranked passages."""
    if not passages:
        return "No passages match."
    lines = []
    for rank, p in enumerate(passages, start=1):
        where = f"chars {p.start}-{p.end}" + (f", page {p.page}" if p.page else "")
        source = f"{p.kind}, {p.authority or 'no authority'}, {p.date or 'undated'}; {where}"
        lines.append(f"{rank}. [{p.score:.3f}] {p.title} ({source})")
        lines.append(textwrap.indent(textwrap.fill(" ".join(p.text.split()), 100), "   "))
    return "\n".join(lines)


def format_answer(answer: Answer) -> str:
    """The answer, each paragraph wrapped on its own (a voice's quotes, a council's grade line), and its numbered
    citations."""
    lines = ["\n\n".join(textwrap.fill(paragraph, 100) for paragraph in answer.answer.split("\n\n"))]
    if answer.filters:
        lines.append(f"(filters: {answer.filters})")
    for c in answer.citations:
        where = f"chars {c.start}-{c.end}" + (f", page {c.page}" if c.page else "")
        lines.append(f"[{c.n}] {c.title} ({c.kind}, {c.authority}, {c.date}; {where})")
    return "\n".join(lines)


def format_check(check: ClaimCheck) -> str:
    """Human-readable verdict, note, evidence and diff."""
    lines = [f"{check.verdict.value.upper()}: {check.explanation}"]
    if check.source_note:
        lines.append(f"Source: {check.source_note}.")
    for n, e in enumerate(check.evidence, start=1):
        where = f"chars {e.start}-{e.end}" + (f", page {e.page}" if e.page else "")
        lines.append(f"[{n}] {e.title} ({e.kind}, {e.authority}, {e.date}; {where})")
        lines.append(textwrap.indent(textwrap.fill(" ".join(e.quote.split()), 100), "    "))
    if check.diff:
        lines.append("Diff (claim against source): " + render_diff(check.diff))
    return "\n".join(lines)


def render_diff(diff: list[DiffOp]) -> str:
    """The word diff in plain text: [-source words-] {+claim words+}."""
    parts = []
    for op in diff:
        if op.op == "equal":
            parts.append(op.claim_text)
        else:
            if op.source_text:
                parts.append(f"[-{op.source_text}-]")
            if op.claim_text:
                parts.append(f"{{+{op.claim_text}+}}")
    return " ".join(parts)


def _evidence_cell(check: ClaimCheck) -> str:
    if not check.evidence:
        return ""
    e = check.evidence[0]
    quote = " ".join(e.quote.split())
    quote = quote if len(quote) <= 240 else quote[:237] + "..."
    label = "closest" if check.verdict is Verdict.NOT_FOUND else "evidence"
    return f"{label}: “{quote}” ({e.title}, {e.date}, chars {e.start}-{e.end})"


def audit_verdict(row: AuditRow) -> str:
    """The verdict cell of an audit row: a claim nothing confirms that the document does not attribute to Ofsted
    (its own statement, a named person's quote, a headline) is shown as what it is, not as a failure."""
    verdict = row.check.verdict
    if verdict is Verdict.NOT_FOUND and row.attribution and row.attribution != "inspectors":
        return {"council spokesperson": "quote", "council": "own statement"}.get(row.attribution, row.attribution)
    flag = " (Ofsted-attributed)" if row.attribution == "inspectors" and verdict in _UNCONFIRMED else ""
    return verdict.value + flag


_UNCONFIRMED = (Verdict.ALTERED, Verdict.REWORDED, Verdict.NOT_FOUND)


def _row_note(check: ClaimCheck) -> str:
    note = render_diff(check.diff) if check.verdict in (Verdict.ALTERED, Verdict.REWORDED) else ""
    shown = check.explanation if check.verdict in (Verdict.ALTERED, Verdict.REWORDED) else ""
    return "; ".join(x for x in (note, shown, check.source_note) if x)


def render_audit(report: AuditReport, fmt: str = "md") -> str:
    """The audit as a Markdown table, CSV or JSON; rows as the report orders them (Ofsted-attributed claims that
    are not confirmed first)."""
    if fmt not in AUDIT_FORMATS:
        raise InvalidInput(f"format {fmt!r}: use one of {', '.join(AUDIT_FORMATS)}.")
    if fmt == "json":
        return json.dumps(asdict(report), ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        columns = "n verdict shown_as claim attributed_to explanation source_note evidence diff"
        writer.writerow(columns.split())
        for row in report.rows:
            c = row.check
            diff = render_diff(c.diff) if c.verdict in (Verdict.ALTERED, Verdict.REWORDED) else ""
            cells = [row.n, c.verdict.value, audit_verdict(row), row.claim, row.attribution, c.explanation,
                     c.source_note, _evidence_cell(c), diff]  # fmt: skip
            writer.writerow([csv_cell(value) for value in cells])
        return out.getvalue()
    cell = lambda text: " ".join(str(text).split()).replace("|", "\\|")  # noqa: E731
    lines = [f"# Audit: {report.title}", "", f"{report.kind}, {report.authority or 'no authority'}, {report.date}."]
    lines.append("Checked against: " + ("; ".join(report.against) or "nothing (see below)") + ".")
    lines += [f"> {w}" for w in report.warnings]
    lines.append("")
    lines.append(
        "Counts: " + ", ".join(f"{v} {n}" for v, n in report.counts.items()) + f" ({len(report.rows)} claims)."
    )
    ofsted = [r for r in report.rows if r.attribution == "inspectors"]
    problems = [r for r in ofsted if r.check.verdict in _UNCONFIRMED]
    lines.append(
        f"Attributed to Ofsted: {len(ofsted)} claims, {len(problems)} not confirmed by the sources (listed first)."
    )
    lines += ["", "| # | verdict | claim | attributed to | best evidence | diff / note |", "|---|---|---|---|---|---|"]
    for row in report.rows:
        c = row.check
        lines.append(
            f"| {row.n} | {audit_verdict(row)} | {cell(row.claim)} | {row.attribution} | {cell(_evidence_cell(c))} "
            f"| {cell(_row_note(c))} |"
        )
    return "\n".join(lines)
