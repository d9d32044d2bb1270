"""Explicit checks for what changes a claim's meaning: negation, quantifiers, numbers, dates, grades, opposite words.

Each check compares the claim's words with the words of the source span it was aligned to and names what
differs. Domain synonyms ("local authority" = "council") are folded first, so faithful paraphrases pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import YEAR

# Phrases that mean the same in these documents; each is rewritten to the first form before comparing.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("council", "local authority", "authority", "la"),
    ("care leavers", "young people leaving care", "young people who have left care", "care leaver"),
    ("inspectors", "ofsted", "inspector", "her majesty's inspectors", "hmi", "the inspection team"),
    ("children's services", "children and young people's services", "childrens services"),
    ("personal advisers", "pas", "personal adviser"),
    ("education employment and training", "education training and employment", "employment education and training"),
    ("staff", "workers", "workforce", "practitioners"),
    ("social workers", "social worker"),
    ("improving", "getting better", "improve", "improved", "improvement", "improvements"),
    ("weak", "poor", "weaker"),
    ("strong", "robust", "stronger"),
    ("praise", "praised", "commended"),
    ("variable", "inconsistent"),
    ("young people", "children"),
    ("homes", "accommodation", "housing"),
)

NEGATORS = frozenset({"not", "no", "never", "none", "nor", "cannot", "without", "neither", "nobody", "nothing"})

# Quantifier phrases, longest first, grouped by what they claim about how many.
QUANTIFIERS: tuple[tuple[str, str], ...] = (
    ("almost all", "nearly all"),
    ("nearly all", "nearly all"),
    ("vast majority", "nearly all"),
    ("a small number", "few"),
    ("a minority", "few"),
    ("a few", "few"),
    ("a number of", "some"),
    ("most", "most"),
    ("majority", "most"),
    ("all", "all"),
    ("every", "all"),
    ("always", "all"),
    ("consistently", "all"),
    ("many", "many"),
    ("countless", "many"),
    ("numerous", "many"),
    ("several", "some"),
    ("some", "some"),
    ("sometimes", "some"),
    ("few", "few"),
    ("rarely", "few"),
)
# Quantifiers that restrict a statement: dropping one turns "some care leavers" into all of them.
RESTRICTIVE = frozenset({"some", "few"})

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

# Words of opposite meaning in inspection writing (either direction).
OPPOSITES: tuple[tuple[str, str], ...] = (
    ("improving", "declining"),
    ("improving", "deteriorating"),
    ("improving", "worsening"),
    ("improved", "deteriorated"),
    ("improved", "declined"),
    ("strong", "weak"),
    ("strength", "weakness"),
    ("strengths", "weaknesses"),
    ("effective", "ineffective"),
    ("effective", "weak"),
    ("effective", "poor"),
    ("sufficient", "insufficient"),
    ("sufficiently", "insufficiently"),
    ("adequate", "inadequate"),
    ("consistent", "variable"),
    ("consistent", "inconsistent"),
    ("increase", "decrease"),
    ("increasing", "decreasing"),
    ("increasing", "reducing"),
    ("high", "low"),
    ("higher", "lower"),
    ("more", "fewer"),
    ("more", "less"),
    ("better", "worse"),
    ("positive", "negative"),
    ("praised", "criticised"),
    ("timely", "delayed"),
    ("stable", "unstable"),
    ("good", "poor"),
    ("reliable", "unreliable"),
    ("safe", "unsafe"),
    ("quickly", "slowly"),
    ("early", "late"),
    ("clear", "unclear"),
    ("evident", "absent"),
    ("success", "failure"),
    ("successful", "unsuccessful"),
    ("strengthening", "weakening"),
    ("progress", "decline"),
    ("enthusiastic", "unenthusiastic"),
    ("able", "unable"),
    ("aware", "unaware"),
    ("appropriate", "inappropriate"),
    ("proactive", "reactive"),
    ("embedded", "absent"),
)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
)  # fmt: skip

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*%?")


def words(text: str) -> list[str]:
    """Lower-cased words with straight apostrophes (the unit every check compares)."""
    return _WORD.findall(text.lower().replace("’", "'").replace("‘", "'"))


@lru_cache(maxsize=1)
def _synonym_patterns() -> list[tuple[re.Pattern, str]]:
    pairs = [(variant, group[0]) for group in SYNONYMS for variant in group[1:]]
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
    return sum(1 for w in folded.split() if w in NEGATORS or w.endswith("n't"))


def numbers(folded: str) -> set[str]:
    """Numbers, number words and ordinals, as digits ("third" -> "3rd")."""
    found = set()
    for w in folded.split():
        if re.fullmatch(r"\d+(?:st|nd|rd|th)", w):
            found.add(next((k for k, v in ORDINALS.items() if str(v) == w[:-2]), w))
        elif re.fullmatch(r"\d+%?", w):
            found.add(w.rstrip("%"))
        elif w in NUMBER_WORDS:
            found.add(str(NUMBER_WORDS[w]))
        elif w in ORDINALS and w != "second":  # "second" is also a verb and a unit of time
            found.add(w)
    return found


@dataclass(frozen=True)
class Alteration:
    """One change of meaning: its kind and a sentence saying what it is."""

    kind: str  # negation | quantifier | number | date | grade | opposite
    message: str
    words: tuple[str, ...] = ()  # the words (claim or source) that carry it, for marking the diff


def _stems(folded: str) -> dict[str, str]:
    from ..search.retrieval import _stemmer

    tokens = folded.split()
    return dict(zip(_stemmer().stemWords(tokens), tokens, strict=True))


@lru_cache(maxsize=1)
def _opposite_stems() -> dict[str, set[str]]:
    from ..search.retrieval import _stemmer

    table: dict[str, set[str]] = {}
    for a, b in OPPOSITES:
        sa, sb = _stemmer().stemWords([a, b])
        table.setdefault(sa, set()).add(sb)
        table.setdefault(sb, set()).add(sa)
    return table


def find_alterations(claim: str, source: str, local: bool = True) -> list[Alteration]:
    """What in `claim` changes the meaning of `source` (empty when nothing does).

    `local` says `source` is the stretch the claim was aligned to, not a whole sentence that may say more: only
    then does dropping a restricting quantifier ("some care leavers" -> "care leavers") count.
    """
    c, s = fold_synonyms(claim), fold_synonyms(source)
    found: list[Alteration] = []
    cn, sn = negations(c), negations(s)
    if (cn > 0) != (sn > 0):
        neg = [w for w in (s if sn else c).split() if w in NEGATORS or w.endswith("n't")]
        change = "drops the source's negation" if sn else "adds a negation the source does not have"
        found.append(Alteration("negation", f"the claim {change} (“{', '.join(neg)}”)", tuple(neg)))
    cq, sq = set(_phrases(c, QUANTIFIERS)), set(_phrases(s, QUANTIFIERS))
    if cq - sq or (local and sq & RESTRICTIVE and not cq):
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
    c_months = {m for m in MONTHS if m in c.split()} - {"may"}  # "may" is mostly a verb
    s_months = {m for m in MONTHS if m in s.split()} - {"may"}
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
    opposites = _opposite_stems()
    for stem, word in claim_stems.items():
        if stem in source_stems:
            continue
        swapped = [source_stems[o] for o in opposites.get(stem, ()) if o in source_stems and o not in claim_stems]
        if swapped:
            found.append(
                Alteration("opposite", f"the claim says “{word}” where the source says “{swapped[0]}”", (word,))
            )
    return found
