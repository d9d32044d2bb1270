"""The nine regions of England and their councils (regions.toml), and the regions or neighbours a text names."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .authorities import names_authority_at, without_authorities
from .words import alternation

_DATA = Path(__file__).parent / "regions.toml"


@dataclass(frozen=True)
class Region:
    name: str
    phrase: str  # as a sentence says it: "the North East"
    names: tuple[str, ...]  # how a question may name it, lower-case
    councils: frozenset[str]  # canonical names (authorities.txt)


@dataclass(frozen=True)
class _Table:
    regions: tuple[Region, ...]
    named: re.Pattern  # any region's name, longest first ("east midlands" before "midlands")
    neighbours: re.Pattern  # a word asking about neighbours anywhere
    near: re.Pattern  # a word that asks about neighbours only right before a council's name


@lru_cache(maxsize=1)
def _table() -> _Table:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    regions = tuple(
        Region(item["name"], item["phrase"], tuple(item["names"]), frozenset(item["councils"]))
        for item in data["region"]
    )

    def whole(phrases) -> re.Pattern:
        return re.compile(rf"(?<![\w-])(?:{alternation(tuple(phrases))})(?![\w-])", re.IGNORECASE)

    return _Table(
        regions,
        whole(name for region in regions for name in region.names),
        whole(data["neighbours"]),
        re.compile(rf"(?<![\w-])(?:{alternation(tuple(data['near']))})\s+(?:the\s+)?", re.IGNORECASE),
    )


def regions() -> tuple[Region, ...]:
    return _table().regions


def region_of(council: str) -> str:
    """The region of a council (canonical name), or ""."""
    return next((r.name for r in regions() if council in r.councils), "")


def region_phrase(name: str) -> str:
    """How a sentence names a region ("the North East")."""
    return next((r.phrase for r in regions() if r.name == name), name)


def region_called(text: str) -> str:
    """The region a text is the name of ("north east", "Yorkshire and the Humber"), or ""."""
    wanted = " ".join(text.casefold().split())
    return next((r.name for r in regions() if wanted == r.name.casefold() or wanted in r.names), "")


def councils_in(names: tuple[str, ...]) -> frozenset[str]:
    """The councils of the named regions."""
    return frozenset().union(*(r.councils for r in regions() if r.name in names))


def region_words(text: str) -> list[str]:
    """The phrases of a text that name regions, each the longest that does ("East Midlands", not also "Midlands"),
    not counting the words of a council's own name ("North East Lincolnshire", "City of London")."""
    return [" ".join(m.group(0).lower().split()) for m in _table().named.finditer(without_authorities(text))]


def regions_named(text: str) -> tuple[str, ...]:
    """The regions a text names ("in the North East", "London councils"; "the Midlands" is both)."""
    said = set(region_words(text))
    return tuple(r.name for r in regions() if said & set(r.names))


def neighbour_words(text: str) -> list[str]:
    """The words of a text that ask about a council's neighbours: "neighbours" anywhere, "near" right before a
    council's name ("councils near Rotherham"; not "placed close to home")."""
    table = _table()
    found = [m.group(0).lower() for m in table.neighbours.finditer(text)]
    found += [m.group(0).split()[0].lower() for m in table.near.finditer(text) if names_authority_at(text, m.end())]
    return found


def asks_about_neighbours(text: str) -> bool:
    """Whether a text asks about a council's neighbours ("councils near Rotherham", "Leeds and its neighbours")."""
    return bool(neighbour_words(text))
