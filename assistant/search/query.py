"""The Query value: everything search, answering and claim checking need to know about a question, built once.

A question is cleaned, read against the conversation (a follow-up borrows the council, year or topic it points
back to; a question with its own subject starts fresh), and annotated with what the domain knows: the report's
words for abbreviations and everyday phrasings, its topic words, the councils and years it names, and its
intent (a grade question, a figure question, a comparison).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..domain.authorities import find_authorities
from ..domain.vocabulary import vocabulary
from ..domain.words import alternation, words
from ..errors import EmptyQuery, InvalidInput
from ..text import WORD, YEAR, phrasing_words, topic_terms
from ..types import Intent, Query


def clean_text(text: object, limit: int, what: str = "question") -> str:
    """The text with whitespace normalised; EmptyQuery or InvalidInput when it is empty, too long or not text."""
    if text is None or not str(text).strip():
        raise EmptyQuery(f"The {what} is empty: type a {what} in plain words.")
    text = " ".join(str(text).split())
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"The {what} contains characters that are not valid text; retype it.") from None
    if len(text) > limit:
        raise InvalidInput(f"The {what} is {len(text)} characters long; the limit is {limit}.")
    return text


def expansions_for(text: str) -> tuple[str, ...]:
    """The report's words for the abbreviations and everyday phrasings in a text, without repeats."""
    vocab = vocabulary()
    found: list[str] = []
    for word in WORD.findall(text):
        term = vocab.term_for(word.strip("'’").removesuffix("'s").removesuffix("’s"))
        if term and term.expansions[0] not in found:
            found.append(term.expansions[0])
    for report in vocab.report_words(text):
        if report not in found:
            found.append(report)
    return tuple(found)


def _pattern(phrases) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{alternation(phrases)})(?![\w-])", re.IGNORECASE)


def asks_for_grade(text: str) -> bool:
    """Whether a question asks how something was graded ("How were care leavers judged?")."""
    grade_words = next((says for says, report in vocabulary().plain if report == "judgement"), ())
    return bool(_pattern(grade_words + ("judgement", "judgements", "overall effectiveness")).search(text))


def figure_asked(text: str) -> str:
    """The kind of figure a question asks for, or ""."""
    w = words()
    lowered = text.lower()
    if "how much" in lowered and _pattern(w.money_question).search(lowered.replace("how much", "")) or "£" in text:
        return "a sum of money"
    if re.search(r"\bwhat (is|was|were|are) the (budget|cost|spend)\b", lowered):
        return "a sum of money"
    if _pattern(tuple(p for p in w.share_question if p != "%")).search(lowered) or "%" in text:
        return "a percentage or share"
    if _pattern(w.count_question).search(lowered) or re.search(r"\bhow much (is|are|money|funding)\b", lowered):
        return "a number"
    return ""


def is_comparison(text: str, authorities: Sequence[str]) -> bool:
    """Whether a question compares places ("Leicester vs Rotherham", "compare A and B")."""
    return len(authorities) >= 2 or bool(_pattern(words().comparison_markers).search(text))


def _subject_terms(text: str, authorities: Sequence[str]) -> list[str]:
    places = {t for name in authorities for t in topic_terms(name)}
    return [t for t in dict.fromkeys(topic_terms(text)) if t not in places and not YEAR.fullmatch(t)]


def refers_back(text: str) -> bool:
    """Whether a question leans on what came before: it opens like a follow-up ("and ...", "what about ..."), or
    it has at most one subject word and points back with a pronoun, or names only a council or a year."""
    lowered = text.strip().lower()
    w = words()
    if re.match(rf"(?:{alternation(w.follow_up_openings)})\b", lowered):
        return True
    named = find_authorities(text)
    subject = [t for t in _subject_terms(text, named) if t not in phrasing_words()]
    points_back = any(token in w.pronouns for token in re.findall(r"[a-z']+", lowered))
    years = YEAR.findall(text)
    return len(subject) <= 1 and (points_back or bool(years) or bool(named) or not subject)


def build_query(question: str, history: Sequence[Query] = (), limit: int = 2000, what: str = "question") -> Query:
    """The Query for a question (or claim), read against the conversation so far (most recent last)."""
    text = clean_text(question, limit, what)
    named = find_authorities(text)
    years = tuple(sorted(set(YEAR.findall(text))))
    follow_up = bool(history) and refers_back(text)
    context_words: list[str] = []
    authorities = list(named)
    if follow_up:
        previous = history[-1]
        own_subject = [t for t in _subject_terms(text, named) if t not in phrasing_words()]
        opens_new_topic = re.match(r"^(what|how) (about|of)\b", text, re.IGNORECASE) and len(own_subject) >= 2
        if not opens_new_topic:
            context_words += [t for t in previous.topic if t not in own_subject]
        if not years and previous.years:
            years = previous.years
            context_words += list(previous.years)
        if not named and previous.authorities:
            authorities = list(previous.authorities)
            context_words += list(previous.authorities)
    expansions = expansions_for(text)
    topic = _subject_terms(text, authorities)
    topic = [t for t in topic if t not in phrasing_words()]
    if follow_up:
        topic = list(dict.fromkeys([t for t in history[-1].topic if t in context_words] + topic))
    return Query(
        text=text,
        context=" ".join(dict.fromkeys(context_words)),
        expansions=expansions,
        topic=tuple(topic),
        authorities=tuple(authorities),
        years=years,
        intent=Intent(
            grade=asks_for_grade(text),
            figure=figure_asked(text),
            comparison=is_comparison(text, named),
            follow_up=follow_up,
        ),
    )
