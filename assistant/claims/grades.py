"""Claims that state an Ofsted grade, checked against the structured judgements read from the reports.

"Kent's children's services were rated good", "care leavers services are now outstanding", "no longer
inadequate", "outstanding in every area": the grade and the judgement area are read from the claim (words.toml
[claims]: grade cues, area cues), and compared with the judgement the authority's inspection report gives for that
area (Document.judgements, grades.toml for the order of grades). The evidence is the judgement line of the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..domain.authorities import find_authorities
from ..domain.grades import area_named, grade_rank, judgement_of
from ..domain.vocabulary import vocabulary
from ..domain.words import alternation
from ..domain.words import words as known_words
from ..ingest.metadata import stated_judgement
from ..types import Document, Judgement
from .alterations import everyday_grades, grade_table, negations, words


@dataclass(frozen=True)
class GradeClaim:
    """A grade a claim states: which grade, for which area, and how."""

    grade: str  # the grades.toml name, lower case
    rank: int  # 1 best .. 4
    area: str  # grades.toml area key ("overall" when the claim names none)
    no_longer: bool = False  # "no longer inadequate": the grade was left behind
    every_area: bool = False  # "outstanding in every area"
    words: tuple[str, ...] = ()  # the claim's words that state the grade (for the diff)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    known = known_words()
    grades = re.compile(
        rf"(?<![\w'])['‘“]?(?P<grade>{alternation(tuple(p for p, _ in grade_table()))})\b", re.IGNORECASE
    )
    # A rating verb takes its object before the grade ("rated Hillingdon's children's services outstanding"); a
    # verb like "is" only a word or two ("is now good").
    rating = tuple(sorted(set(known.grade_cues) & set(known.grade_context)))
    cue = re.compile(
        rf"\b(?:(?:{alternation(known.grade_cues)})\W+(?:\w+\W+){{0,2}}|(?:{alternation(rating)})\W+(?:\w+\W+){{0,7}})$",
        re.IGNORECASE,
    )
    left = re.compile(rf"\b(?:{alternation(known.grade_no_longer)})\W+$", re.IGNORECASE)
    occasion = rf"at\s+(?:[\w–-]+\s+){{1,4}}(?:{alternation(known.grade_occasions)})"
    followers = re.compile(
        rf"^\s*(?:[,.;:!?)’'”\]]|$|(?:{alternation(known.grade_followers)})\b|{occasion}\b)", re.IGNORECASE
    )
    context = re.compile(rf"\b(?:{alternation(known.grade_context)})\b", re.IGNORECASE)
    every = re.compile(
        rf"\b(?:(?:{alternation(known.grade_every)})\W+(?:\w+\W+){{0,3}}?(?:{alternation(known.grade_area_nouns)})"
        rf"|{alternation(known.grade_every_idioms)})\b",
        re.IGNORECASE,
    )
    return grades, cue, left, followers, context, every


def _names_any(lowered: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![a-z0-9']){re.escape(phrase)}(?![a-z0-9'])", lowered) for phrase in phrases)


def read_grade_claim(core: str) -> GradeClaim | None:
    """The grade the claim states as an Ofsted judgement, or None (an everyday "good quality" is not one).

    A grade is stated when it follows a grade cue ("is", "rated", "judged as", "now") or "no longer", or is a
    phrase of its own ("requires improvement to be good"); is not followed by a noun ("good quality"); and the
    claim is about a judgement (a rating word, the council or its services, or a judgement area named in full).
    """
    grades, cue, left, followers, context, every = _patterns()
    text = core.replace("’", "'").replace("‘", "'")
    lowered = " ".join(words(text))
    area, names_in_full = "overall", False
    # A judgement area the claim names ("care leavers") is what it grades, though it also names the council's
    # "children's services" (the department, whose grade is the overall one only when no area is named).
    named, phrase = area_named(lowered)
    if named:
        area, names_in_full = named, len(phrase.split()) > 1
    known = known_words()
    # A service graded in inspections of its own, or many councils at once: no council's judgement says it.
    if _names_any(lowered, known.many_councils) or (not named and _names_any(lowered, vocabulary().graded_elsewhere())):
        return None
    table = dict(grade_table())
    for match in grades.finditer(text):
        phrase = " ".join(words(match.group("grade")))
        before = text[: match.start()]
        no_longer = bool(left.search(before))
        if not (no_longer or cue.search(before) or len(phrase.split()) > 1):
            continue
        # "are not consistently good", "is not yet good": a grade denied is no grade stated.
        if not no_longer and negations(" ".join(words(before)[-3:])):
            continue
        if not followers.match(text[match.end("grade") :]):
            continue
        every_area = bool(every.search(text))
        # An everyday grade word ("morale is good, and staff spoke to inspectors") states a judgement only when its
        # own clause says what is judged: a rating word, the services or the council itself as the subject.
        about = _own_clause(text, match.start(), match.end()) if phrase in everyday_grades() else text
        if not (context.search(about) or _council_subject(about) or names_in_full or no_longer or every_area):
            continue
        name = table[phrase]
        return GradeClaim(name, grade_rank(name), area, no_longer, every_area, tuple(phrase.split()))
    return None


@lru_cache(maxsize=1)
def _clause_break() -> re.Pattern:
    """Punctuation and the words joining or qualifying clauses (words.toml [claims] coordinators, qualifying)."""
    known = known_words()
    return re.compile(rf"[,;:]|\b(?:{alternation(tuple(known.coordinators) + known.qualifying)})\b", re.IGNORECASE)


def _own_clause(text: str, start: int, end: int) -> str:
    """The clause of `text` holding text[start:end]: from the last clause break before it to the next after it."""
    before = [m.end() for m in _clause_break().finditer(text, 0, start)]
    after = _clause_break().search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


@lru_cache(maxsize=1)
def _grade_cue_word() -> re.Pattern:
    return re.compile(rf"\b(?:{alternation(known_words().grade_cues)})\b", re.IGNORECASE)


def _council_subject(clause: str) -> bool:
    """Whether a council is what the clause is about: its name, with at most "City Council" around it, is all
    that stands before the verb ("Leeds is good", not "workforce morale in Leeds is good")."""
    subject = _grade_cue_word().split(clause, maxsplit=1)[0]
    named = find_authorities(subject)
    return bool(named) and len(words(subject)) <= len(words(named[0])) + 2


def judgement_for(document: Document, area: str) -> Judgement | None:
    """The document's judgement for an area key (children in care / care leavers fall back to the joint area)."""
    return judgement_of(document.judgements, area)


def judgement_span(document: Document, judgement: Judgement) -> tuple[int, int]:
    """The character span of the text stating the judgement (`stated_judgement`), else of the line naming its
    area, else (0, 0)."""
    stated = stated_judgement(document.text, judgement.area, judgement.grade)
    if stated is not None:
        return stated
    area = r"\s+".join(map(re.escape, judgement.area.split()))
    found = re.search(area, document.text, re.IGNORECASE)
    if not found:
        return 0, 0
    line_end = document.text.find("\n", found.end())
    return found.start(), line_end if line_end > 0 else found.end()


@dataclass(frozen=True)
class GradeFinding:
    """A grade claim compared with one report's judgement."""

    document: Document
    judgements: tuple[Judgement, ...]  # the judgement(s) compared (every area for "in every area")
    agrees: bool
    message: str


def compare(claim: GradeClaim, documents: list[Document], years: frozenset[str]) -> GradeFinding | None:
    """The claim against the latest graded report (of the years the claim names, when it names any)."""
    graded = [d for d in documents if d.judgements]
    if years:
        graded = [d for d in graded if d.inspection_years & years] or []
    if not graded:
        return None
    document = max(graded, key=lambda d: d.date)
    if claim.every_area:
        compared = tuple(document.judgements)
        wrong = [j for j in compared if grade_rank(j.grade) != claim.rank]
        agrees = not wrong
        detail = "; ".join(f"{j.area}: {j.grade}" for j in (wrong or compared)[:4])
    else:
        judgement = judgement_for(document, claim.area)
        if judgement is None:
            return None
        compared = (judgement,)
        rank = grade_rank(judgement.grade)
        agrees = (rank < claim.rank) if claim.no_longer else rank == claim.rank
        detail = f"{judgement.area}: {judgement.grade}"
    said = ("no longer " if claim.no_longer else "") + claim.grade + (" in every area" if claim.every_area else "")
    where = f"{document.title} ({document.date})"
    if agrees:
        message = f"the claim says {said}; {where} gives {detail}"
    else:
        message = f"the claim says {said}; {where} gives {detail}"
    return GradeFinding(document, compared, agrees, message)
