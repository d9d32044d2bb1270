"""Typed view of vocabulary.toml: sector abbreviations and terms with expansions and plain-English definitions,
and groups of words that mean the same in these documents."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "vocabulary.toml"


@dataclass(frozen=True)
class Term:
    """One abbreviation or sector term."""

    short: str
    expansions: tuple[str, ...]
    definition: str
    plural: str = ""
    capitals_only: bool = False

    def typed_forms(self) -> tuple[str, ...]:
        """The forms a user types: the short form and its plural (an abbreviation's plural adds an "s": "DCSs")."""
        plural = self.plural or (f"{self.short}s" if _abbreviation(self.short) else "")
        return tuple(f for f in (self.short, plural) if f)


def _abbreviation(short: str) -> bool:
    """Whether a short form is an abbreviation in capitals ("DCS", "CiC"), not a phrase or a word."""
    return " " not in short and sum(c.isupper() for c in short) >= 2


@dataclass(frozen=True)
class ServiceElsewhere:
    """A service judged in inspections of its own, the words that name it and its inspectorate, and who inspects
    it. For a `grade_only` service the reports here say what the council does with it but never grade it."""

    service: str
    says: tuple[str, ...]
    inspected_by: str
    judged_by: tuple[str, ...] = ()
    grade_only: bool = False


def _named(phrases: tuple[str, ...], text: str) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text, re.IGNORECASE) for p in phrases)


@dataclass(frozen=True)
class Vocabulary:
    terms: tuple[Term, ...]
    same: tuple[tuple[str, ...], ...]  # groups of phrases with one meaning; the first is the canonical form
    plain: tuple[tuple[tuple[str, ...], str], ...]  # (everyday phrasings, the report's words for them)
    elsewhere: tuple[ServiceElsewhere, ...] = ()
    children_words: tuple[str, ...] = ()

    def service_elsewhere(self, text: str, grade_asked: bool = False) -> ServiceElsewhere | None:
        """The service judged elsewhere that a text asks about: one whose inspectorate it names; one whose grade
        it asks for (`grade_asked`); adult social care, unless the text also names children in it."""
        for service in self.elsewhere:
            if _named(service.judged_by, text):
                return service
            if service.grade_only and grade_asked and _named(service.says, text):
                return service
        if _named(self.children_words, text):
            return None
        return next((s for s in self.elsewhere if not s.grade_only and _named(s.says, text)), None)

    def graded_elsewhere(self) -> tuple[str, ...]:
        """Every phrase naming a service judged elsewhere: a grade said of one is no judgement of the council's."""
        return tuple(dict.fromkeys(p.casefold() for service in self.elsewhere for p in service.says))

    def report_words(self, text: str) -> list[str]:
        """The report's words for the everyday phrasings a text uses ("jobs and college" -> "education, ...")."""
        found = []
        for phrasings, report in self.plain:
            if any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text, re.IGNORECASE) for p in phrasings):
                found.append(report)
        return found

    def term_for(self, word: str) -> Term | None:
        """The term a typed word stands for, honouring capitals_only ("PA" yes, "pa" no)."""
        key = word.casefold()
        for term in self.terms:
            for form in term.typed_forms():
                if form.casefold() == key and (not term.capitals_only or _typed_in_capitals(word, form)):
                    return term
        return None

    def terms_in(self, text: str) -> list[Term]:
        """Terms named in a text (short forms, with capitals where required, or their first expansion)."""
        found: list[Term] = []
        for term in self.terms:
            for form in term.typed_forms() + term.expansions[:1]:
                flags = 0 if (term.capitals_only and form in term.typed_forms()) else re.IGNORECASE
                if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text, flags):
                    found.append(term)
                    break
        return found


def _typed_in_capitals(word: str, form: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    form_upper = [c for c in form if c.isupper()]
    return sum(c.isupper() for c in letters) >= max(2, len(form_upper)) or word == form


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The sector vocabulary, read once."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    terms = tuple(
        Term(
            short=item["short"],
            expansions=tuple(item["expansions"]),
            definition=item["definition"],
            plural=item.get("plural", ""),
            capitals_only=bool(item.get("capitals_only", False)),
        )
        for item in data["term"]
    )
    same = tuple(tuple(group["forms"]) for group in data["same"])
    plain = tuple((tuple(item["says"]), item["reports_say"]) for item in data.get("plain", []))
    elsewhere = tuple(
        ServiceElsewhere(
            item["service"],
            tuple(item["says"]),
            item["inspected_by"],
            tuple(item.get("judged_by", ())),
            bool(item.get("grade_only", False)),
        )
        for item in data.get("elsewhere", [])
    )
    return Vocabulary(terms, same, plain, elsewhere, tuple(data.get("remit", {}).get("children", ())))
