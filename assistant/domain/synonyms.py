"""Words that may stand for one another in a claim, from the shipped WordNet-derived table (synonyms.tsv, generated
by :mod:`assistant.domain.build_opposites`; WordNet licence in ``WORDNET_LICENSE.txt``)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .grades import scheme
from .opposites import base_forms
from .words import classed_quantifiers
from .words import words as known_words

SYNONYMS_PATH = Path(__file__).with_name("synonyms.tsv")


@lru_cache(maxsize=2)
def synonyms(broader: bool = True) -> dict[str, frozenset[str]]:
    """word -> the words it may stand for: its synonyms, and (`broader`, the claims' reading of a reworded
    sentence) its derived forms ("decision" for "decide") and the narrower verbs it is the hypernym of. (A question's
    topic word is not answered by a derived form: "notified" is no "improvement notice".)
    Words with checks of their own (grades, quantifiers, negators, "only") are left out: a synonym must never
    explain away what those checks compare."""
    known = known_words()
    grade_names = [name for grade in scheme().grades for name in grade.names] + list(known.grade_variants or {})
    phrases = [phrase for phrase, _ in classed_quantifiers()] + grade_names
    checked = known.negators | known.only | {word.lower() for phrase in phrases for word in phrase.split()}
    table: dict[str, set[str]] = {}
    for a, b, _pos, relation in _rows():
        if a in checked or b in checked:
            continue
        if relation == "synset" or (relation == "derived" and broader):
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
        elif relation == "hypernym" and broader:
            table.setdefault(b, set()).add(a)  # b may stand for a: a's broader word
    return {word: frozenset(others) for word, others in table.items()}


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, str, str], ...]:
    """The shipped table's rows: (word, other, part of speech, relation)."""
    rows = []
    for line in SYNONYMS_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, b, pos, relation = line.split("\t")[:4]
            rows.append((a, b, pos, relation))
    return tuple(rows)


@lru_cache(maxsize=1)
def _parts_of_speech() -> dict[str, frozenset[str]]:
    """word -> the parts of speech WordNet gives it (n, v, a, s, r), as the shipped table lists its words."""
    found: dict[str, set[str]] = {}
    for a, b, pos, relation in _rows():
        if relation == "derived":  # a pair of two parts of speech
            continue
        found.setdefault(a, set()).add(pos)
        found.setdefault(b, set()).add(pos)
    return {word: frozenset(kinds) for word, kinds in found.items()}


def only_a_verb(word: str) -> bool:
    """Whether WordNet knows the word (in any of its inflections' base forms) only as a verb ("delivers",
    "criticised"; not "runs" or "change", nouns too)."""
    kinds = [_parts_of_speech().get(form) for form in _forms(word.lower())]
    known = [k for k in kinds if k]
    return bool(known) and all(k == {"v"} for k in known)


def explained_by_synonym(word: str, source_words: Iterable[str], broader: bool = True) -> bool:
    """Whether a word of the source is a synonym of `word` (or, `broader`, a narrower verb it names), inflections
    allowed on both sides."""
    table = synonyms(broader)
    wanted = {other for form in _forms(word) for other in table.get(form, ())}
    return bool(wanted) and any(not wanted.isdisjoint(_forms(w)) for w in source_words)


@lru_cache(maxsize=100_000)
def _forms(word: str) -> frozenset[str]:
    """`base_forms`, remembered: a check asks for the forms of every word of every sentence it compares."""
    return frozenset(base_forms(word))
