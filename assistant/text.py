"""Small text helpers shared by retrieval, answering and claim checking."""

from __future__ import annotations

import re

# Words that say nothing about a question's topic in this domain: a question made only of these (plus stop
# words) is no evidence that the corpus covers it, and they drown the topic in lexical search.
GENERIC_WORDS = frozenset(
    """ofsted inspector inspectors inspection inspections council councils local authority authorities children
    child service services say said says saying think thought find found report reports letter letters what which
    who whom when where why how does did do is are was were the a an of in on for to and or about with any there
    their our we they it its be been being this that these those has have had can could would should will tell
    me us please anything something much many more most very get got make made kind sort new""".split()
)


def topic_terms(text: str) -> list[str]:
    """Lower-cased words that carry the text's topic (no stop words or generic domain words)."""
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in GENERIC_WORDS and len(w) > 1]
