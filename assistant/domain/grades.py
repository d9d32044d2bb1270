"""Ofsted grades (with their order) and judgement areas across frameworks (SIF 2013-2017, ILACS 2018-), mapped to
one scheme: the data is grades.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "grades.toml"


@dataclass(frozen=True)
class Grade:
    """A grade in the scheme; rank 1 is best."""

    name: str
    rank: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class Area:
    """A judgement area in the scheme and the names each framework prints for it."""

    key: str
    name: str
    sif: tuple[str, ...]
    ilacs: tuple[str, ...]
    said: tuple[str, ...] = ()  # how questions and claims name it

    @property
    def names(self) -> tuple[str, ...]:
        """Every printed name of the area, longest first (so a longer name wins over its prefix)."""
        return tuple(sorted({self.name, *self.sif, *self.ilacs}, key=len, reverse=True))


@dataclass(frozen=True)
class Scheme:
    """All grades (best first) and areas."""

    grades: tuple[Grade, ...]
    areas: tuple[Area, ...]


@lru_cache(maxsize=1)
def scheme() -> Scheme:
    """The grades and areas of grades.toml, loaded once."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    grades = tuple(
        sorted(
            (Grade(g["name"], int(g["rank"]), tuple(g["names"])) for g in data["grade"]),
            key=lambda grade: grade.rank,
        )
    )
    areas = tuple(
        Area(a["key"], a["name"], tuple(a["sif"]), tuple(a["ilacs"]), tuple(a.get("said", ()))) for a in data["area"]
    )
    return Scheme(grades, areas)


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def normalise_grade(text: str) -> str:
    """The scheme's name for a grade as printed ("requires improvement" -> "Requires improvement to be good"),
    or "" when it is not a grade."""
    wanted = _key(text)
    for grade in scheme().grades:
        if any(_key(name) == wanted for name in grade.names):
            return grade.name
    return ""


def grade_rank(grade: str) -> int:
    """1 (Outstanding) to 4 (Inadequate) for any printed form of a grade; 0 when unknown."""
    name = normalise_grade(grade)
    return next((g.rank for g in scheme().grades if g.name == name), 0)


def normalise_area(text: str) -> str:
    """The scheme's name for an area as any framework prints it, or "" when unknown."""
    wanted = _key(re.sub(r"^\s*[\d.]+\s*", "", text))
    for area in scheme().areas:
        if any(_key(name) == wanted for name in area.names):
            return area.name
    return ""


def grade_pattern() -> str:
    """A regex alternative of every printed grade, longest first (for use inside a larger pattern)."""
    names = sorted({name for grade in scheme().grades for name in grade.names}, key=len, reverse=True)
    return "|".join(re.escape(name) for name in names)


# ILACS 2018-2023 graded children in care and care leavers together: that judgement is each one's.
_JOINT = {"children_in_care": "children_in_care_and_care_leavers", "care_leavers": "children_in_care_and_care_leavers"}


@lru_cache(maxsize=512)
def area_key(area: str) -> str:
    """The scheme's key of an area as any framework prints it ("" when unknown)."""
    name = normalise_area(area)
    return next((a.key for a in scheme().areas if a.name == name), "")


def area_named(text: str) -> tuple[str, str]:
    """(key, the words that name it) of the judgement area a question or claim names by the areas' `said` words:
    any area before "overall", then the first named, then the longest words there ("children in care and care
    leavers" over "children in care"); ("", "") when it names none."""
    lowered = " ".join(text.casefold().replace("’", "'").replace("‘", "'").split())
    found = [
        (key == "overall", match.start(), -len(phrase), phrase, key)
        for key, phrases in ((area.key, area.said) for area in scheme().areas)
        for phrase in phrases
        if (match := re.search(rf"(?<![a-z0-9']){re.escape(phrase)}(?![a-z0-9'])", lowered))
    ]
    if not found:
        return "", ""
    *_, phrase, key = min(found)
    return key, phrase


def areas_named(text: str) -> tuple[str, ...]:
    """The keys of every judgement area a question names, in the order named, the longest words first ("children in
    care and care leavers" is one area, not two); () when it names none."""
    lowered = " ".join(text.casefold().replace("’", "'").replace("‘", "'").split())
    said = sorted(((phrase, area.key) for area in scheme().areas for phrase in area.said), key=lambda p: -len(p[0]))
    found: list[tuple[int, str]] = []
    for phrase, key in said:
        for match in re.finditer(rf"(?<![a-z0-9']){re.escape(phrase)}(?![a-z0-9'])", lowered):
            found.append((match.start(), key))
            lowered = lowered[: match.start()] + " " * len(phrase) + lowered[match.end() :]
    return tuple(dict.fromkeys(key for _, key in sorted(found)))


def areas_overlap(key: str, other: str) -> bool:
    """Whether two area keys grade the same children: equal, or one the joint ILACS area holding the other."""
    return key == other or _JOINT.get(key) == other or _JOINT.get(other) == key


def judgements_for(judgements, key: str) -> list:
    """The judgements standing for an area: its own (or the joint ILACS one, `judgement_of`), else, for the joint
    area of a report that grades children in care and care leavers apart, those two."""
    own = judgement_of(judgements, key)
    if own is not None:
        return [own]
    parts = [judgement_of(judgements, part) for part, joint in _JOINT.items() if joint == key]
    return [j for j in parts if j is not None]


def judgement_of(judgements, key: str):
    """The judgement (of `judgements`, anything with an `.area`) for an area key, the joint ILACS judgement
    standing for children in care and for care leavers; None when there is none."""
    by_key = {area_key(j.area): j for j in judgements}
    return by_key.get(key) or by_key.get(_JOINT.get(key, ""))
