"""Compose a short cited answer from retrieved passages, or abstain with a fixed phrase."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..domain.vocabulary import vocabulary
from ..domain.words import alternation, words
from ..ingest.embedding import Embedder
from ..text import sentence_segmenter, tokenize_for_bm25, topic_terms
from ..types import Answer, Citation, Document, Passage, Query

# Tests and the UI match on this phrase: it is the whole answer, or its first sentence, when the assistant abstains.
NO_ANSWER = "The documents do not answer this question."


@dataclass(frozen=True)
class Sentence:
    """A sentence inside a passage, with its offsets in the document."""

    passage: Passage
    start: int
    end: int
    text: str
    previous_start: int = -1  # start of the sentence before it in the same paragraph, or -1




def _dangling() -> re.Pattern:
    """A sentence opening with a pronoun or connective leans on the sentence before it ("They are also ...")."""
    return re.compile(rf"^(?:{alternation(words().dangling_openings)})\b", re.IGNORECASE)


def split_sentences(passage: Passage, document: Document) -> list[Sentence]:
    """Sentences of a passage, trimmed of bullets and whitespace, each an exact span of the document."""
    sentences = []
    for span in sentence_segmenter().segment(passage.text):
        for piece_start, piece in _lines(span.sent, span.start):
            start = passage.start + piece_start
            text = piece
            leading = re.match(r"^[\s\-•*–]+", text)
            if leading:
                start += leading.end()
                text = text[leading.end() :]
            text = text.rstrip()
            if len(re.findall(r"[A-Za-z]{2,}", text)) < 6:  # headings, dates, links, fragments
                continue
            end = start + len(text)
            assert document.text[start:end] == text
            previous = sentences[-1] if sentences else None
            same_paragraph = previous is not None and "\n" not in document.text[previous.end : start]
            sentences.append(Sentence(passage, start, end, text, previous.start if same_paragraph else -1))
    return sentences


def with_context(sentence: Sentence, document: Document) -> Sentence:
    """The sentence, extended back over the one before it when it opens with a pronoun that needs it."""
    if sentence.previous_start < 0 or not _dangling().match(sentence.text):
        return sentence
    start = sentence.previous_start
    return Sentence(sentence.passage, start, sentence.end, document.text[start : sentence.end])


def _lines(text: str, offset: int) -> list[tuple[int, str]]:
    """Split a segment at line breaks (bullets and headings are separate statements)."""
    pieces, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            pieces.append((offset + position, line))
        position += len(line) + 1
    return pieces


def _alternatives(term: str) -> list[str]:
    """The term and the report's words for it: an abbreviation's expansions, an everyday phrasing's report words."""
    vocab = vocabulary()
    found = [term]
    for entry in vocab.terms:
        if term in (form.casefold() for form in entry.typed_forms()):
            found += list(entry.expansions)
    for phrasings, report in vocab.plain:
        if any(term in phrasing.split() for phrasing in phrasings):
            found.append(report)
    for group in vocab.same:
        if term in group:
            found += [form for form in group if form != term]
    return found


def topic_coverage(query: Query, passages: list[Passage]) -> tuple[float, list[str]]:
    """Share of the question's topic words found in the passages, and the words not found.

    A word counts as found when most of its stems are there, or when the report's words for it are (an
    abbreviation's expansion, an everyday phrasing's report words, a word of the same meaning).
    """
    present = {stem for tokens in tokenize_for_bm25([p.text for p in passages]) for stem in tokens}
    found, missing = 0, []
    for term in query.topic:
        options = [tokenize_for_bm25([option])[0] for option in _alternatives(term)]
        options = [stems for stems in options if stems]
        if not options:
            continue
        if any(sum(stem in present for stem in stems) * 2 >= len(stems) for stems in options):
            found += 1
        else:
            missing.append(term)
    counted = found + len(missing)
    return (found / counted if counted else 1.0), missing


def abstention(query: Query, passages: list[Passage], min_similarity: float, min_coverage: float) -> str:
    """The reason to abstain, or "" when the passages can answer.

    Two measured signals (see README): the best passage's cosine similarity, and the share of the question's
    topic words that the top passages contain (questions about parking or bins fail the second).
    """
    if not passages:
        return "nothing in the documents matches it"
    if max(p.dense_score for p in passages) < min_similarity:
        return "no passage is close enough to the question"
    coverage, missing = topic_coverage(query, passages[:3])
    if coverage < min_coverage:
        return "the closest passages say nothing about " + ", ".join(missing[:4])
    return ""


def _figure_patterns() -> dict[str, re.Pattern]:
    """What states each kind of figure: money a sum, a share a percentage or fraction, a count a number."""
    w = words()
    units = alternation(tuple(u for u in w.money_units if u != "£"))
    number_words = alternation(tuple(w.cardinals) + tuple(w.ordinals) + ("thousand", "million", "half", "quarter",
                                                                            "third", "dozen", "once", "twice"))
    return {
        "a sum of money": re.compile(rf"£\s*\d|\b\d[\d,.]*\s*(?:{units})\b", re.I),
        "a percentage or share": re.compile(
            rf"\d\s*%|\b(?:{alternation(w.share_words)})\b|\b\d+ (?:in|out of) \d+\b", re.I
        ),
        "a number": re.compile(rf"\b(?!(?:19|20)\d\d\b)\d[\d,.]*%?|\b(?:{number_words})\b", re.I),
    }


def missing_figure(query: Query, citations: list[Citation]) -> str:
    """The kind of figure the question asks for when no quote states one, else ""."""
    if not query.intent.figure:
        return ""
    states = _figure_patterns()[query.intent.figure]
    return "" if any(states.search(c.quote) for c in citations) else query.intent.figure


def compose_answer(
    query: Query,
    passages: list[Passage],
    documents: dict[str, Document],
    embedder: Embedder,
    max_sentences: int = 3,
    min_similarity: float = 0.25,
) -> tuple[str, list[Citation]]:
    """Pick the sentences that best answer the question; each becomes a verbatim quote with a citation."""
    question = query.searched_for
    candidates: list[Sentence] = []
    for passage in passages[:5]:
        candidates.extend(split_sentences(passage, documents[passage.doc_id]))
    if not candidates:
        return "", []
    vectors = embedder.embed([question] + [s.text for s in candidates])
    similarity = vectors[1:] @ vectors[0]
    rank_bonus = {p.chunk_id: 0.05 * (4 - i) for i, p in enumerate(passages[:5])}
    # A sentence that names the question's topic words beats one that is merely about the same area.
    topic = set(tokenize_for_bm25([" ".join(topic_terms(question))])[0])
    sentence_stems = tokenize_for_bm25([s.text for s in candidates]) if topic else [[] for _ in candidates]
    scores = np.array(
        [
            similarity[i]
            + rank_bonus[s.passage.chunk_id]
            + 0.15 * len(topic & set(sentence_stems[i])) / max(len(topic), 1)
            - (0.0 if s.text.endswith((".", "!", "?", "”", '"', "’", "'", ")")) else 0.15)  # list items, headings
            - (0.2 if s.text[:1].islower() else 0.0)  # the tail of a list: it needs the sentence that opens it
            for i, s in enumerate(candidates)
        ]
    )
    chosen: list[Sentence] = []
    for i in np.argsort(-scores):
        sentence = candidates[i]
        if len(chosen) >= max_sentences or (chosen and similarity[i] < min_similarity):
            break
        if any(_same_place(sentence, other) or _similar(sentence.text, other.text) for other in chosen):
            continue
        chosen.append(sentence)
    citations, parts = [], []
    for n, sentence in enumerate(chosen, start=1):
        passage = sentence.passage
        document = documents[passage.doc_id]
        sentence = with_context(sentence, document)
        citations.append(
            Citation.from_span(document, n, sentence.start, sentence.end, passage.chunk_id, passage.heading)
        )
        parts.append(f"{sentence.text} [{n}]")
    if len({c.authority for c in citations}) > 1:
        # Quotes about several councils: say which council and year each one is about before it.
        parts = [f"{source_label(c)}: {part}" for c, part in zip(citations, parts, strict=True)]
    return " ".join(parts), citations


def source_label(citation: Citation) -> str:
    """ "Leicester (2016)": the council and year a quote comes from, put before it when an answer mixes councils."""
    year = f" ({citation.date[:4]})" if citation.date else ""
    return f"{citation.authority or 'No council'}{year}"


def _same_place(a: Sentence, b: Sentence) -> bool:
    return a.passage.doc_id == b.passage.doc_id and a.start < b.end and b.start < a.end


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a, b) >= 90


def abstained_answer(question: str, reason: str, searched_for: str = "", filters: str = "") -> Answer:
    """The fixed abstention answer, with the reason after it."""
    text = NO_ANSWER + (f" ({reason[0].upper()}{reason[1:]}.)" if reason else "")
    return Answer(question=question, answer=text, abstained=True, searched_for=searched_for, filters=filters)
