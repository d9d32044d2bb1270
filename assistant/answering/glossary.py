"""Glossary lines for the sector terms an answer uses (PA, ILACS, SGO, staying put, ...): the one-line plain-English
definitions of domain/vocabulary.toml, shown under the answer and in its export."""

from __future__ import annotations

from ..domain.vocabulary import vocabulary
from ..types import Answer


def glossary(answer: Answer) -> list[tuple[str, str]]:
    """(term, definition) for each sector term the answer's quotes or question name, in the order of the vocabulary."""
    if answer.abstained:
        return []
    text = " ".join([answer.question, *(c.quote for c in answer.citations)])
    seen: set[str] = set()
    lines = []
    for term in vocabulary().terms_in(text):
        if term.definition not in seen:
            seen.add(term.definition)
            lines.append((term.short, term.definition))
    return lines


def glossary_markdown(answer: Answer) -> str:
    """The glossary as Markdown lines ("**PA**: Personal adviser: ..."), or "" when the answer names no term."""
    lines = glossary(answer)
    if not lines:
        return ""
    return "**Terms used**\n\n" + "\n".join(f"- **{term}**: {definition}" for term, definition in lines)
