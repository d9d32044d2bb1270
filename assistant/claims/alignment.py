"""Align a claim to source text: exact matching (with ellipses), sentence spans, local fuzzy alignment, word diff.

Matching works on words: lower-cased, curly quotes made straight, punctuation and whitespace ignored. Every span
returned is an exact character range of the source text, so `text[start:end]` is what the user is shown.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..text import SENTENCE_END, sentence_segmenter
from ..types import DiffOp

# "...", "…", ". . .", "[...]", "(…)" stand for omitted words.
ELLIPSIS = re.compile(r"\s*(?:[\[(]\s*)?(?:\.\s*){3,}(?:\s*[\])])?|\s*(?:[\[(]\s*)?…(?:\s*[\])])?\s*")
_TOKEN = re.compile(r"[^\W_]+(?:['’‘][^\W_]+)*%?")
# Words an ellipsis may stand for between two quoted pieces (a quote does not leap across a whole letter).
MAX_GAP_WORDS = 120


@dataclass(frozen=True)
class Token:
    """A word and its span in the text it came from."""

    word: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Words of `text`, lower-cased with straight apostrophes, with their character spans."""
    return [
        Token(m.group().lower().replace("’", "'").replace("‘", "'"), m.start(), m.end()) for m in _TOKEN.finditer(text)
    ]


class WordText:
    """A text's words joined by single spaces, for fast exact search that maps back to character spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokens(text)
        self.joined = " " + " ".join(t.word for t in self.tokens) + " "
        self.starts: list[int] = []
        position = 1
        for token in self.tokens:
            self.starts.append(position)
            position += len(token.word) + 1

    def find_all(self, words: list[str], from_token: int = 0) -> list[int]:
        """Indexes of the tokens where the word sequence `words` starts (at or after `from_token`)."""
        if not words:
            return []
        needle = " " + " ".join(words) + " "
        found, position = [], self.starts[from_token] - 1 if from_token < len(self.starts) else len(self.joined)
        while (position := self.joined.find(needle, position)) >= 0:
            found.append(bisect_right(self.starts, position + 1) - 1)
            position += 1
        return found


@dataclass(frozen=True)
class Match:
    """An exact match of a claim's words in a source: the span and the words an ellipsis left out."""

    start: int
    end: int
    omitted: tuple[str, ...] = ()


def split_ellipsis(claim: str) -> list[str]:
    """The pieces of a claim between ellipses."""
    return [piece.strip() for piece in ELLIPSIS.split(claim) if tokens(piece)]


def find_verbatim(claim: str, source: WordText) -> Match | None:
    """The first span of `source` holding the claim's words in order (each ellipsis may skip a few words of the same
    sentence)."""
    pieces = [[t.word for t in tokens(piece)] for piece in split_ellipsis(claim)]
    if not pieces:
        return None
    for first in source.find_all(pieces[0]):
        position, end, omitted = first, first + len(pieces[0]), []
        for piece in pieces[1:]:
            following = [
                i
                for i in source.find_all(piece, end)
                if i - end <= MAX_GAP_WORDS and not _ends_sentence(source, end, i)
            ]
            if not following:
                break
            gap = source.tokens[end - 1].end, source.tokens[following[0]].start
            omitted.append(" ".join(source.text[gap[0] : gap[1]].split()).strip(" ,;:"))
            end = following[0] + len(piece)
        else:
            return Match(source.tokens[position].start, source.tokens[end - 1].end, tuple(omitted))
    return None


def _ends_sentence(source: WordText, end: int, following: int) -> bool:
    """Whether the words an ellipsis leaves out (between token `end` - 1 and token `following`) end a sentence: an
    ellipsis stands for words of one sentence."""
    gap = source.text[source.tokens[end - 1].end : source.tokens[following].start]
    return bool(re.search(r"[.!?]['\"”’)]*\s|\n\s*\n", gap))


def sentence_spans(text: str, min_words: int = 3) -> list[tuple[int, int]]:
    """(start, end) of each sentence, split again at line breaks, trimmed of bullets, paragraph numbers and
    whitespace."""
    spans: list[tuple[int, int]] = []
    # Paragraph by paragraph (no sentence crosses a blank line): the segmenter is several times faster on short
    # texts than on a whole 120,000-character report.
    for block in _PARAGRAPH.finditer(text):
        paragraph, base, cursor = block.group(0), block.start(), 0
        for segment in sentence_segmenter().segment(paragraph):
            start = (
                paragraph.find(segment.sent, cursor)
                if paragraph[segment.start : segment.end] != segment.sent
                else segment.start
            )
            if start < 0:
                continue
            cursor = start + len(segment.sent)
            offset = base + start
            for line in segment.sent.split("\n"):
                # Without bullets and a paragraph's number ("15. ", "26.A"): the number is no word of the sentence,
                # and the model finds a sentence opening with one far from the same words without it.
                stripped = re.match(r"^[\s\-•*–·]*(?:\d{1,3}\.(?:\s+|(?=[A-Z])))?(.*?)\s*$", line)
                if stripped and len(tokens(stripped.group(1))) >= min_words:
                    spans.append((offset + stripped.start(1), offset + stripped.end(1)))
                offset += len(line) + 1
    return _join_broken_sentences(text, spans)


_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")


_CLAUSE_END = SENTENCE_END | {":", ";"}


def _join_broken_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a span that stops mid-sentence to the next when only blank space parts them (a page break in the source)."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            previous_start, previous_end = joined[-1]
            gap = text[previous_end:start]
            if not gap.strip() and text[previous_end - 1] not in _CLAUSE_END and text[start].islower():
                joined[-1] = (previous_start, end)
                continue
        joined.append((start, end))
    return joined


@dataclass(frozen=True)
class Alignment:
    """The part of a source unit a claim aligns to, and the word diff between them."""

    start: int  # character span in the source text
    end: int
    ratio: float  # 0-100: shared words against all words of the claim and the span
    core_ratio: float  # the same, leaving out claim words before the first and after the last shared word
    diff: list[DiffOp]


# The source words a claim's alignment window holds beyond the claim's own count.
WINDOW_SLACK = 6


def align(claim: str, claim_tokens: list[Token], source: str, start: int, end: int) -> Alignment:
    """Align the claim's words to the best-matching stretch of `source[start:end]` and diff them word by word."""
    unit = [Token(t.word, t.start + start, t.end + start) for t in tokens(source[start:end])]
    claim_words = [t.word for t in claim_tokens]
    if not unit or not claim_words:
        return Alignment(start, end, 0.0, 0.0, [])
    if len(unit) <= len(claim_words) + WINDOW_SLACK:
        return _align_window(claim, claim_tokens, source, unit, start, end)
    # The window where the claim's characters match best; but where the source says more before the words the two
    # share, that window starts past the claim's opening words, and the window where most of the claim's words
    # stand in order starts at them.
    size = len(claim_words) + WINDOW_SLACK
    unit_words = [t.word for t in unit]
    at = _best_window(claim_words, unit_words)
    found = _align_window(claim, claim_tokens, source, unit[at : at + size], start, end)
    if not found.diff or found.diff[0].op == "equal":
        return found
    shared = _most_shared(claim_words, unit_words)
    if shared < at:
        # Both windows together: the claim's opening words in the one, its closing words in the other.
        other = _align_window(claim, claim_tokens, source, unit[shared : at + size], start, end)
        if other.diff and other.diff[0].op == "equal":
            return other
    return found


def _align_window(
    claim: str, claim_tokens: list[Token], source: str, window: list[Token], start: int, end: int
) -> Alignment:
    """The alignment of the claim's words to the best stretch of `window` (tokens of `source`), and its diff."""
    from rapidfuzz.distance import Indel

    claim_words = [t.word for t in claim_tokens]
    ops = [
        op
        for op in Indel.opcodes([t.word for t in window], claim_words)
        if op.src_end > op.src_start or op.dest_end > op.dest_start
    ]
    equal = [op for op in ops if op.tag == "equal"]
    if not equal:
        return Alignment(start, end, 0.0, 0.0, [])
    # A local alignment: source words before the first and after the last shared word are not part of the span.
    first, last = equal[0].src_start, equal[-1].src_end
    # Where both sides go on after the last shared word (or start before the first), the source words stand for
    # the claim's: "plans [remains too variable]" against "plans [is now consistent]" is part of the match.
    tail = len(claim_words) - equal[-1].dest_end
    if tail and last < len(window):
        last = min(len(window), last + tail)
    head = equal[0].dest_start
    if head and first > 0 and len(claim_words) - head >= 3:
        first = max(0, first - head)
    shared = sum(op.src_end - op.src_start for op in equal)
    inner_claim = equal[-1].dest_end - equal[0].dest_start
    ratio = 200.0 * shared / (last - first + len(claim_words))
    core_ratio = 200.0 * shared / (last - first + inner_claim)
    diff: list[DiffOp] = []
    for op in ops:
        s0, s1 = max(op.src_start, first), min(op.src_end, last)
        if op.tag == "delete" and s1 <= s0:
            continue
        claim_part = claim_tokens[op.dest_start : op.dest_end]
        source_part = window[s0:s1] if op.tag != "insert" else []
        claim_start = claim_part[0].start if claim_part else _boundary(claim_tokens, op.dest_start)
        claim_end = claim_part[-1].end if claim_part else claim_start
        source_text = source[source_part[0].start : source_part[-1].end] if source_part else ""
        previous = diff[-1] if diff else None
        if previous and {previous.op, op.tag} == {"delete", "insert"}:  # a deletion next to an insertion: a swap
            diff[-1] = DiffOp(
                "replace",
                previous.claim_text or claim[claim_start:claim_end],
                previous.source_text or source_text,
                min(previous.claim_start, claim_start) if previous.claim_text else claim_start,
                claim_end if claim_part else previous.claim_end,
            )
            continue
        diff.append(DiffOp(op.tag, claim[claim_start:claim_end], source_text, claim_start, claim_end))
    return Alignment(window[first].start, window[last - 1].end, ratio, core_ratio, diff)


def _best_window(claim_words: list[str], unit_words: list[str]) -> int:
    """Index of the unit word where the claim's best partial character alignment starts, less a little slack."""
    from rapidfuzz import fuzz

    joined = " ".join(unit_words)
    found = fuzz.partial_ratio_alignment(" ".join(claim_words), joined)
    index = joined[: found.dest_start].count(" ")
    return max(0, index - 3)


def _most_shared(claim_words: list[str], unit_words: list[str]) -> int:
    """Index of the unit word where the window sharing most words with the claim, in order, starts (the earliest
    of equals): "Children in the 0–25 disability service receive ..." for "Children in South Gloucestershire
    receive ...", where the characters match best from "disability service receive"."""
    from rapidfuzz.distance import LCSseq

    size = len(claim_words) + WINDOW_SLACK
    starts = range(max(1, len(unit_words) - size + 1))
    return max(starts, key=lambda at: (LCSseq.similarity(claim_words, unit_words[at : at + size]), -at))


def _boundary(claim_tokens: list[Token], index: int) -> int:
    if index < len(claim_tokens):
        return claim_tokens[index].start
    return claim_tokens[-1].end if claim_tokens else 0
