"""Whose words a quote is: Ofsted's (an inspection letter or report), a council's press release, a press article,
or a named person quoted in one of them. Every quote in an answer is introduced by its voice."""

from __future__ import annotations

import re
from functools import lru_cache

from ..domain.words import alternation, words
from ..types import Document, Kind


@lru_cache(maxsize=1)
def _speech_intro() -> re.Pattern:
    """ "Cllr Sarah Russell, asst city mayor for ..., said:" — a named speaker and a speech verb."""
    w = words()
    roles = alternation(tuple(w.speaker_roles))
    verbs = alternation(tuple(w.speech_verbs))
    name = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}"
    return re.compile(
        rf"(?P<name>(?:(?i:{roles})\.?\s+)?{name})(?:,[^.\n“”\"]{{0,200}})?\s+(?i:{verbs})\b\s*[:,]?",
    )


@lru_cache(maxsize=1)
def _asks_inspectors() -> re.Pattern:
    subjects = alternation(tuple(words().inspector_subjects))
    return re.compile(rf"(?<![\w-])(?:{subjects})(?![\w-])", re.IGNORECASE)


def asks_what_inspectors_said(question: str) -> bool:
    """Whether a question asks what Ofsted or its inspectors said ("What did Ofsted say about ...?")."""
    return bool(_asks_inspectors().search(question))


_OPENING_QUOTES = '“"'
_QUOTES = '“”"'


def _introduction(document: Document, start: int) -> re.Match | None:
    """The introduction ("Cllr X, Cabinet Member for ..., said:") of the named person whose words
    document.text[start:...] are, or None when they are the document's own.

    A quote is a person's when the sentence itself follows "Name ... said:" inside it, or when it sits in the
    paragraphs of quoted speech that follow such an introduction.
    """
    if document.kind.is_primary:
        return None
    text = document.text
    window_start = max(0, start - 2500)
    paragraph_start = text.rfind("\n", 0, start) + 1
    # The sentence's own paragraph up to the sentence: "X said: “... <sentence>".
    intros = list(_speech_intro().finditer(text, window_start, start))
    if not intros:
        return None
    intro = intros[-1]
    between = text[intro.end() : start]
    if intro.start() >= paragraph_start:
        # Same paragraph: the sentence is the person's if a quotation opened after the intro is still open.
        opened = sum(between.count(q) for q in _OPENING_QUOTES if q != '"') + between.count('"') % 2
        closed = between.count("”")
        return intro if opened > closed or not between.strip() else None
    # Later paragraphs: every paragraph since the intro must open with a quotation mark (quoted speech).
    paragraphs = [p.strip() for p in between.split("\n") if p.strip()]
    if not paragraphs:
        return intro
    own = text[paragraph_start:start].strip() or text[start : start + 1]
    if all(p[:1] in _OPENING_QUOTES for p in paragraphs[1:] + [own]) and len(paragraphs) <= 6:
        return intro
    return None


def speaker(document: Document, start: int) -> str:
    """The named person whose words document.text[start:...] are, or "" when they are the document's own."""
    intro = _introduction(document, start)
    return _name(intro) if intro else ""


def speaker_introduction(document: Document, start: int) -> str:
    """How the document introduces the person whose words these are, with their role ("Councillor Gordon Watson,
    Deputy Leader and Cabinet Member for Children's Services, said:"), or ""."""
    intro = _introduction(document, start)
    return " ".join(intro.group(0).split()) if intro else ""


def _name(intro: re.Match) -> str:
    return " ".join(intro.group("name").split())


def publisher_name(document: Document) -> str:
    """Who published a document, in words ("Rotherham MBC", "Community Care", "Leicester City Council")."""
    if document.publisher:
        return document.publisher
    if document.authority:
        return f"{document.authority} Council"
    return "An unnamed publisher"


def document_voice(document: Document) -> str:
    """ "Ofsted's inspection letter (Rotherham, 2017)", "Rotherham MBC's press release (2022)", ..."""
    year = document.date[:4]
    if document.kind.is_primary:
        about = ", ".join(part for part in (document.authority, year) if part)
        what = "inspection letter" if document.kind is Kind.INSPECTION_LETTER else "inspection report"
        return f"Ofsted's {what}" + (f" ({about})" if about else "")
    what = {Kind.PRESS_RELEASE: "press release", Kind.PRESS_ARTICLE: "article"}.get(document.kind, "document")
    owner = publisher_name(document)
    return f"{owner}'s {what}" + (f" ({year})" if year else "")


def voice(document: Document, start: int) -> str:
    """The words put before a quote: who says it, and where ("Cllr X, quoted in Y's press release (2016), says")."""
    person = speaker(document, start)
    if person:
        return f"{person}, quoted in {document_voice(document)}, says"
    return f"{document_voice(document)} says"
