"""Small text helpers shared by retrieval, answering and claim checking."""

from __future__ import annotations

import re
import threading

# Words that say nothing about a question's topic in this domain: a question made only of these (plus stop
# words) is no evidence that the corpus covers it, and they drown the topic in lexical search.
GENERIC_WORDS = frozenset(
    [
        "ofsted",
        "inspector",
        "inspectors",
        "inspection",
        "inspections",
        "council",
        "councils",
        "local",
        "authority",
        "authorities",
        "children",
        "child",
        "service",
        "services",
        "say",
        "said",
        "says",
        "saying",
        "think",
        "thought",
        "find",
        "found",
        "report",
        "reports",
        "letter",
        "letters",
        "what",
        "which",
        "who",
        "whom",
        "when",
        "where",
        "why",
        "how",
        "does",
        "did",
        "do",
        "is",
        "are",
        "was",
        "were",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "for",
        "to",
        "and",
        "or",
        "about",
        "with",
        "any",
        "there",
        "their",
        "our",
        "we",
        "they",
        "it",
        "its",
        "be",
        "been",
        "being",
        "this",
        "that",
        "these",
        "those",
        "has",
        "have",
        "had",
        "can",
        "could",
        "would",
        "should",
        "will",
        "tell",
        "me",
        "us",
        "please",
        "anything",
        "something",
        "much",
        "many",
        "more",
        "most",
        "very",
        "get",
        "got",
        "make",
        "made",
        "kind",
        "sort",
        "new",
        "led",
        "lead",
        "grade",
        "graded",
        "rated",
        "rating",
        "judged",
        "judgement",
        "respond",
        "responds",
        "affect",
        "affected",
        "use",
        "uses",
        "used",
        "above",
        "beyond",
        "out",
        "before",
        "after",
        "want",
        "far",
        "doing",
        "done",
        "take",
        "took",
        "wrong",
        "show",
        "shows",
        "enough",
        "long",
        "next",
        "last",
        "latest",
        "happen",
        "happened",
        "going",
        "like",
        "mean",
        "yes",
        "no",
        "not",
        "still",
        "now",
        "ever",
        "all",
        "some",
        "also",
        "just",
        "really",
        "your",
        "my",
        "you",
        "i",
    ]
)


# Everyday verbs and adverbs of a chat question ("did inspectors come", "how is it handled", "any better"): they
# say how a question is asked, not what it is about, so a passage need not contain them to answer it. They still
# help lexical search, so they are left out only when judging whether passages cover a question.
PHRASING_WORDS = frozenset(
    [
        "come",
        "came",
        "go",
        "went",
        "talk",
        "talked",
        "speak",
        "spoke",
        "told",
        "see",
        "seeing",
        "seen",
        "look",
        "looked",
        "handle",
        "handled",
        "deal",
        "dealt",
        "back",
        "up",
        "getting",
        "actually",
        "themselves",
        "better",
        "worse",
        "newer",
        "properly",
        "according",
        "currently",
        "today",
        "moment",
        "right",
        "behind",
        "main",
    ]
)


YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Characters that close a sentence (a closing quote or bracket may follow the full stop).
SENTENCE_END = frozenset(".!?\"'’”)")


def topic_terms(text: str) -> list[str]:
    """Lower-cased words that carry the text's topic (no stop words or generic domain words)."""
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in GENERIC_WORDS and len(w) > 1]


_per_thread = threading.local()


def sentence_segmenter():
    """pysbd's sentence segmenter with character spans; one per thread, as it keeps state between calls."""
    segmenter = getattr(_per_thread, "segmenter", None)
    if segmenter is None:
        import pysbd

        segmenter = _per_thread.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return segmenter
