"""The nine regions of England and their councils (regions.toml), and the regions or neighbours a text names."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .authorities import without_authorities
from .words import alternation

_DATA = Path(__file__).parent / "regions.toml"


@dataclass(frozen=True)
class Region:
    name: str
    phrase: str  # as a sentence says it: "the North East"
    names: tuple[str, ...]  # how a question may name it, lower-case
    councils: frozenset[str]  # canonical names (authorities.txt)


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[Region, ...], tuple[str, ...]]:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    regions = tuple(
        Region(item["name"], item["phrase"], tuple(item["names"]), frozenset(item["councils"]))
        for item in data["region"]
    )
    return regions, tuple(data["near"])


def regions() -> tuple[Region, ...]:
    return _table()[0]


def region_of(council: str) -> str:
    """The region of a council (canonical name), or ""."""
    return next((r.name for r in regions() if council in r.councils), "")


def region_phrase(name: str) -> str:
    """How a sentence names a region ("the North East")."""
    return next((r.phrase for r in regions() if r.name == name), name)


def councils_in(names: tuple[str, ...]) -> frozenset[str]:
    """The councils of the named regions."""
    return frozenset().union(*(r.councils for r in regions() if r.name in names))


def regions_named(text: str) -> tuple[str, ...]:
    """The regions a text names ("in the North East", "London councils"; "the Midlands" is both), not counting the
    words of a council's own name ("North East Lincolnshire", "City of London")."""
    lowered = without_authorities(text).lower()
    return tuple(r.name for r in regions() if re.search(rf"(?<![\w-])(?:{alternation(r.names)})(?![\w-])", lowered))


def neighbour_words() -> tuple[str, ...]:
    return _table()[1]


def asks_about_neighbours(text: str) -> bool:
    """Whether a text asks about a council's neighbours ("councils near Rotherham", "Leeds and its neighbours")."""
    return bool(re.search(rf"(?<![\w-])(?:{alternation(_table()[1])})(?![\w-])", text.lower()))
