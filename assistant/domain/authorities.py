"""English local authorities with children's services, and finding the ones a text names."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .words import words

_DATA = Path(__file__).parent / "authorities.txt"
_ELSEWHERE = Path(__file__).parent / "councils_elsewhere.txt"


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], frozenset[str]]:
    """Canonical names, (alias, canonical name) pairs longest first, and the names that are also everyday words
    (marked * in authorities.txt: matched only when written with a capital letter)."""
    canonical, aliases, everyday = [], [], set()
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marked = [name.strip() for name in line.split("|")]
        everyday |= {name.rstrip("*").casefold() for name in marked if name.endswith("*")}
        names = [name.rstrip("*") for name in marked]
        canonical.append(names[0])
        aliases.extend((alias, names[0]) for alias in names)
    # Longest alias first, so "Kingston upon Hull" is found before "Hull" and "Kingston".
    aliases.sort(key=lambda pair: len(pair[0]), reverse=True)
    return tuple(canonical), tuple(aliases), frozenset(everyday)


@lru_cache(maxsize=1)
def _possessive_typed_bare() -> re.Pattern:
    """A council's name with an "s" typed for its possessive ("rotherhams care leavers"): names that end in "s" or
    are everyday words are left alone."""
    _, aliases, everyday = _table()
    names = [a for a, _ in aliases if not a.casefold().endswith("s") and a.casefold() not in everyday]
    return re.compile(rf"(?<![\w'’-])({'|'.join(re.escape(n) for n in names)})s(?![\w'’-])", re.IGNORECASE)


def with_possessives(text: str) -> str:
    """`text` with a council's possessive written bare, as chat typing drops the apostrophe ("rotherhams"),
    written with it ("rotherham's")."""
    return _possessive_typed_bare().sub(r"\1's", text)


def known_authorities() -> list[str]:
    """Canonical names of every local authority in the list."""
    return list(_table()[0])


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    alternatives = "|".join(re.escape(alias) for alias, _ in _table()[1])
    # A name may open a compound adjective ("an Enfield-led project", "a Leeds-based charity"), not a longer place
    # name ("Newcastle-under-Lyme", "Weston-super-Mare": words.toml place_name_joiners) or a double-barrelled one
    # ("Telford-Wrekin").
    joiners = "|".join(re.escape(word) for word in words().place_name_joiners)
    compound = rf"(?!-(?-i:[A-Z]))(?!-(?:{joiners})\b)"
    return re.compile(rf"(?<![\w-])({alternatives})(?!\w){compound}", re.IGNORECASE)


def _normalise(name: str) -> str:
    """A name reduced for exact comparison: case, "&"/"and", punctuation and hyphens ignored."""
    words = re.sub(r"[^\w]+", " ", name.casefold().replace("&", " and ")).split()
    return " ".join(word for word in words if word != "and")


@lru_cache(maxsize=1)
def _by_normalised_name() -> dict[str, str]:
    return {_normalise(alias): name for alias, name in _table()[1]}


def canonical_authority(name: str) -> str:
    """The canonical name for a whole name, alias or file-name slug ("telford-wrekin"), or "" if unknown."""
    return _by_normalised_name().get(_normalise(name.replace("-", " ")), "")


def aliases_of(name: str) -> list[str]:
    """Every name the table gives the council `name` (canonical or alias), longest first; [] if unknown."""
    canonical = canonical_authority(name)
    return [alias for alias, owner in _table()[1] if owner == canonical] if canonical else []


def find_authorities(text: str) -> list[str]:
    """Canonical names of the local authorities a text names, in order of first mention, without repeats."""
    lookup = {alias.casefold(): name for alias, name in _table()[1]}
    found: list[str] = []
    for match in _pattern().finditer(text):
        alias = match.group(1)
        if not _names_a_council(alias):
            continue
        name = lookup[alias.casefold()]
        if name not in found:
            found.append(name)
    return found


def names_authority_at(text: str, position: int) -> bool:
    """Whether a local authority's name (any alias) starts at `position` of the text."""
    match = _pattern().match(text, position)
    return bool(match) and _names_a_council(match.group(1))


def without_authorities(text: str) -> str:
    """`text` with every local authority name it gives (any alias) blanked out."""
    return with_authorities_marked(text, "")


def with_authorities_marked(text: str, mark: str) -> str:
    """`text` with every local authority name it gives (any alias) replaced by `mark`."""
    return _pattern().sub(lambda m: f" {mark} " if _names_a_council(m.group(1)) else m.group(0), text)


def with_capitalised_authorities(text: str) -> str:
    """`text` with each local authority name it gives written with capitals ("bristol focused visit" -> "Bristol
    focused visit"), as a chat question typed in lower case means them."""
    return _pattern().sub(
        lambda m: m.group(0).replace(m.group(1), m.group(1).title()) if _names_a_council(m.group(1)) else m.group(0),
        text,
    )


def everyday_name(alias: str) -> bool:
    """Whether a council's name is also an everyday word ("reading", "bath")."""
    return alias.casefold() in _table()[2]


def _names_a_council(alias: str) -> bool:
    """An alias that is also an everyday word ("reading", "bath") names a council only with a capital letter."""
    return alias.casefold() not in _table()[2] or alias[0].isupper()


@lru_cache(maxsize=1)
def _council_forms() -> tuple[re.Pattern, re.Pattern]:
    """A place named as a council: "London Borough of X", "City of X", "X County Council", "X Borough Council"
    (the forms words.toml `council_suffixes` names; a bare "X Council" is also a youth or parish council)."""
    from .words import words

    kinds = "|".join(re.escape(suffix.title()) for suffix in sorted(words().council_suffixes, key=len, reverse=True))
    name = r"[A-Z][\w'’-]*(?: (?:[A-Z][\w'’-]*|upon|on|and|under|in))*"
    return (
        re.compile(rf"\b(?:London |Royal )?(?:{kinds}) of ({name})"),
        re.compile(rf"({name}) (?:{kinds}) Council\b"),
    )


@lru_cache(maxsize=1)
def _elsewhere() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """A pattern for the names of the UK's councils outside England (councils_elsewhere.txt) and, by lower-cased
    name, (council, nation)."""
    lookup: dict[str, tuple[str, str]] = {}
    plain, guarded = [], []
    for line in _ELSEWHERE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        nation, *names = [name.strip() for name in line.split("|")]
        for name in names:
            bare = name.lstrip("*")
            lookup[bare.casefold()] = (names[0].lstrip("*"), nation)
            (guarded if name.startswith("*") else plain).append(re.escape(bare))

    def longest_first(names: list[str]) -> str:
        return "|".join(sorted(names, key=len, reverse=True))

    council = r"\s+(?:City\s+|County\s+|County\s+Borough\s+)?Council\b"
    pattern = re.compile(
        rf"(?<![\w-])(?:(?i:({longest_first(plain)}))(?![\w-])|({longest_first(guarded)})(?={council}))"
    )
    return pattern, lookup


def councils_outside_england(text: str) -> list[tuple[str, str]]:
    """(council, nation) for each council of Wales, Scotland or Northern Ireland the text names, in order: Ofsted
    does not inspect their children's services."""
    pattern, lookup = _elsewhere()
    found: list[tuple[str, str]] = []
    for match in pattern.finditer(text):
        council = lookup[(match.group(1) or match.group(2)).casefold()]
        if council not in found:
            found.append(council)
    return found


def unknown_councils(text: str) -> list[str]:
    """Places a text names as councils that are not English local authorities with children's services
    ("the London Borough of Thamesmead", "Narnia County Council", "Cardiff"): a question about one is about a
    council the documents cannot cover."""
    from .words import words

    stop = words().stop
    found: list[str] = []
    for form in _council_forms():
        for match in form.finditer(text):
            named = match.group(1).split()
            while named and named[0].casefold() in stop:  # "Did Narnia County Council": the name is "Narnia"
                named = named[1:]
            place = " ".join(named)
            known = canonical_authority(place) or find_authorities(place) or find_authorities(match.group(0))
            if place and not known and place not in found:  # "City of London" is a council, "London" is not
                found.append(place)
    return found + [name for name, _ in councils_outside_england(text) if name not in found]
