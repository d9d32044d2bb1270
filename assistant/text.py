"""Tokens: the one place that says what a word, a topic word, a stem and a sentence are (used by every stage)."""

from __future__ import annotations

import re
import threading
from datetime import date
from functools import lru_cache

from .domain.words import words

YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Characters that close a sentence (a closing quote or bracket may follow the full stop).
SENTENCE_END = frozenset(".!?\"'’”)")


# A word as people type it: letters, with inner apostrophes or hyphens.
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def topic_terms(text: str) -> list[str]:
    """Lower-cased words that carry the text's topic (no stop words or generic domain words)."""
    stop = words().stop
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in stop and len(w) > 1]


def meaning_words(text: str) -> set[str]:
    """The topic words of a text that the embedding model compares by meaning (whole words of three letters or
    more): an unmatched question word counts as found when one of these means nearly the same."""
    return {w for w in topic_terms(text) if w.isalpha() and len(w) > 2}


@lru_cache(maxsize=1)
def _reporting_stems() -> frozenset[str]:
    return frozenset(stems(list(words().reporting_verbs)))


def is_phrasing(term: str) -> bool:
    """Whether a question word says how a finding is put rather than what it is about: an everyday chat word, or
    a verb that reports a finding in any of its forms ("what did inspectors identify" for "identified")."""
    return term in words().phrasing or stems([term])[0] in _reporting_stems()


@lru_cache(maxsize=1)
def stemmer():
    """The Snowball English stemmer, shared by lexical search, answer scoring and claim checks."""
    import Stemmer

    return Stemmer.Stemmer("english")


def stems(tokens: list[str]) -> list[str]:
    """Snowball stems of lower-cased tokens."""
    return stemmer().stemWords(tokens)


def tokenize_for_bm25(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stop-word-free, stemmed tokens (the same for the corpus and queries)."""
    import bm25s

    return bm25s.tokenize(texts, stopwords="en", stemmer=stemmer(), return_ids=False, show_progress=False)


_per_thread = threading.local()


def sentence_segmenter():
    """pysbd's sentence segmenter with character spans; one per thread, as it keeps state between calls."""
    segmenter = getattr(_per_thread, "segmenter", None)
    if segmenter is None:
        import pysbd

        segmenter = _per_thread.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return segmenter


def sentence_spans(text: str) -> list[tuple[int, int, bool]]:
    """The sentences of a text as (start, end, bulleted): pysbd's sentences cut at line breaks (bullets and
    headings are separate statements), bullets and paragraph numbers ("45. ") trimmed off the front and
    whitespace off the end. Ingest stores them per passage with their vectors; answers read them from there."""
    spans = []
    for segment in sentence_segmenter().segment(text):
        position = segment.start
        for line in segment.sent.split("\n"):
            start, piece = position, line
            position += len(line) + 1
            if not piece.strip():
                continue
            leading = re.match(r"^(?:[\s\-•*–]+|\d{1,3}\.\s+)+", piece)
            if leading:
                start += leading.end()
                piece = piece[leading.end() :]
            piece = piece.rstrip()
            if piece:
                spans.append((start, start + len(piece), bool(leading and leading.group(0).strip())))
    return spans


def iso_date(day: str, month: str, year: str) -> str:
    """ "6", "December", "2019" -> "2019-12-06"; "" when there is no such day."""
    months = [m.title() for m in words().months]
    try:
        return date(int(year), months.index(month.title()) + 1, int(day)).isoformat()
    except ValueError:
        return ""


def last_date(dates: str) -> str:
    """The last day a free-text date range names, as an ISO date ("5 to 9 December 2022 and 14 to 15 February
    2023" -> "2023-02-15"), or "" when it names no full date."""
    months = "|".join(m.title() for m in words().months)
    tokens = re.findall(rf"\b(\d{{4}}|\d{{1,2}}|{months})\b", dates)
    year = next((t for t in reversed(tokens) if len(t) == 4 and t.isdigit()), "")
    month_at = next((i for i in range(len(tokens) - 1, -1, -1) if not tokens[i].isdigit()), -1)
    if not year or month_at < 0:
        return ""
    day = next((tokens[i] for i in range(month_at - 1, -1, -1) if len(tokens[i]) <= 2), "")
    if not day:
        return ""
    return iso_date(day, tokens[month_at], year)


# A sentence standing word for word in this share of the documents (and at least three) is a template's text.
TEMPLATE_SHARE = 0.05
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'])|\n\s*\n")


def sentence_key(text: str) -> str:
    """A sentence as compared across documents: lower-cased, straight quotes, whitespace and line breaks collapsed."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def template_sentences(texts: list[str]) -> frozenset[str]:
    """The keys of prose sentences (six words or more) that stand word for word in many of the texts: text of the
    documents' template ("Her Majesty's Chief Inspector ... is leading Ofsted's work into how England's social care
    system has delivered ...") says nothing of the council a document is about."""
    seen: dict[str, int] = {}
    for text in texts:
        for key in {sentence_key(piece) for piece in _SENTENCE_END.split(text)}:
            # Prose, not a line of a table ("Overall effectiveness: good" is the report's own judgement).
            if len(key.split()) >= 6 and key[-1:] in ".!?":
                seen[key] = seen.get(key, 0) + 1
    least = max(3, TEMPLATE_SHARE * len(texts))
    return frozenset(key for key, count in seen.items() if count >= least)
