"""Follow-up questions in a chat: "and what did they say in 2014?" is searched with the topic asked before."""

from __future__ import annotations

import re

from ..domain.authorities import find_authorities
from ..text import YEAR, topic_terms

_FOLLOW_UP_START = re.compile(r"^(and|but|also|so|what about|how about|what of|and what|and how|then)\b", re.IGNORECASE)
_NEW_TOPIC_START = re.compile(r"^(what|how) (about|of)\b", re.IGNORECASE)
_PRONOUNS = re.compile(r"\b(they|them|their|it|its|that|this|those|these|there|he|she)\b", re.IGNORECASE)


def _parts(text: str) -> tuple[list[str], list[str], list[str]]:
    """The text's topic words split into (subject words, years, words of council names)."""
    places = {w for name in find_authorities(text) for w in topic_terms(name)}
    terms = list(dict.fromkeys(topic_terms(text)))
    years = [t for t in terms if YEAR.fullmatch(t)]
    subject = [t for t in terms if t not in places and t not in years]
    return subject, years, [t for t in terms if t in places]


def is_follow_up(question: str) -> bool:
    """Whether the question leans on the one before it (starts with "and", uses a pronoun, or has no topic)."""
    subject, years, places = _parts(question)
    if _FOLLOW_UP_START.match(question.strip()):
        return True
    return len(subject) <= 1 and bool(_PRONOUNS.search(question) or years or places or not subject)


def contextualise(question: str, history: list[str]) -> str:
    """The question to search for: a follow-up gets the previous question's topic words put in front of it.

    The previous subject is carried unless "what about X" names a subject of its own; the previous year and
    council are carried unless the follow-up names its own (so "and in 2015?" replaces 2014, never adds to it).
    """
    question = " ".join(question.split())
    if not history or not is_follow_up(question):
        return question
    subject, years, places = _parts(question)
    old_subject, old_years, old_places = _parts(history[-1])
    carried = [] if _NEW_TOPIC_START.match(question) and len(subject) >= 2 else old_subject
    carried = carried + ([] if years else old_years) + ([] if places else old_places)
    carried = [t for t in carried if t not in subject]
    return f"{' '.join(carried)}: {question}" if carried else question
