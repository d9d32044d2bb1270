"""Side-by-side answers: "A vs B", "compare A and B" answered once per council, each under its council's name."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..types import Answer, Citation, Query


def side_by_side(query: Query, councils: list[str], answer_for: Callable[[str], Answer]) -> Answer | None:
    """One answer per council (answer_for(council) searches within it), numbered through; None when every council's
    documents are silent (the caller then abstains)."""
    parts: list[str] = []
    citations: list[Citation] = []
    silent: list[str] = []
    for council in councils:
        answer = answer_for(council)
        if answer.abstained or not answer.citations:
            silent.append(council)
            parts.append(f"{council}: the documents about {council} do not answer this.")
            continue
        offset = len(citations)
        citations += [replace(c, n=c.n + offset) for c in answer.citations]
        text = re.sub(r"\[(\d+)\]", lambda m, by=offset: f"[{int(m.group(1)) + by}]", answer.answer)
        parts.append(f"{council}:\n\n{text}")
    if len(silent) == len(councils):
        return None
    searched = f"{query.searched_for} (each of {', '.join(councils)})"
    return Answer(query.text, "\n\n".join(parts), False, citations, searched, "", query)
