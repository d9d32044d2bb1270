"""Follow-up questions in a chat: "and what did they say in 2014?" is searched with the topic asked before."""

from __future__ import annotations

import re

from .text import topic_terms

_FOLLOW_UP_START = re.compile(r"^(and|but|also|so|what about|how about|what of|and what|and how|then)\b", re.IGNORECASE)
_PRONOUNS = re.compile(r"\b(they|them|their|it|its|that|this|those|these|there|he|she)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def is_follow_up(question: str) -> bool:
    """Whether the question leans on the one before it (starts with "and", uses a pronoun, or has no topic)."""
    own_topic = [t for t in topic_terms(question) if not _YEAR.fullmatch(t)]
    if _FOLLOW_UP_START.match(question.strip()):
        return True
    return len(own_topic) <= 1 and bool(_PRONOUNS.search(question) or _YEAR.search(question) or not own_topic)


def contextualise(question: str, history: list[str]) -> str:
    """The question to search for: a follow-up gets the previous question's topic words put in front of it."""
    question = " ".join(question.split())
    if not history or not is_follow_up(question):
        return question
    previous = history[-1]
    topic = " ".join(dict.fromkeys(topic_terms(previous)))
    return f"{topic}: {question}" if topic else question
