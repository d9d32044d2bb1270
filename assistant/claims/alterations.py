"""Explicit checks for what changes a claim's meaning: negation, quantifiers, numbers, dates, grades, opposite words.

Each check compares the claim's words with the words of the source span it was aligned to and names what
differs. Domain synonyms ("local authority" = "council") are folded first, so faithful paraphrases pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..domain.opposites import are_opposites
from ..domain.vocabulary import vocabulary
from ..domain.words import words as known_words
from ..text import YEAR, stems

GRADES: tuple[tuple[str, str], ...] = (
    ("requires improvement to be good", "requires improvement"),
    ("requires improvement", "requires improvement"),
    ("requiring improvement", "requires improvement"),
    ("outstanding", "outstanding"),
    ("inadequate", "inadequate"),
    ("good", "good"),
)
# "good" is also an everyday word ("good quality"): it counts as a grade only when the source has another grade.
_EVERYDAY_GRADES = frozenset({"good"})

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*%?")


def words(text: str) -> list[str]:
    """Lower-cased words with straight apostrophes (the unit every check compares)."""
    return _WORD.findall(text.lower().replace("’", "'").replace("‘", "'"))


@lru_cache(maxsize=1)
def _synonym_patterns() -> list[tuple[re.Pattern, str]]:
    groups = [tuple(" ".join(words(form)) for form in group) for group in vocabulary().same]
    pairs = [(variant, group[0]) for group in groups for variant in group[1:]]
    pairs.sort(key=lambda pair: -len(pair[0]))
    return [(re.compile(rf"(?<![a-z0-9']){re.escape(v)}(?![a-z0-9'])"), canonical) for v, canonical in pairs]


def fold_synonyms(text: str) -> str:
    """Lower-cased words with every domain synonym rewritten to one form."""
    folded = " ".join(words(text))
    for pattern, canonical in _synonym_patterns():
        folded = pattern.sub(canonical, folded)
    return folded


def _phrases(folded: str, table: tuple[tuple[str, str], ...]) -> list[str]:
    """Classes of the table's phrases found in `folded`, longest phrase first, without overlaps."""
    found, taken = [], [False] * (len(folded) + 1)
    for phrase, label in sorted(table, key=lambda pair: -len(pair[0])):
        for match in re.finditer(rf"(?<![a-z0-9']){re.escape(phrase)}(?![a-z0-9'])", folded):
            if not any(taken[match.start() : match.end()]):
                taken[match.start() : match.end()] = [True] * (match.end() - match.start())
                found.append(label)
    return found


def negations(folded: str) -> int:
    """How many negating words the text has."""
    known = known_words()
    return sum(1 for w in folded.split() if w in known.negators or w.endswith(known.negation_suffix))


def numbers(folded: str) -> set[str]:
    """Numbers, number words and ordinals, as digits ("third" -> "3rd")."""
    known = known_words()
    found = set()
    for w in folded.split():
        if re.fullmatch(r"\d+(?:st|nd|rd|th)", w):
            found.add(next((k for k, v in known.ordinals.items() if str(v) == w[:-2]), w))
        elif re.fullmatch(r"\d+%?", w):
            found.add(w.rstrip("%"))
        elif w in known.cardinals:
            found.add(str(known.cardinals[w]))
        elif w in known.ordinals and w not in known.ambiguous_numbers:
            found.add(w)
    return found


@dataclass(frozen=True)
class Alteration:
    """One change of meaning: its kind and a sentence saying what it is."""

    kind: str  # negation | quantifier | number | date | grade | opposite
    message: str
    words: tuple[str, ...] = ()  # the words (claim or source) that carry it, for marking the diff


def _stems(folded: str) -> dict[str, str]:
    tokens = folded.split()
    return dict(zip(stems(tokens), tokens, strict=True))


def find_alterations(claim: str, source: str, local: bool = True) -> list[Alteration]:
    """What in `claim` changes the meaning of `source` (empty when nothing does).

    `local` says `source` is the stretch the claim was aligned to, not a whole sentence that may say more: only
    then does dropping a restricting quantifier ("some care leavers" -> "care leavers") count.
    """
    known = known_words()
    c, s = fold_synonyms(claim), fold_synonyms(source)
    found: list[Alteration] = []
    cn, sn = negations(c), negations(s)
    if (cn > 0) != (sn > 0):
        neg = [w for w in (s if sn else c).split() if w in known.negators or w.endswith(known.negation_suffix)]
        change = "drops the source's negation" if sn else "adds a negation the source does not have"
        found.append(Alteration("negation", f"the claim {change} (“{', '.join(neg)}”)", tuple(neg)))
    cq, sq = set(_phrases(c, known.quantifiers)), set(_phrases(s, known.quantifiers))
    if cq - sq or (local and sq & known.restricting and not cq):
        said = ", ".join(sorted(cq)) or "no quantifier"
        found.append(
            Alteration("quantifier", f"the claim says {said}; the source says {', '.join(sorted(sq)) or 'none'}")
        )
    c_numbers, s_numbers = numbers(c), numbers(s)
    years = {n for n in c_numbers | s_numbers if YEAR.fullmatch(n)}
    if (c_numbers - s_numbers) & years:
        found.append(
            Alteration(
                "date",
                f"the claim gives {', '.join(sorted(c_numbers & years))}; "
                f"the source gives {', '.join(sorted(s_numbers & years)) or 'no year'}",
                tuple(sorted((c_numbers | s_numbers) & years)),
            )
        )
    if (c_numbers - s_numbers) - years:
        found.append(
            Alteration(
                "number",
                f"the claim says {', '.join(sorted(c_numbers - years))}; "
                f"the source says {', '.join(sorted(s_numbers - years)) or 'no number'}",
            )
        )
    c_months = {m for m in known.months if m in c.split()} - known.ambiguous_months
    s_months = {m for m in known.months if m in s.split()} - known.ambiguous_months
    if c_months - s_months:
        found.append(Alteration("date", f"the claim says {', '.join(sorted(c_months))}; the source does not"))
    # Grades are read before synonym folding ("requires improvement" must stay whole).
    cg = set(_phrases(" ".join(words(claim)), GRADES))
    sg = set(_phrases(" ".join(words(source)), GRADES))
    if (cg - sg) and (sg or (cg - sg) - _EVERYDAY_GRADES):
        found.append(
            Alteration(
                "grade",
                f"the claim says {', '.join(sorted(cg))}; the source says {', '.join(sorted(sg)) or 'no grade'}",
                tuple(sorted(cg | sg)),
            )
        )
    claim_stems, source_stems = _stems(c), _stems(s)
    only_source = [word for stem, word in source_stems.items() if stem not in claim_stems]
    for stem, word in claim_stems.items():
        if stem in source_stems:
            continue
        swapped = [other for other in only_source if are_opposites(word, other)]
        if swapped:
            found.append(
                Alteration("opposite", f"the claim says “{word}” where the source says “{swapped[0]}”", (word,))
            )
    return found
