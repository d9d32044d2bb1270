"""An answer and its citations as Markdown an officer can paste into a briefing."""

from __future__ import annotations

from .types import Answer


def _quote_block(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def answer_markdown(answer: Answer) -> str:
    """Question, answer (with its [n] markers) and a numbered source list with quotes, dates and spans."""
    lines = [f"**Question:** {answer.question}", ""]
    if answer.filters:
        lines += [f"*Filters: {answer.filters}*", ""]
    lines += [answer.answer, ""]
    if answer.citations:
        lines.append("**Sources**")
        lines.append("")
        for c in answer.citations:
            where = f"characters {c.start}-{c.end}" + (f", page {c.page}" if c.page else "")
            lines.append(
                f"[{c.n}] *{c.title}* ({c.kind}, {c.authority or 'no authority'}, {c.date or 'undated'}; {where})"
            )
            lines.append("")
            lines.append(_quote_block(c.quote))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
