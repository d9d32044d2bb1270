"""Check a claim against the sources (verbatim / supported / altered / not found) and audit a whole document.

A verdict rests on parts that can be measured (see docs/claims.md): exact word matching with ellipses, local
fuzzy alignment (rapidfuzz) of the claim to source sentences, cosine similarity from the bundled embedding model,
and explicit checks for negation, quantifiers, numbers, dates, grades and opposite words (alterations.py). An
optional local NLI CrossEncoder (Settings.nli_model) replaces the similarity thresholds when present.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from ..config import ClaimSettings
from ..domain.authorities import aliases_of, everyday_name, find_authorities, without_authorities
from ..domain.words import alternation, classed_quantifiers, english_stop_words, phrase_pattern
from ..domain.words import words as known_words
from ..errors import InvalidInput
from ..ingest.embedding import Embedder
from ..ingest.metadata import improvement_heading
from ..text import YEAR, tokenize_for_bm25
from ..types import AuditReport, ClaimCheck, DiffOp, Document, Evidence, Passage, Verdict
from .alignment import Token, WordText, align, find_verbatim, sentence_spans, split_ellipsis, tokens
from .alterations import (
    OPENING_WORDS,
    Alteration,
    age_limits,
    age_numbers,
    content_words,
    find_alterations,
    find_opposites,
    fold_synonyms,
    fronted_condition,
    grade_words_in,
    negations,
    numbers,
    plural_noun,
    quantifiers_in,
    swapped_opposites,
    swapped_preference,
    unexplained,
    universal_unnegated,
    words,
)
from .audit import resolve_against, resolve_document, run_audit
from .grades import compare, judgement_span, read_grade_claim

MIN_WORDS = 2


@lru_cache(maxsize=1)
def _attribution() -> tuple[re.Pattern, re.Pattern]:
    """ "Ofsted said (that)", "inspectors found:", "according to the report," before a claim; ", inspectors said",
    ", Ofsted said of Hounslow" or ", according to Ofsted" after (words.toml [attribution])."""
    known = known_words()
    # Ofsted's document, named by its council or year ("Ofsted's Bristol report", "Ofsted's 2019 letter").
    capitalised = r"(?-i:[A-Z][\w'’-]*)"
    named = rf"{capitalised}(?:\s+(?:{capitalised}|{alternation(known.name_connectors)}))*|\d{{4}}"
    # ... and perhaps its council after it ("Ofsted's focused visit to Bristol", "Ofsted's 2019 report on Leeds").
    document = (
        rf"(?:the\s+)?ofsted(?:['’]s)?\s+(?:(?:{named})\s+)?(?:{alternation(known.inspection_documents)})"
        rf"(?:\s+(?:to|of|on|into|in)\s+(?:the\s+)?(?:{named}))?"
    )
    subject = rf"(?:{document}|{alternation(known.inspector_subjects)})"
    verb = rf"(?:have |has )?(?:{alternation(known.reporting_verbs)})"
    # "Ofsted said of Hillingdon that ...": the place must name a council (core_of).
    place = r"[^,;:.!?\"“”]{2,60}?"
    of_place = rf"(?:\s+(?:of|about)\s+(?P<of>{place})(?=\s+that\b|\s*[:,]))?"
    leading = re.compile(
        rf"^\s*(?:according to {subject}\s*,?|{subject}\s+{verb}{of_place}(?:\s+that|\s+it(?=\s*:))?\s*[:,]?)\s*",
        re.IGNORECASE,
    )
    # ", the report on Trafford says", ", Ofsted said of Hounslow", ", Ofsted told Enfield": the place must name a
    # council (core_of).
    # ", according to the inspection report" likewise.
    trailing = re.compile(
        rf"\s*[,;]\s*(?:{subject}(?:\s+(?:on|about|into)\s+(?P<about>{place}))?\s+{verb}"
        rf"(?:\s+(?:(?:of|about)\s+)?(?P<of>{place}))?|according to {subject})\s*[.!]?\s*$",
        re.IGNORECASE,
    )
    return leading, trailing


_QUOTES = "\"'“”‘’«»"


@lru_cache(maxsize=1)
def _place_lead_in() -> re.Pattern:
    """ "of Derby:", "In Hackney,", "on the Isles of Scilly,": a place named before the words a claim asserts."""
    prepositions = alternation(known_words().place_prepositions)
    return re.compile(
        rf"^\s*(?:({prepositions})\s+)?(?:the\s+)?([^,:;\"“”‘’\d–—]{{2,60}}?)(?:['’]s)?\s*([:,–—])(?=\s|$)\s*", re.I
    )


def _place_end(text: str) -> int:
    """Where a leading place phrase naming a council ends in `text`, or 0 when it does not open with one."""
    match = _place_lead_in().match(text)
    if not match:
        return _unpunctuated_place_end(text)
    if not match.group(1) and match.group(3) == ",":  # "Rotherham, the report said, ..." is a subject
        return 0
    named = find_authorities(match.group(2))
    if not named or len(tokens(match.group(2))) > len(tokens(named[0])) + 2:  # "Leeds City Council" at most
        return 0
    # Besides the name, only words for the council: "In most Tameside teams," says whom the claim is about.
    return match.end() if _only_a_council(match.group(2)) else 0


# The most words a council's name takes ("the Royal Borough of Kensington and Chelsea").
MAX_NAME_WORDS = 7


def _unpunctuated_place_end(text: str) -> int:
    """Where "in Gloucestershire" ends before the clause it places, with no comma between ("in Gloucestershire
    action to provide help is timely"): a place preposition and words that only name a council, then a word in
    lower case (not a possessive: "in Leeds's MASH" names a part of it), or in capitals when a quoted sentence opens
    there ("Inspectors found that in Devon Advocacy and family group conferences are offered ..."): the longest
    name wins ("in Leeds City Council"). 0 when `text` does not open so."""
    found = tokens(text)
    if not found or found[0].word not in known_words().place_prepositions:
        return 0
    end = 0
    connectors = known_words().name_connectors
    for last in range(1, min(len(found) - 1, MAX_NAME_WORDS + 1)):
        name = text[found[1].start : found[last].end]
        written = name.split()
        if not written[-1][0].isupper() or any(not w[0].isupper() and w not in connectors for w in written):
            break  # a name's words are capitalised, but for "and", "upon", ...: "in Wokingham not every ..."
        following = text[found[last].end : found[last + 1].start]
        possessive = name.endswith(("'s", "’s"))
        # (a name never ends in a function word: "in Rotherham The local authority ..." names Rotherham)
        ends_named = written[-1].lower() not in english_stop_words()
        if not possessive and ends_named and _only_a_council(name) and following.isspace():
            end = found[last + 1].start
    return end


def _only_a_council(text: str) -> bool:
    """Whether `text` names a council and says nothing else: besides the name, only words for a council and stop
    words ("Leeds City Council", "the London Borough of Hounslow"; not "most Tameside teams", nor "Rutland's
    children's services to be good overall")."""
    if not find_authorities(text):
        return False
    rest = [t.word for t in tokens(without_authorities(text)) if t.word not in _framing_words()]
    return not quantifiers_in(" ".join(rest)) and not set(rest) - english_stop_words()


def core_of(claim: str) -> tuple[int, int]:
    """The span of the claim that makes the assertion: without attribution ("Ofsted said of Derby:", "In Leeds,
    inspectors found that"), outer quotes and final full stop."""
    start, end = 0, len(claim)
    _leading, _trailing = _attribution()
    for _ in range(2):  # "In Leeds, inspectors found ..." and "Inspectors said of Leeds: ..." in either order
        leading = _leading.match(claim[start:])
        if leading and leading.group("of") and not _only_a_council(leading.group("of")):
            leading = None  # "Ofsted said of the front door that ..." is no attribution alone
        if leading and leading.end() and len(tokens(claim[start + leading.end() :])) >= MIN_WORDS:
            start += leading.end()
        place = _place_end(claim[start:])
        if place and len(tokens(claim[start + place :])) >= MIN_WORDS:
            start += place
    start += _source_lead_in(claim[start:end])
    trailing = _trailing.search(claim, start)
    place = trailing and (trailing.group("about") or trailing.group("of"))
    if place and not _only_a_council(place):
        trailing = None
    if trailing and len(tokens(claim[start : trailing.start()])) >= MIN_WORDS:
        end = trailing.start()
    tag = _source_tag(claim[start:end])
    if tag and len(tokens(claim[start : start + tag])) >= MIN_WORDS:
        end = start + tag
    quoted = _quoted(claim, start, end)
    if quoted:
        start, end = quoted
    while start < end and (claim[start] in _QUOTES or claim[start].isspace()):
        start += 1
    while end > start and (claim[end - 1] in _QUOTES + ".!;:, " or claim[end - 1].isspace()):
        end -= 1
    return start, end


# After the words a claim asserts: "(Ofsted, Lancashire inspection)", "– Ofsted", or a sentence of its own ("That is
# the finding of Ofsted's latest focused visit to Trafford.").
_TAG = re.compile(r"(?:\(([^()]{2,100})\)|\s[–—-]\s*([^–—]{2,100}?)|(?<=[.!?])\s+([^.!?]{2,120}))[.!]?\s*$")


@lru_cache(maxsize=1)
def _tag_words() -> frozenset[str]:
    """The words a closing tag may hold besides councils and years: framing, stop words, attribution nouns and the
    names of Ofsted's documents."""
    known = known_words()
    documents = {t.word for phrase in known.inspection_documents for t in tokens(phrase)}
    return _framing_words() | english_stop_words() | set(known.attribution_nouns) | documents


def _source_tag(text: str) -> int:
    """Where a closing tag that only says whose words they are starts in `text`, or 0: it names the source (an
    inspector subject) and, besides, only councils, years and words of attribution (words.toml [attribution])."""
    match = _TAG.search(text)
    if not match:
        return 0
    tag = next(group for group in match.groups() if group)
    said = [t.word for t in tokens(without_authorities(tag))]
    if not set(said) & _source_nouns() or any(w not in _tag_words() and not YEAR.fullmatch(w) for w in said):
        return 0
    folded = fold_synonyms(tag)  # stop words may still state something: "– but not in Ofsted's view"
    if negations(folded) or quantifiers_in(folded) or grade_words_in(tag):
        return 0
    return match.start()


@lru_cache(maxsize=1)
def _source_nouns() -> frozenset[str]:
    """The words of [attribution] inspector_subjects that name who wrote ("Ofsted", "letter", "report")."""
    known = known_words()
    return frozenset(t.word for p in known.inspector_subjects for t in tokens(p)) - english_stop_words()


# "The Dudley letter is blunt:", "In its report the inspectorate restated that": a lead-in naming the source,
# closed by a colon or by "that" before a quotation.
# A lead-in longer than this is a clause with its own content ("Despite the pandemic, the 2021 letter found:"),
# not a naming of the source ("The Dudley letter is blunt:").
MAX_LEAD_IN_WORDS = 10
_LEAD_IN = re.compile(r"^([^:\"“”]{3,120}?)(?::\s*|\s+that\s+(?=[\"“‘']))")


def _source_lead_in(text: str) -> int:
    """Where a lead-in that only says whose words follow ends, or 0. It must name the source (an inspector
    subject), and state no finding of its own: no negation, grade, number or quantifier (`Ofsted did not say:`)."""
    match = _LEAD_IN.match(text)
    if not match or len(tokens(text[match.end() :])) < MIN_WORDS:
        return 0
    lead = match.group(1)
    lead_words = [t.word for t in tokens(lead)]
    named = [i for i, word in enumerate(lead_words) if word in _source_nouns()]
    # The source is who speaks, not whom someone spoke to ("Social workers told inspectors:").
    if (
        len(lead_words) > MAX_LEAD_IN_WORDS
        or not named
        or set(lead_words[: named[0]]) & set(known_words().reporting_verbs)
    ):
        return 0
    folded = fold_synonyms(lead)
    # A year dates the document ("Ofsted's 2022 visit to Wirral:"); `check` holds the claim to it.
    counted = numbers(YEAR.sub(" ", folded))
    if negations(folded) or counted or quantifiers_in(folded) or grade_words_in(lead):
        return 0
    return match.end()


# A quotation: double quotes of either style, or single quotes that are not apostrophes (no letter outside them).
_QUOTATION = re.compile(r"[\"“”]([^\"“”]+)[\"“”]|(?<![A-Za-z])[‘']([^‘’']+)[’'](?![A-Za-z])")


@lru_cache(maxsize=1)
def _framing_words() -> frozenset[str]:
    """Words that only say who says what about where: attribution, place prepositions, council name forms."""
    known = known_words()
    phrases = [*known.inspector_subjects, *known.reporting_verbs, *known.place_prepositions, *known.council_words,
               *known.council_suffixes, *known.quote_framing]  # fmt: skip
    return frozenset(t.word for phrase in phrases for t in tokens(phrase))


# A quotation of at least this many words is what the claim asserts even when its framing has words of its own
# ("Ofsted said of Swindon's care leaver service:", "Ofsted's 2015 verdict:"), provided the framing has fewer
# content words than the quotation and states nothing checkable. On the spent claim sets every such framed quotation
# of 5 words or more was labelled by its quotation; the claims whose quotation is a name ("Plymouth's 'hotels to
# homes' initiative stands out as ...") quote 3 words inside 6-12 words of their own.
MIN_FRAMED_QUOTE_WORDS = 5


@lru_cache(maxsize=1)
def _date_pattern() -> re.Pattern:
    """A date as a framing names it: "November 2024", "28 November 2024", "2016"."""
    months = alternation(known_words().months)
    return re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{months})\b(?:\s+(?:19|20)\d\d\b)?|{YEAR.pattern}", re.I)


def dates_named(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The years and months (lower case) `text` names; "may" only beside a year ("May 2023")."""
    known = known_words()
    years, months = set(YEAR.findall(text)), set()
    for match in _date_pattern().finditer(text):
        named = match.group(0).casefold().split()
        month = next((w for w in named if w in known.months), "")
        if month and (month not in known.ambiguous_months or YEAR.search(match.group(0))):
            months.add(month)
    return frozenset(years), frozenset(months)


def document_months(document: Document) -> frozenset[str]:
    """The months a document is about: those its inspection dates name and the month of its publication."""
    named = dates_named(document.inspection_dates)[1]
    month = int(document.date[5:7]) if re.fullmatch(r"\d{4}-\d\d-\d\d", document.date) else 0
    return named | ({known_words().months[month - 1]} if 1 <= month <= 12 else set())


def _quoted(claim: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a quotation that is all the claim asserts: around it only attribution, the council's name and
    when the words were written (`Ofsted said of Luton that "..."`, `"...," inspectors found in Devon`,
    `Ofsted's November 2024 letter:`), or a framing with fewer words of its own than a long quotation and nothing
    checkable in them (no negation, number, quantifier or grade). The dates are checked by `misdated`."""
    found = [m for m in _QUOTATION.finditer(claim, start, end) if len(tokens(m.group(1) or m.group(2))) >= MIN_WORDS]
    if len(found) != 1:
        return None
    match = found[0]
    group = 1 if match.group(1) is not None else 2
    outside = without_authorities(claim[start : match.start()] + " " + claim[match.end() : end])
    undated = _date_pattern().sub(" ", outside)
    own = [t.word for t in tokens(undated) if t.word not in _framing_words()]
    if not own:
        return match.start(group), match.end(group)
    quoted_words = len(tokens(match.group(group)))
    content = [w for w in own if w not in english_stop_words()]
    if quoted_words < MIN_FRAMED_QUOTE_WORDS or len(content) >= quoted_words:
        return None
    folded = fold_synonyms(undated)
    if negations(folded) or numbers(folded) or quantifiers_in(folded) or grade_words_in(undated):
        return None
    return match.start(group), match.end(group)


@dataclass(frozen=True)
class Candidate:
    """A source sentence (or two) scored against the claim."""

    doc_id: str
    start: int
    end: int
    similarity: float
    coverage: float
    window: bool = False  # two sentences rather than one

    @property
    def score(self) -> float:
        return 0.6 * self.similarity + 0.4 * self.coverage - (0.03 if self.window else 0.0)


@dataclass(frozen=True)
class Finding:
    """The verdict on a claim within one group of sources (primary or secondary)."""

    verdict: Verdict
    evidence: list[Evidence] = field(default_factory=list)
    diff: list[DiffOp] = field(default_factory=list)
    alterations: list[Alteration] = field(default_factory=list)
    omitted: tuple[str, ...] = ()
    best: Candidate | None = None
    marked: tuple[str, ...] = ()  # for `reworded`: the claim's words nothing in the source explains


class ClaimChecker:
    """Checks claims against a fixed set of documents; sentence splits and sentence vectors are cached."""

    def __init__(
        self,
        documents: dict[str, Document],
        embedder: Embedder,
        search: Callable[[str, int, str], list[Passage]] | None = None,
        settings: ClaimSettings | None = None,
    ):
        self.documents = documents
        self.embedder = embedder
        # (text, k, council or "" for all) -> passages, best first: narrows a large corpus to the likely sentences
        self.search = search
        self.settings = settings or ClaimSettings()  # thresholds measured in docs/claims.md
        self._words: dict[str, WordText] = {}
        self._sentences: dict[str, list[tuple[int, int]]] = {}
        self._near: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
        self._searched: dict[tuple[str, int, str], list[Passage]] = {}
        self._vectors: dict[tuple[str, int, int], np.ndarray] = {}
        self._stems: dict[tuple[str, int, int], set[str]] = {}
        self._claim_vectors: dict[str, np.ndarray] = {}
        self._names: re.Pattern | None = None

    def fold_names(self, text: str) -> str:
        """The text with council names made generic ("Rotherham Council" -> "the council"): sources say "the
        local authority" for the council they are about, so the name says nothing about agreement."""
        if self._names is None:
            # Every name of each council the sources are about: "Hull" for Kingston upon Hull.
            councils = {d.authority for d in self.documents.values() if d.authority}
            names = {n for c in councils for n in [c, *aliases_of(c)]}
            plain = tuple(n.lower() for n in names if not everyday_name(n))
            # A name that is also an everyday word ("Kingston", "Reading") only as written, with its capital.
            written = "|".join(
                rf"(?-i:{re.escape(n)})" for n in sorted(names, key=len, reverse=True) if everyday_name(n)
            )
            known = known_words()
            council_words = _council_words()
            self._names = re.compile(
                rf"\b(?:the )?(?:{'|'.join(filter(None, [alternation(plain), written])) or '(?!x)x'})(?:['’]s)?"
                rf"(?: (?:{alternation(known.council_suffixes)}))?(?: (?:{council_words}))?\b",
                re.IGNORECASE,
            )
        return self._names.sub("the council", text)

    def unexplained_here(self, claimed: str, unit: str) -> list[str]:
        """The claim's words in `claimed` that nothing in `unit` explains, council names folded, and "the district"
        read as the council or as written ("the City's" of the City of London)."""
        placed = unexplained(self.fold_places(claimed), self.fold_places(unit))[0]
        if not placed:
            return []
        named = set(unexplained(self.fold_names(claimed), self.fold_names(unit))[0])
        return [w for w in placed if w in named]

    def fold_places(self, text: str) -> str:
        """`fold_names`, and "the district" (borough, county, city) made "the council" too: a report's "across
        Wakefield" is a claim's "across the district". (For explaining swapped words only: in meaning, "across the
        borough" would draw any sentence about the council.)"""
        return _area().sub("the council", self.fold_names(text))

    def claim_vectors(self, cores: list[str]) -> np.ndarray:
        """Embeddings of claim texts (names folded), cached: an audit embeds all its claims in one batch."""
        missing = [c for c in dict.fromkeys(cores) if c not in self._claim_vectors]
        if missing:
            for core, vector in zip(missing, self.embedder.embed([self.fold_names(c) for c in missing]), strict=True):
                self._claim_vectors[core] = vector
            if len(self._claim_vectors) > 10_000:
                self._claim_vectors.clear()
                return self.claim_vectors(cores)
        return np.stack([self._claim_vectors[c] for c in cores])

    @staticmethod
    def core(claim: str) -> str:
        """The part of the claim that is checked (see `core_of`)."""
        start, end = core_of(claim)
        return claim[start:end]

    def words(self, doc_id: str) -> WordText:
        if doc_id not in self._words:
            self._words[doc_id] = WordText(self.documents[doc_id].text)
        return self._words[doc_id]

    def sentences(self, doc_id: str) -> list[tuple[int, int]]:
        """Statements of a document: sentences that end as sentences, or long lines (not headings or addresses)."""
        if doc_id not in self._sentences:
            text = self.documents[doc_id].text
            self._sentences[doc_id] = _statements(text)
        return self._sentences[doc_id]

    def sentences_near(self, doc_id: str, start: int, end: int) -> list[tuple[int, int]]:
        """The statements (as `sentences` keeps them) of the paragraphs holding text[start:end]."""
        text = self.documents[doc_id].text
        first = text.rfind("\n\n", 0, max(start - 1, 0))
        first = 0 if first < 0 else first + 2
        last = text.find("\n\n", end)
        last = len(text) if last < 0 else last
        key = (doc_id, first, last)
        if key not in self._near:
            self._near[key] = [(first + s, first + e) for s, e in _statements(text[first:last])]
            if len(self._near) > 50_000:
                self._near.clear()
        return self._near[key]

    def check(self, claim: str, scope: list[str] | None = None, authorities: tuple[str, ...] = ()) -> ClaimCheck:
        """The verdict on `claim` against the documents in `scope` (default: all); primary sources first.

        A claim about `authorities` (councils it names) is checked against the sources about them (and sources
        about no council); when only a source about another council says it, the verdict is `altered` and the
        note says where that evidence is from.
        """
        named = {a.casefold() for a in authorities}
        if scope is None and named:
            scope = [i for i, d in self.documents.items() if not d.authority or d.authority.casefold() in named]
        scope = list(self.documents) if scope is None else [d for d in scope if d in self.documents]
        start, end = core_of(claim)
        core = claim[start:end]
        if len(tokens(core)) < MIN_WORDS:
            raise InvalidInput(f"The claim {claim!r} has fewer than {MIN_WORDS} words: give a whole statement.")
        scope = self.narrow(core, scope)
        # A date in the framing ("Ofsted's November 2024 letter:") says which document the words are from.
        framed_years, framed_months = dates_named(claim[:start] + " " + claim[end:])
        years = frozenset(YEAR.findall(core)) | framed_years
        result = self._check(claim, start, end, scope, years)
        result = self.misdated(result, framed_years, framed_months)
        result = self.check_grade(claim, core, scope, years, result)
        says = (Verdict.VERBATIM, Verdict.SUPPORTED)
        # The council's own documents may support the claim only loosely, in other words, while another council's
        # report says it nearly word for word (closer in meaning, and holding far more of its words): then it is
        # that council's finding. (Findings many reports share, "staff enjoy working here", are said in the
        # council's own words too.)
        loose = result.verdict is Verdict.SUPPORTED
        limits = self.settings
        own = max((e.similarity for e in result.evidence), default=0.0)
        own_share = self.words_shared(core, result.evidence[0]) if loose and named else 0.0
        # A support that holds most of the claim's words, or is nearly identical in meaning, cannot lose to another
        # council's sentence (shares and cosines are at most 1): the search of the others is skipped.
        can_lose = not loose or (
            own_share + limits.claim_elsewhere_word_margin <= 1 and own + limits.claim_elsewhere_margin < 1
        )
        if named and (result.verdict not in says or loose) and can_lose:
            wanted = set(scope)
            others = self.narrow(core, [i for i, d in self.documents.items() if i not in wanted and d.kind.is_primary])
            if others:
                elsewhere = self._check(claim, start, end, others, years)
                # Only when that passage is closer than the council's own: its own may say it in other words.
                margin = limits.claim_elsewhere_margin if loose else 0.0
                closer = bool(elsewhere.evidence) and elsewhere.evidence[0].similarity > own + margin
                if loose and closer:  # and it holds far more of the claim's words: they are that council's
                    closer = (
                        self.words_shared(core, elsewhere.evidence[0]) >= own_share + limits.claim_elsewhere_word_margin
                    )
                # A close rewording of another council's sentence is that council's finding too, when nothing
                # about this council says it (its own closest passage is further away).
                if closer and (
                    elsewhere.verdict in says
                    or (elsewhere.verdict is Verdict.REWORDED and result.verdict is Verdict.NOT_FOUND)
                ):
                    result = self.wrong_authority(claim, result, elsewhere, authorities)
        return result

    def topic_stems(self, core: str) -> set[str]:
        """The claim's topic words as compared with passages: stemmed, council names folded, attribution left out."""
        return _stems(self.fold_names(core)) - _attribution_stems()

    def words_shared(self, core: str, evidence: Evidence) -> float:
        """The share of the claim's topic words (council names folded, stemmed) that the evidence's sentences say,
        alone or with the sentence before or after, as the units compared are (the evidence may be the stretch of
        one sentence the claim follows)."""
        text = self.documents[evidence.doc_id].text
        near = self.sentences_near(evidence.doc_id, evidence.start, evidence.end)
        at = [i for i, (s, e) in enumerate(near) if s < evidence.end and evidence.start < e]
        if not at:
            near, at = [(evidence.start, evidence.end)], [0]
        first, last = at[0], at[-1]
        windows = [(first, last), (max(first - 1, 0), last), (first, min(last + 1, len(near) - 1))]
        claim_stems = self.topic_stems(core)
        return max(len(claim_stems & _stems(self.fold_names(text[near[a][0] : near[b][1]]))) for a, b in windows) / max(
            len(claim_stems), 1
        )

    def searched(self, core: str, k: int, authority: str = "") -> list[Passage]:
        """`search(core, k, authority)`, remembered: one check asks the same question for its council's documents
        and for the others (wrong council), and to narrow a large scope."""
        key = (core, k, authority)
        if key not in self._searched:
            if len(self._searched) > 1_000:
                self._searched.clear()
            self._searched[key] = self.search(core, k, authority)
        return self._searched[key]

    def narrow(self, core: str, scope: list[str]) -> list[str]:
        """A large scope (the national record) cut to the documents of the passages retrieval finds for the claim:
        reading every document's words and sentences for each claim does not scale."""
        if self.search is None or len(scope) <= self.settings.claim_scope_documents:
            return scope
        wanted = set(scope)
        found = [p.doc_id for p in self.searched(core, 2 * self.settings.claim_scope_documents) if p.doc_id in wanted]
        return list(dict.fromkeys(found))[: self.settings.claim_scope_documents]

    def _check(self, claim: str, start: int, end: int, scope: list[str], years: frozenset[str]) -> ClaimCheck:
        core = claim[start:end]
        primary = [d for d in scope if self.documents[d].kind.is_primary]
        secondary = [d for d in scope if not self.documents[d].kind.is_primary]
        candidates = self.candidates(core, scope)
        on_primary = self.find(claim, start, end, primary, candidates, years)
        on_secondary = (
            self.find(claim, start, end, secondary, candidates, years) if secondary else Finding(Verdict.NOT_FOUND)
        )
        return self.combine(claim, on_primary, on_secondary, bool(primary))

    def misdated(self, result: ClaimCheck, years: frozenset[str], months: frozenset[str]) -> ClaimCheck:
        """`altered` when the words the claim confirms come from a document of another year or month than its
        framing gives them ("Ofsted's 2019 report said: ..." quoting the 2016 report)."""
        if result.verdict not in (Verdict.VERBATIM, Verdict.SUPPORTED) or not (years or months) or not result.evidence:
            return result
        found = result.evidence[0]
        document = self.documents[found.doc_id]
        wrong_years = years - document.inspection_years
        wrong_months = months - document_months(document) if not wrong_years else frozenset()
        if not (wrong_years or wrong_months):
            return result
        stated = " ".join([m.capitalize() for m in sorted(months)] + sorted(years))
        when = f"published {document.date}"
        if document.inspection_dates:
            when += f", inspected {document.inspection_dates}"
        return replace(
            result,
            verdict=Verdict.ALTERED,
            explanation=f"The words are from {found.title} ({when}), not from a document of {stated}.",
            source_note=f"{_name(found)} says it; the claim dates it {stated}",
        )

    def wrong_authority(
        self, claim: str, result: ClaimCheck, elsewhere: ClaimCheck, authorities: tuple[str, ...]
    ) -> ClaimCheck:
        """`altered`: the claim is about one council, and what says it is about another. The council's own
        inspection sentence, changed in a way the checks name, is what the officer needs first, unless the claim's
        words are the other council's own: then the other council's words are only noted."""
        about = " and ".join(authorities)
        found = elsewhere.evidence[0]
        where = f"{found.authority or 'another council'} ({found.title}, {found.date})"
        own_inspection = bool(result.evidence) and self.documents[result.evidence[0].doc_id].kind.is_primary
        if result.verdict is Verdict.ALTERED and own_inspection and elsewhere.verdict is not Verdict.VERBATIM:
            return replace(result, source_note=f"{result.source_note}; a passage about {where} says it in these words")
        own = f"; closest passage about {about}: {_name(result.evidence[0])}" if result.evidence else ""
        return ClaimCheck(
            claim=claim,
            verdict=Verdict.ALTERED,
            explanation=(
                f"The claim is about {about}, but the passage that says it is about {where}; "
                f"no source about {about} says this."
            ),
            evidence=elsewhere.evidence[:1] + result.evidence[:1],
            diff=elsewhere.diff,
            source_note=f"the nearest evidence is about {where}, not {about}{own}",
        )

    def check_grade(
        self, claim: str, core: str, scope: list[str], years: frozenset[str], result: ClaimCheck
    ) -> ClaimCheck:
        """A claim stating a grade, compared with the judgements of the council's report (the judgement line)."""
        grade = read_grade_claim(core) or read_grade_claim(_from_rating_verb(claim, core))
        if grade is None or result.verdict is Verdict.VERBATIM:
            return result
        documents = [self.documents[d] for d in scope if self.documents[d].kind.is_primary]
        authorities = {d.authority for d in documents if d.judgements}
        if len(authorities) > 1:  # which council: the one the best passage is about
            best = next((e.authority for e in result.evidence if e.primary and e.authority), "")
            if not best:
                return result
            documents = [d for d in documents if d.authority == best]
        finding = compare(grade, documents, years)
        if finding is None:
            return result
        evidence = []
        for judgement in finding.judgements:
            span = judgement_span(finding.document, judgement)
            if span[1] > span[0]:
                evidence.append(self.evidence(finding.document.doc_id, *span, 1.0))
        if finding.agrees:
            # The report's own sentence the claim restates, itself stating a grade of this inspection ("already
            # good at the last inspection, are now outstanding"; "is good for children in primary schools"), says
            # what the judgement line says and more: a grade or a group it shows changed in the claim stands. (Not
            # a sentence naming another inspection's year, "judged good in 2022", nor another kind of change.)
            restated = next((e for e in result.evidence if e.primary), None)
            if (
                result.verdict is Verdict.ALTERED
                and {"grade", "scope"} & set(result.changes)
                and restated is not None
                and restated.doc_id == finding.document.doc_id
                and read_grade_claim(restated.quote) is not None
                and set(YEAR.findall(restated.quote)) <= set(finding.document.inspection_years)
            ):
                return result
            return ClaimCheck(
                claim=claim,
                verdict=Verdict.SUPPORTED,
                explanation=f"The report's judgement gives the grade the claim states ({finding.message}).",
                evidence=evidence + [e for e in result.evidence if e.primary][:1],
                source_note=f"judgement in {_name(evidence[0])}" if evidence else result.source_note,
            )
        position = next(
            (m.start() for m in re.finditer(re.escape(grade.words[0]), claim, re.IGNORECASE) if m.start() >= 0), 0
        )
        stated = " ".join(grade.words)
        diff = [
            DiffOp(
                "replace",
                claim[position : position + len(stated)],
                finding.judgements[0].grade,
                position,
                position + len(stated),
            )  # fmt: skip
        ]
        return ClaimCheck(
            claim=claim,
            verdict=Verdict.ALTERED,
            explanation=f"The report's judgement differs: {finding.message}.",
            evidence=evidence,
            diff=diff,
            source_note=f"judgement in {_name(evidence[0])}" if evidence else "",
        )

    def candidates(self, core: str, scope: list[str]) -> list[Candidate]:
        """Source sentences and pairs of sentences near the claim, from retrieval or (small scopes) all of them."""
        spans: set[tuple[str, int, int]] = set()
        # In a large corpus only the paragraphs around retrieved passages are split into sentences: splitting
        # whole reports for every claim is the slowest part of a check on the national record.
        large = self.search is not None and len(self.documents) > self.settings.claim_scope_documents
        known: dict[str, set[tuple[int, int]]] = {}
        if large or (self.search is not None and sum(len(self.sentences(d)) for d in scope) > 400):
            wanted = set(scope)
            passages = self.searched(core, 30)
            # A claim about one council is read against its own documents: the passages about other councils that
            # say the same would otherwise crowd out the sentence of its own that says it.
            councils = {self.documents[d].authority for d in scope}
            if len(councils) == 1 and len(wanted) < len(self.documents) and (council := councils.pop()):
                passages = passages + self.searched(core, 30, council)
            for passage in passages:
                if passage.doc_id in wanted:
                    near = self.sentences_near(passage.doc_id, passage.start, passage.end) if large else None
                    for s, e in self.sentences(passage.doc_id) if near is None else near:
                        if s < passage.end and passage.start < e:
                            spans.add((passage.doc_id, s, e))
                    if near is not None:
                        known.setdefault(passage.doc_id, set()).update(near)
        else:
            spans = {(d, s, e) for d in scope for s, e in self.sentences(d)}
        units = set(spans)
        for doc_id, s, e in spans:  # a claim may join two neighbouring sentences
            around = sorted(known[doc_id]) if doc_id in known else self.sentences(doc_id)
            following = [x for x in around if x[0] >= e]
            if following and following[0][0] - e < 4:
                units.add((doc_id, s, following[0][1]))
        if not units:
            return []
        claim_stems = self.topic_stems(core)
        coverage: dict[tuple[str, int, int], float] = {}
        focus: dict[tuple[str, int, int], float] = {}
        for unit in units:
            if unit not in self._stems:
                self._stems[unit] = _stems(self.fold_names(self.documents[unit[0]].text[unit[1] : unit[2]]))
            shared = len(claim_stems & self._stems[unit])
            coverage[unit] = shared / max(len(claim_stems), 1)
            focus[unit] = shared / max(len(self._stems[unit]), 1)
        # Only the units sharing most words with the claim are compared by meaning: embedding a sentence costs
        # far more than the rest of a check, and a verdict rests on the few best units, which share words. Of
        # units sharing as many, those with fewer words of their own come first: a long report repeats a short
        # claim's words ("care leavers", "support") in many sentences, and position says nothing.
        shortlist = sorted(units, key=lambda u: (-coverage[u], -focus[u], u))[: self.settings.claim_shortlist]
        missing = [u for u in shortlist if u not in self._vectors]
        if missing:
            texts = [self.fold_names(self.documents[d].text[s:e]) for d, s, e in missing]
            for unit, vector in zip(missing, self.embedder.embed(texts), strict=True):
                self._vectors[unit] = vector
        vector = self.claim_vectors([core])[0]
        found = [
            Candidate(*unit, float(self._vectors[unit] @ vector), coverage[unit], unit not in spans)
            for unit in shortlist
        ]
        return sorted(found, key=lambda c: c.score, reverse=True)

    def find(
        self,
        claim: str,
        start: int,
        end: int,
        scope: list[str],
        candidates: list[Candidate],
        years: frozenset[str] = frozenset(),
    ) -> Finding:
        """The verdict within one group of documents."""
        core = claim[start:end]
        exact = []
        for doc_id in scope:
            match = find_verbatim(core, self.words(doc_id))
            if match:
                exact.append((doc_id, match))
        if exact:
            # The same words in two documents (a report and its re-inspection): the one about the claim's year.
            exact.sort(key=lambda found: not (self.documents[found[0]].inspection_years & years))
            doc_id, match = exact[0]
            dropped = self.dropped_condition(core, doc_id, match.start)
            if dropped is not None:  # the words stand in the source, but not the condition they hold under
                sentence, alteration = dropped
                return Finding(Verdict.ALTERED, [self.evidence(doc_id, *sentence, 1.0)], [], [alteration])
            limited = self.dropped_determiner(core, doc_id, match.start, match.end)
            if limited is not None:  # "all children are seen alone" inside "Not all children are seen alone"
                span, alterations = limited
                return Finding(Verdict.ALTERED, [self.evidence(doc_id, *span, 1.0)], [], alterations)
            qualified = self.dropped_qualifier(core, doc_id, match.start, match.end) if not match.omitted else None
            if qualified is not None:  # "Care leavers are well supported" cut from "..., except those out of area"
                sentence, alterations = qualified
                return Finding(Verdict.ALTERED, [self.evidence(doc_id, *sentence, 1.0)], [], alterations)
            evidence = [self.evidence(d, m.start, m.end, 1.0) for d, m in exact]
            return Finding(Verdict.VERBATIM, evidence, omitted=exact[0][1].omitted)
        wanted = set(scope)
        within = [c for c in candidates if c.doc_id in wanted]
        ranked = within[:3]
        if not ranked:
            return Finding(Verdict.NOT_FOUND)
        if years:  # a claim about a year: a passage of a document about that year, if one is nearly as close
            about = [c for c in within[:10] if self.documents[c.doc_id].inspection_years & years]
            if (
                about
                and about[0] is not ranked[0]
                and about[0].score >= ranked[0].score - self.settings.claim_year_margin
            ):
                ranked = [about[0]] + [c for c in ranked if c is not about[0]][:2]
        finding = self.judge(claim, start, end, ranked[0], ranked)
        if finding.verdict not in (Verdict.NOT_FOUND, Verdict.SUPPORTED):
            return finding
        claim_tokens = [t for t in tokens(claim) if start <= t.start and t.end <= end]
        wording = self._wording_share(claim, claim_tokens, ranked[0])
        if finding.verdict is Verdict.NOT_FOUND:
            # Nothing in the closest passage; a passage a little further that holds as many of the claim's own words
            # may be the one it restates with one of its words turned into the opposite or negated ("breakdowns are
            # common" for "breakdowns are rare"). Only that: a claim the sources do not make shares words with many
            # passages (a figure or year one lacks is no sign it was changed), and support from a passage less close
            # than one that says nothing would lower the burden of proof.
            negated = negations(fold_synonyms(core))
            for other in within[1 : self.settings.claim_reach_for_wording]:
                if self._wording_share(claim, claim_tokens, other) < wording:
                    continue
                sentence = self.documents[other.doc_id].text[other.start : other.end]
                # (Only a sentence with an opposite of a claim's word or another count of negations can be one.)
                if find_opposites(core, sentence) or negated != negations(fold_synonyms(sentence)):
                    closer = self.judge(claim, start, end, other, ranked)
                    if closer.verdict is Verdict.ALTERED and _only_turned(closer.alterations):
                        return closer
            return finding
        if finding.verdict is not Verdict.SUPPORTED:
            return finding
        # Supported by one passage, the claim may yet follow another's wording more closely, with a change: it
        # restates that one ("Child protection plans are effective" for "... are mostly effective", beside a looser
        # summary that says the same). The burden of proof is on the closer passage.
        for other in ranked[1:]:
            if self._wording_share(claim, claim_tokens, other) > wording:
                closer = self.judge(claim, start, end, other, ranked)
                if closer.verdict is Verdict.ALTERED:
                    return closer
        return finding

    def _wording_share(self, claim: str, claim_tokens: list[Token], candidate: Candidate) -> float:
        """How much of the claim's wording a candidate sentence holds, in order (a share of all the claim's words: a
        sentence restating half of the claim closely holds less of it than one restating it all loosely)."""
        text = self.documents[candidate.doc_id].text
        return _claim_share_aligned(align(claim, claim_tokens, text, candidate.start, candidate.end).diff)

    def judge(self, claim: str, start: int, end: int, best: Candidate, ranked: list[Candidate]) -> Finding:
        """The verdict of one candidate passage (`ranked` the candidates it was chosen from, for more evidence)."""
        core = claim[start:end]
        document = self.documents[best.doc_id]
        text = document.text
        claim_tokens = [t for t in tokens(claim) if start <= t.start and t.end <= end]
        aligned = align(claim, claim_tokens, text, best.start, best.end)
        aligned = replace(
            aligned,
            start=_with_quantifier(text, best.start, aligned.start),
            end=_through_quantifier(text, aligned.start, aligned.end, best.end),
        )
        # Compare with the aligned stretch when the claim follows the source's wording, else the whole sentence.
        local = aligned.ratio >= self.settings.claim_local_ratio
        sentence = text[best.start : best.end]
        source_text = text[aligned.start : aligned.end] if local else sentence
        alterations = find_alterations(
            " ".join(p for p in split_ellipsis(core)),
            source_text,
            local,
            sentence,
            # The month of publication explains a framing's date ("Ofsted's March 2025 letter"), not a claim's
            # ("the visit took place in March 2025" of a February visit reported in March).
            document.inspection_years | dates_named(document.inspection_dates)[1],
            self.settings.claim_qualifier_reach,
        )
        if local:
            limits = self.settings
            alterations += dropped_pointer(core, text, best, (aligned.start, aligned.end), self.fold_names,
                                           limits.claim_qualifier_reach, limits.claim_antecedent_chars)  # fmt: skip
            restated_start, restated_end = _restated_span(text, best, aligned.start)
            rest = text[aligned.end : restated_end]
            alterations += council_for_part(core, aligned.diff, self.fold_names, rest)
            alterations += universal_unnegated(aligned.diff)
            stretch = text[aligned.start : aligned.end]
            alterations += dropped_group(core, aligned.diff, rest, self.fold_names, stretch)
            alterations += dropped_topic(core, stretch + rest, self.fold_names)
            alterations += elided_predicate(core, rest)
            alterations += replaced_group(core, aligned.diff, rest, self.fold_names)
            alterations += dropped_modifier(core, text, restated_start, aligned.start)
            if not any(a.kind == "negation" for a in alterations):
                # The whole claim: its framing may be the verb the source negates ("Inspectors identified ...").
                alterations += negation_before(claim, text, restated_start, aligned.start)
        elif not best.window:  # of a two-sentence unit the clause may be the other sentence's
            alterations += dropped_relative(core, sentence, self.fold_names)
        alterations += swapped_preference(core, sentence)
        # The one sentence of a two-sentence unit the claim restates, when it follows the source's wording.
        restated = _restated(text, best, aligned.start) if local else sentence
        if not any(a.kind == "scope" for a in alterations):
            alterations += dropped_compound(core, restated)
        opposed_in: tuple[int, int] | None = None  # the sentence of a two-sentence unit an opposite was found in
        if not any(a.kind == "opposite" for a in alterations):
            opposed_in, opposites = _hidden_opposite(
                claim, claim_tokens, core, text, best, aligned.diff if local else None
            )
            alterations += opposites
        close = (
            (
                best.similarity >= self.settings.claim_close_similarity
                and best.coverage >= self.settings.claim_close_coverage
            )
            or (local and aligned.core_ratio >= self.settings.claim_close_alignment)
            # The claim's own words stand in the source, in order, but for what changed: the source merely says
            # more ("social workers, personal advisers and team managers"), which dilutes the two scores above.
            or (local and _claim_share_aligned(aligned.diff) >= self.settings.claim_close_share)
            # A short sentence restated with a change the checks name: the claim holds nearly all of the sentence's
            # own words, though its framing (the council, the service) lowers the share of its words the sentence
            # holds ("Staff morale in Lewisham's children in care service is low" for "Staff morale is high").
            # (A change of what the sentence says, not a kind of thing it says nothing of: a tiny sentence with a
            # number or quantifier added is a larger claim.)
            or (
                any(not a.added for a in alterations)
                and best.similarity >= self.settings.claim_source_similarity
                and _source_share(self.fold_names(core), self.fold_names(restated), alterations)
                >= self.settings.claim_close_source_share
            )
        )
        entailed = self.entails(core, [text[c.start : c.end] for c in ranked]) if self.settings.nli_model else None
        says = self.says_the_same(best) and not (
            _graded(core) and not document.judgements and not _states_same_grade(core, sentence)
        )
        # The burden of proof: a passage that says the same in other words supports the claim only when every
        # difference is explained; a difference the checks name makes it altered.
        if alterations and (close or says):
            verdict = Verdict.ALTERED
        elif entailed is not None:
            verdict = {"entailment": Verdict.SUPPORTED, "contradiction": Verdict.ALTERED}.get(
                entailed, Verdict.NOT_FOUND
            )
        elif says:
            # A claim that states an Ofsted grade is supported only by a document that gives grades.
            verdict = Verdict.SUPPORTED
        else:
            verdict = Verdict.NOT_FOUND
        listed = improvement_heading(document, best.start) if verdict is Verdict.SUPPORTED else ""
        # A sentence in the report's list of what needs to improve names what is not yet so; a claim that says
        # what is not yet so, as the sentence does ("are not always ambitious enough"), restates it.
        if (
            listed
            and not (negations(fold_synonyms(core)) and negations(fold_synonyms(text[best.start : best.end])))
            and not (known_words().needs | known_words().directing) & {t.word for t in tokens(core)}
        ):
            verdict = Verdict.ALTERED
            alterations = [Alteration("negation", f"the report lists this under “{listed}”: it is not yet so")]
        if verdict is Verdict.ALTERED:
            # A change of scope may rest on words outside the aligned stretch ("Most ..." opening the sentence, a
            # "but not ..." after it): the officer is shown the whole sentence then.
            stretch = set(words(text[aligned.start : aligned.end]))
            widen = any(a.kind in ("quantifier", "scope") for a in alterations) or any(
                a.source_words and stretch.isdisjoint(a.source_words) for a in alterations
            )
            span = (best.start, best.end) if widen else opposed_in or (aligned.start, aligned.end)
            evidence = [self.evidence(best.doc_id, *span, best.similarity)]
            return Finding(verdict, evidence, aligned.diff, alterations, best=best)
        marked: tuple[str, ...] = ()
        if verdict is Verdict.SUPPORTED and local:
            marked = self.swapped_words(core, aligned.diff, sentence, _restated(text, best, aligned.start))
            # A council's name split across the diff ("North" kept, "Somerset's" swapped) is folded as a whole.
            named = {_bare(w) for w in set(words(core)) - set(words(self.fold_names(core)))}
            marked = tuple(w for w in marked if _bare(w) not in named)
            marked = self.named_for_pronoun(marked, aligned.diff, best.doc_id, aligned.start)
            if marked:
                verdict = Verdict.REWORDED
        span = (aligned.start, aligned.end) if local and verdict is not Verdict.REWORDED else (best.start, best.end)
        evidence = [self.evidence(best.doc_id, *span, best.similarity)]
        evidence += [
            self.evidence(c.doc_id, c.start, c.end, c.similarity)
            for c in ranked[1:]
            if verdict is Verdict.SUPPORTED and self.says_the_same(c)
        ]
        diff = aligned.diff if verdict is Verdict.REWORDED else []
        return Finding(verdict, evidence, diff, best=best, marked=marked)

    def named_for_pronoun(self, marked: tuple[str, ...], diff: list[DiffOp], doc_id: str, at: int) -> tuple[str, ...]:
        """`marked` without the words a claim puts in place of the source's subject pronoun when the sentence before
        names them ("Devon leaders have succeeded" for "They have succeeded", after a sentence about its leaders)."""
        pronouns = known_words().subject_pronouns
        named = {w for op in diff if op.source_text.lower() in pronouns for w in words(op.claim_text)}
        here = self.sentence_at(doc_id, at)
        if not named & set(marked) or here is None:
            return marked
        before = [span for span in self.sentences(doc_id) if span[1] <= here[0]][-1:]
        said = self.documents[doc_id].text[before[0][0] : before[0][1]] if before else ""
        return tuple(w for w in marked if w not in named or self.unexplained_here(w, said))

    def sentence_at(self, doc_id: str, at: int) -> tuple[int, int] | None:
        """The span of the sentence holding character `at` of a document, or None."""
        return next(((s, e) for s, e in self.sentences_near(doc_id, at, at + 1) if s <= at < e), None)

    def dropped_condition(self, core: str, doc_id: str, at: int) -> tuple[tuple[int, int], Alteration] | None:
        """For a claim quoting part of a sentence: the sentence and the condition fronted before the words quoted
        ("For children who are appropriately referred, early help services ... are effective"), when it drops it."""
        text = self.documents[doc_id].text
        span = self.sentence_at(doc_id, at)
        if span is None or not text[span[0] : at].strip():
            return None
        condition = fronted_condition(text[span[0] : span[1]], fold_synonyms(core))
        if not condition:
            return None
        return span, Alteration("scope", f"the claim drops the condition “{condition}”", tuple(condition.split()[:1]))

    def dropped_determiner(
        self, core: str, doc_id: str, start: int, end: int
    ) -> tuple[tuple[int, int], list[Alteration]] | None:
        """For a claim whose words stand in a source sentence: the span from a negator or quantifier standing right
        before them ("Not" before "all children are seen alone", "Most" before "children are seen") and what the
        claim changes by leaving it out, or None."""
        text = self.documents[doc_id].text
        sentence = self.sentence_at(doc_id, start)
        if sentence is None:
            return None
        opening = _with_quantifier(text, sentence[0], start)
        if opening == start:
            opening = _fronted_quantifier(text, sentence[0], start)
        if opening == start:
            return None
        alterations = find_alterations(core, text[opening:end], True, text[sentence[0] : sentence[1]])
        return ((opening, end), alterations) if alterations else None

    def dropped_qualifier(
        self, core: str, doc_id: str, start: int, end: int
    ) -> tuple[tuple[int, int], list[Alteration]] | None:
        """For a claim quoting part of a sentence word for word: the sentence and the limits it sets outside the
        words quoted, which the quote leaves out (a qualifying clause after them, "..., except for those living out
        of area"; a group's "who" clause the quote stops inside; an age), or None. Words that stand in the source
        cut from what limits them say more than the source does."""
        span = self.sentence_at(doc_id, start)
        text = self.documents[doc_id].text
        if span is None or (span[0] >= start and span[1] <= end):
            return None
        sentence = text[span[0] : span[1]]
        reach = self.settings.claim_qualifier_reach
        limits = [
            a for a in find_alterations(core, text[start:end], True, sentence, frozenset(), reach) if a.kind == "scope"
        ]
        return (span, limits) if limits else None

    def says_the_same(self, candidate: Candidate) -> bool:
        """Whether a sentence is close enough in meaning and words to support the claim."""
        limits = self.settings
        return (
            candidate.similarity >= limits.claim_support_similarity
            and candidate.coverage >= limits.claim_support_coverage
        ) or (
            candidate.similarity >= limits.claim_paraphrase_similarity
            and candidate.coverage >= limits.claim_paraphrase_coverage
        )

    def swapped_words(self, core: str, diff: list[DiffOp], unit: str, restated: str) -> tuple[str, ...]:
        """The claim's content words that replace source words in a claim that otherwise follows the source's
        wording, when nothing explains them: not the same word (by stem, domain synonyms and council names folded)
        anywhere in the `unit` it was compared with. A rewrite of a whole clause is judged by meaning instead.
        An added conjunct ("and child in need plans") adds an item to what the source says, however long it is:
        only the sentence the claim `restated` may explain it, not a neighbour that says something else of it.
        A verb that only says an age is reached ("turn" of "after they turn 18") needs no explaining: the number
        check compares the age."""
        marked: list[str] = []
        coordinators = known_words().coordinators
        age_verbs = {phrase for phrase in known_words().age_before_number if " " not in phrase}
        for op in diff:
            if op.op not in ("replace", "insert"):
                continue
            added = op.claim_text.split()
            following = core[op.claim_end :].split()[:1]
            if added and all(w.lower() in age_verbs for w in added) and following and numbers(following[0]):
                continue
            if op.op == "insert" and added and added[0].lower() in coordinators:
                marked += unexplained(self.fold_names(op.claim_text), self.fold_names(restated))[0]
                continue
            if max(len(added), len(op.source_text.split())) > self.settings.claim_max_swap_words:
                continue
            # A content word swapped in, or added ("is increasing" for "has been"): the sentence must explain it.
            # Read with the claim's next words, which may finish a phrase the vocabulary knows ("Thanks" | "to" for
            # "due to").
            alone = self.unexplained_here(op.claim_text, unit)
            if alone:
                with_next = self.unexplained_here(f"{op.claim_text} {' '.join(core[op.claim_end :].split()[:2])}", unit)
                marked += [w for w in alone if w in with_next]
        return tuple(dict.fromkeys(marked))

    def entails(self, claim: str, premises: list[str]) -> str:
        """The NLI label ("entailment", "contradiction" or "neutral") of the premise that decides most."""
        model = _nli(self.settings.nli_model)
        scores = np.asarray(model.predict([(p, claim) for p in premises], apply_softmax=True))
        labels = [model.config.id2label[i].lower() for i in range(scores.shape[1])]
        _, column = np.unravel_index(int(np.argmax(scores)), scores.shape)
        return labels[column]

    def evidence(self, doc_id: str, start: int, end: int, similarity: float) -> Evidence:
        """An Evidence record for an exact span of a document."""
        return Evidence.from_span(self.documents[doc_id], start, end, similarity)

    def combine(self, claim: str, primary: Finding, secondary: Finding, have_primary: bool) -> ClaimCheck:
        """One verdict: what the primary sources say, else what only a secondary source says, and a source note."""
        says = (Verdict.VERBATIM, Verdict.SUPPORTED)
        also = f"; also in {_name(secondary.evidence[0])}" if secondary.verdict in says else ""
        extra = secondary.evidence if secondary.verdict in says else []
        if primary.verdict in says:
            main, note = primary, _where(primary.evidence) + also
        elif primary.verdict is Verdict.ALTERED:
            # What the inspection document says decides; a press release repeating the altered words is noted.
            main, note = (
                primary,
                f"{_name(primary.evidence[0])} says something different"
                + (f"; the claim's wording is found only in {_name(secondary.evidence[0])}" if extra else ""),
            )
        elif primary.verdict is Verdict.REWORDED:
            main, extra = primary, []
            note = f"{_name(primary.evidence[0])} says something close in other words; check the marked words"
        elif secondary.verdict in says:
            main, extra = secondary, []
            none = "not in any inspection letter or report" + ("" if have_primary else " (none is in scope)")
            note = f"found only in {_name(secondary.evidence[0])}, {none}"
        else:
            use_secondary = secondary.verdict is Verdict.ALTERED or not primary.evidence
            main, extra = (secondary if use_secondary else primary), []
            note = f"closest passage in {_name(main.evidence[0])}" if main.evidence else "no source in scope"
            if not have_primary:
                note += "; no inspection letter or report in scope"
        return ClaimCheck(
            claim=claim,
            verdict=main.verdict,
            explanation=_explain(main),
            evidence=main.evidence + extra,
            diff=main.diff,
            source_note=note,
            changes=tuple(dict.fromkeys(a.kind for a in main.alterations)) if main.verdict is Verdict.ALTERED else (),
        )


@lru_cache(maxsize=2)
def _nli(folder: str):
    """The NLI CrossEncoder in a local folder (never downloaded)."""
    from pathlib import Path

    if not Path(folder).is_dir():
        raise InvalidInput(f"NLI model folder {folder!r} does not exist; unset ASSISTANT_NLI_MODEL.")
    from sentence_transformers import CrossEncoder

    return CrossEncoder(folder, device="cpu", local_files_only=True)


@lru_cache(maxsize=1)
def _rating_verb() -> re.Pattern:
    """The last rating verb of an attribution (the grade cues that also mark a judgement: rated, judged, graded)."""
    known = known_words()
    verbs = alternation(tuple(sorted(set(known.grade_cues) & set(known.grade_context))))
    return re.compile(rf"\b(?:{verbs})\b[^.;:]*$", re.IGNORECASE)


def _from_rating_verb(claim: str, core: str) -> str:
    """The core with the rating verb of its attribution ("Ofsted rated Kent good": "rated Kent good"), where the
    verb is what states a grade; "" when the attribution has none ("Ofsted found that ... are good")."""
    lead = claim[: max(claim.find(core), 0)]
    rating = _rating_verb().search(lead)
    return lead[rating.start() :] + core if rating else ""


def _hidden_opposite(
    claim: str, claim_tokens: list[Token], core: str, text: str, unit: Candidate, diff: list[DiffOp] | None
) -> tuple[tuple[int, int] | None, list[Alteration]]:
    """An opposite the compared stretch hid, and the sentence to show for it (None: the stretch as usual).

    With the `diff` of a claim that follows the source's wording: a word swapped for its opposite though the
    sentence has the claim's word elsewhere ("higher caseloads" for "lower", beside "a higher standard"), or an
    opposite outside the stretch the claim follows ("a strong focus" for "focus ... is weak"). In a two-sentence
    unit, each sentence aligned on its own: a word the other sentence has ("poorly explored", "consistent") must not
    hide its opposite in the sentence the claim restates ("Neglect is well understood" for "neglect is poorly
    understood"; "is consistent" for "is too variable", beyond the stretch the claim follows)."""
    sentence = text[unit.start : unit.end]
    if diff is not None:
        found = swapped_opposites(diff) or find_opposites(core, sentence)
        if found:
            return None, found
    if unit.window:
        parts = [
            (s, e, align(claim, claim_tokens, text, unit.start + s, unit.start + e))
            for s, e in _unit_statements(sentence)
        ]
        for s, e, part in parts:
            found = find_opposites(core, text[part.start : part.end])
            if found:
                return (unit.start + s, unit.start + e), found[:1]
        if parts and diff is not None:  # the sentence the claim restates is read whole, as a single sentence is
            s, e, _ = max(parts, key=lambda item: item[2].ratio)
            found = find_opposites(core, text[unit.start + s : unit.start + e])
            if found:
                return (unit.start + s, unit.start + e), found[:1]
    return None, []


@lru_cache(maxsize=1)
def _area() -> re.Pattern:
    """ "The district" (words.toml area_nouns) naming the council's area: not "the city of York", nor "the county
    council" (a council's name form)."""
    return re.compile(
        rf"\bthe (?:{alternation(known_words().area_nouns)})(?:['’]s)?(?! of\b)(?! (?:{_council_words()})\b)\b",
        re.IGNORECASE,
    )


def _council_words() -> str:
    """words.toml council_words as alternatives, either apostrophe ("children's trust")."""
    return alternation(known_words().council_words).replace("'", "['’]")


def _bare(word: str) -> str:
    """A word without its possessive ("somerset's" -> "somerset")."""
    return word.removesuffix("'s").removesuffix("’s")


@lru_cache(maxsize=1)
def _quantifier_openings() -> tuple[tuple[tuple[str, str], ...], int]:
    """The quantifier phrases ("not all" among them) a stretch may begin inside, and the longest one's length."""
    phrases = classed_quantifiers() + tuple((phrase, "not all") for phrase in known_words().not_all)
    return phrases, max(len(phrase.split()) for phrase, _ in phrases)


def _with_quantifier(text: str, floor: int, start: int) -> int:
    """`start` moved back over a quantifier phrase the aligned stretch begins inside ("Nearly" before "all care
    leavers ...", "the vast" before "majority", "Not" before "all children ...") or that stands right before it as
    the determiner of its first word ("Most" or "No" before "children are ..."): the stretch's own "all" is not
    the source's, and a claim without the source's "No" drops it."""
    phrases, longest = _quantifier_openings()
    before = tokens(text[floor:start])[-longest:]
    following = " ".join(t.word for t in tokens(text[start : start + 60]))
    between = text[floor + before[-1].end : start] if before else ""
    determiner = not between.strip()  # no punctuation between the word before and the stretch
    for back in range(len(before), 0, -1):
        opening = " ".join(t.word for t in before[-back:])
        joined = f"{opening} {following} "
        inside = any(joined.startswith(f"{phrase} ") and len(phrase.split()) > back for phrase, _ in phrases)
        whole = determiner and (
            any(opening == phrase for phrase, _ in phrases) or (back == 1 and opening in known_words().negators)
        )
        if inside or whole:
            return floor + before[-back].start
    return start


def _fronted_quantifier(text: str, floor: int, start: int) -> int:
    """`floor` when the words before `start` are a short opening phrase set off by a comma that holds a quantifier
    ("In most cases, " before "children are seen quickly"): it limits the clause after it, so a claim quoting only
    the clause drops it. Else `start`."""
    opening = text[floor:start]
    said = tokens(opening)
    if not said or len(said) > OPENING_WORDS or not opening.rstrip().endswith(","):
        return start
    return floor if _quantifier_phrase().search(" ".join(t.word for t in said)) else start


@lru_cache(maxsize=1)
def _quantifier_phrase() -> re.Pattern:
    """Any of the quantifier phrases `_quantifier_openings` lists, as whole words of a lower-cased text."""
    phrases, _ = _quantifier_openings()
    return re.compile(rf"(?<![a-z0-9'])(?:{alternation(tuple(phrase for phrase, _ in phrases))})(?![a-z0-9'])")


def _through_quantifier(text: str, start: int, end: int, ceiling: int) -> int:
    """`end` moved on over a quantifier phrase the aligned stretch ends inside ("... delay for a" + "small number of
    children"), up to `ceiling`: the phrase is the source's, and a claim that stops before it drops it."""
    phrases, longest = _quantifier_openings()
    last = tokens(text[start:end])[-(longest - 1) :] if longest > 1 else []
    after = tokens(text[end:ceiling])[:longest]
    for back in range(len(last), 0, -1):
        opening = [t.word for t in last[-back:]]
        for phrase, _ in phrases:
            split = phrase.split()
            rest = split[back:]
            if split[:back] == opening and rest and [t.word for t in after[: len(rest)]] == rest:
                return end + after[len(rest) - 1].end
    return end


def dropped_pointer(
    core: str,
    text: str,
    unit: Candidate,
    stretch: tuple[int, int],
    fold: Callable[[str], str],
    reach: int,
    antecedent_chars: int,
) -> list[Alteration]:
    """ "these children", "within these teams" in the `stretch` the claim follows (or within `reach` words after
    it): the source speaks of a group named before it. A claim without the "these" keeps the scope only by naming
    that group as the sentence before does, or the one before a chain of "these" ("Unaccompanied asylum-seeking
    children" for "these young people"; not "children in care" for "For some children, permanence is achieved
    through adoption. The planning for these children ..."). `fold` folds council names as the checker does."""
    start, end = stretch
    after = tokens(text[end : unit.end])[:reach]
    limit = end + after[-1].end if after else end
    pointing = known_words().pointing_back
    at = [start + t.start for t in tokens(text[start:limit]) if t.word in pointing]
    claim_words = {t.word for t in tokens(core)}
    if not at or pointing & claim_words:
        return []
    floor = max(0, at[0] - antecedent_chars)
    spans = [(floor + s, floor + e) for s, e in sentence_spans(text[floor : max(unit.end, at[0] + 1)])]
    here = next((i for i, (s, e) in enumerate(spans) if s <= at[0] < e), None)
    if here is None:
        return []
    sentence = text[spans[here][0] : spans[here][1]]
    if (known_words().referring_pronouns & claim_words) - {t.word for t in tokens(sentence)}:
        return []  # the claim's own "they" stands for the group
    back = here - 1
    while back > 0 and pointing & {t.word for t in tokens(text[spans[back][0] : spans[back][1]])}:
        back -= 1  # "... unaccompanied asylum-seeking children. These children are ... these young people"
    named = text[spans[back][0] : spans[here][0]] if back >= 0 else ""
    own = [w for w in unexplained(fold(core), fold(sentence))[0] if w not in _framing_words()]
    if own and len(unexplained(" ".join(own), fold(named))[0]) < len(own):  # it names the group, in part at least
        return []
    return [Alteration("scope", "the claim drops “these”: the source speaks of a group named before it", ("these",))]


def dropped_modifier(core: str, text: str, sentence_start: int, start: int) -> list[Alteration]:
    """The one word that opens the source sentence before the stretch the claim follows, with nothing between (or an
    adverb in -ly and the word it modifies: "Newly qualified"), when the stretch opens with a plural noun
    ("Disabled" before "children are now getting a better service"): it
    narrows the group the sentence speaks of, and a claim without it (or a word of its stem) says the finding of
    all of them. Not a stop word, a connective or an adverb in -ly ("Currently", "However"), which say nothing
    about whom."""
    opening, following = tokens(text[sentence_start:start]), tokens(text[start : start + 40])
    opening = opening[1:] if opening and opening[0].word.isdigit() else opening  # a paragraph's number ("47.")
    # Later in the sentence, an adverb in -ly and the word it modifies right before a group of people ("This
    # includes newly qualified social workers, who ..."): the pair can only be the group's modifier.
    if (
        len(opening) > 2
        and re.fullmatch(r"\w+ly\s+[\w-]+\s*", text[sentence_start + opening[-2].start : start])
        and _starts_with_people([t.word for t in following])
    ):
        opening = opening[-2:]
    if not 1 <= len(opening) <= 2 or text[sentence_start + opening[-1].end : start].strip() or not following:
        return []
    # "Leaders have ...": the word is the subject, not a modifier of it. The noun may be a compound's last word
    # ("social workers", "foster carers").
    head = next((at for at, t in enumerate(following[:3]) if plural_noun(t.word)), None)
    if head is None or any(t.word in english_stop_words() for t in following[:head]):
        return []
    # Two words when an adverb in -ly modifies the modifier, with nothing between ("Newly qualified").
    if len(opening) == 2 and not (opening[0].word.endswith("ly") and text[sentence_start:start].count(",") == 0):
        return []
    word = opening[-1].word
    if not _narrowing_word(word, core):
        return []
    written = text[sentence_start + opening[0].start : sentence_start + opening[-1].end]
    message = f"the claim drops “{written}”, which narrows whom the source speaks of"
    return [Alteration("scope", message, (), (word,))]


# A clause's opening: a hyphenated compound, perhaps after one word, then the word it modifies.
_OPENING_COMPOUND = re.compile(r"(?:^|[,;:(])\s*(?:\d+\.\s+)?((?:[A-Za-z]+\s+)?[A-Za-z]+(?:-[A-Za-z]+)+)\s+([A-Za-z]+)")


def dropped_compound(core: str, sentence: str) -> list[Alteration]:
    """A hyphenated compound opening a clause of the source sentence, before a word the claim has ("short-term" in
    "When children come into care, short-term placement stability is better ..."; "Primary school-aged children
    achieve well"), when the claim does not say it: a compound before a noun can only modify it, and at a clause's
    opening it narrows the subject, so a claim without it speaks of more than the source does. (Later in a clause,
    an object's modifier dropped says less, not more: "have up-to-date plans".)"""
    claim_words = words(core)
    for found in _OPENING_COMPOUND.finditer(sentence):
        written, noun = found.group(1), found.group(2).lower()
        if noun in english_stop_words() or unexplained(noun, core)[0]:
            continue
        first, *rest = written.split()
        before = sentence[: found.start()]
        if before and len(re.split(r"[,;:(]", before)[-1].split()) <= 2:
            continue  # ", sensitive, child-centred work": an item of a list of modifiers, not a clause's opening
        opening = not sentence[: found.start(1)].strip(" (0123456789.")
        if rest and not opening and first.lower() not in known_words().scope_determiners:
            continue  # ", without long-term change": a preposition's object, not a subject
        if rest and not _narrowing_word(first.lower(), core):
            written = rest[0]  # "The short-term ...": the compound alone
        # The claim puts a modifier of its own before the noun ("lasting change"): reworded, not dropped.
        at = next((i for i, w in enumerate(claim_words) if not unexplained(w, noun)[0]), None)
        if at and claim_words[at - 1] not in english_stop_words() and unexplained(claim_words[at - 1], sentence)[0]:
            continue
        if any(_narrowing_word(w, core) for w in words(written.split()[-1].replace("-", " "))):
            message = f"the claim drops “{written}”, which narrows what the source speaks of"
            return [Alteration("scope", message, (), tuple(words(written.replace("-", " "))))]
    return []


def _only_turned(alterations: list[Alteration]) -> bool:
    """Whether a claim differs from a sentence only by words turned into their opposites or negated."""
    return bool(alterations) and all(not a.added and a.kind in ("negation", "opposite") for a in alterations)


def _narrowing_word(word: str, core: str) -> bool:
    """Whether a word before a group can narrow it and the claim does not say it: not a stop word, a framing word
    or an adverb in -ly ("Currently", "However"), which say nothing about whom."""
    if word in english_stop_words() or word in _framing_words() or word.endswith("ly") or not word.isalpha():
        return False
    return bool(unexplained(word, core)[0])


# The most words between a negator before the stretch a claim follows and the stretch ("not however identify any").
NEGATED_REACH = 4


def negation_before(claim: str, text: str, sentence_start: int, start: int) -> list[Alteration]:
    """A negation in the source sentence just before the stretch the claim follows, whose verb or noun the claim
    restates without it ("Inspectors did not however identify any children at risk ..." -> "Inspectors identified
    children at risk ..."; "There was no evidence that ..." -> "There was evidence that ..."): at most
    `NEGATED_REACH` words between the negator and the stretch, one of them a content word the claim says, and no
    negation in the claim."""
    prefix = tokens(text[sentence_start:start])
    negators = known_words().negators
    at = max((i for i, t in enumerate(prefix) if t.word in negators), default=None)
    if at is None or negations(fold_synonyms(claim)):
        return []
    between = prefix[at + 1 :]
    if (
        not between
        or len(between) > NEGATED_REACH
        or re.search(r"[;:.!?]", text[sentence_start + prefix[at].end : start])
    ):
        return []
    after = " ".join(t.word for t in between)
    if len(unexplained(after, claim)[0]) >= len(content_words(fold_synonyms(after))):
        return []  # the claim restates nothing of what the source negates
    written = text[sentence_start + prefix[at].start : sentence_start + between[-1].end]
    return [Alteration("negation", f"the claim drops the source's negation (“{written}”)", (), (prefix[at].word,))]


# The most words of a phrase ending the clause right after the stretch a claim follows that can narrow its group
# ("for younger children", "for those in the 16-plus service").
FOLLOWING_GROUP_WORDS = 6
# The most words of a part preposition's phrase after a group of people ("in crisis", "at university").
PEOPLE_PHRASE_WORDS = 4


def dropped_group(
    core: str, diff: list[DiffOp], following: str, fold: Callable[[str], str], stretch: str = ""
) -> list[Alteration]:
    """A phrase the claim leaves out that narrows a group to part of it, with a word the claim says nowhere: a group
    preposition, then words ending in a plural noun, inside the stretch the claim follows ("planning for young
    children ensures ...") or right after it (`following`, the rest of its clause: "... completed in a timely
    manner for younger children"); or a phrase of a part preposition between a plural noun and the verb ("Social
    workers and managers at the front door do not use ..."). Without it the claim speaks of the whole group.
    A "who" clause without a comma before it in the source's `stretch` narrows too. So do a time limit ("in the
    evenings and at weekends"), a share of the cases ("in 86% of cases") and a word right before a group of people
    ("younger children"), each said of when, how often or whom. `fold` folds council names as the checker does."""
    known = known_words()
    # (phrase, the diff ops around it): the deleted stretches, and the short end of the clause after the stretch.
    around = [None, *diff, None]
    # A phrase the claim puts elsewhere stands in place of the source's words it replaces: those are dropped ("to
    # children and families from the Rapid Response Service during ..." for "for children and families in crisis
    # during ... from the Rapid Response Service").
    sentence = fold(stretch + following)
    phrases = [
        (op.source_text, around[at], around[at + 2], " ".join(o.source_text for o in diff[:at]), diff[at + 1 :])
        for at, op in enumerate(diff)
        if op.op == "delete"
        or (
            op.op == "replace"
            and len(content_words(fold_synonyms(op.claim_text))) > 1
            and not unexplained(fold(op.claim_text), sentence)[0]
        )
    ]
    if after := following_clause(following):
        phrases.append((after, None, None, " ".join(o.source_text for o in diff), []))
    for phrase, before, following_op, source_before, later_ops in phrases:
        words_ = [t.word for t in tokens(phrase)]
        times = _listed_and_dropped(known.time_limits, phrase, core)
        if times:  # "... a timely response when they need help and protection in the evenings and at weekends"
            message = f"the claim drops “{phrase.strip()}”, which limits when it holds"
            return [Alteration("scope", message, (), tuple(times[0].split()))]
        # One word, or an adverb in -ly and the word it modifies ("recruit newly qualified social workers").
        modifier = len(words_) == 1 or (len(words_) == 2 and words_[0].endswith("ly"))
        if modifier and following_op and following_op.op == "equal":
            found = _dropped_adjective(words_[-1], following_op.source_text, core, phrase, stretch)
            if found:
                return found
        if len(words_) < 2:
            continue
        # The group phrase may be a conjunct of the phrase ("in the MASH and for children in care and care leavers").
        opens_group = words_[0] in known.group_prepositions or any(
            w in known.group_prepositions and prior in ("and", "or")
            for prior, w in zip(words_, words_[1:], strict=False)
        )
        of_group = opens_group and plural_noun(words_[-1])
        before_words = [t.word for t in tokens(before.source_text)] if before and before.op == "equal" else []
        after_words = [t.word for t in tokens(following_op.claim_text)] if following_op else []
        between_group_and_verb = (
            bool(before_words)
            and plural_noun(before_words[-1])
            and bool(after_words)
            and after_words[0] in known.auxiliaries
        )
        of_subject = words_[0] in known.part_prepositions and between_group_and_verb
        # A participle and where ("Care leavers living within the borough are ..."): a relative clause without its
        # "who", which the claim keeps by saying the place phrase or the participle placing them ("living in
        # Hounslow").
        placed = (
            between_group_and_verb
            and words_[0].endswith(("ing", "ed"))
            and len(words_) > 2
            and words_[1] in known.place_prepositions
        )
        claimed = words(core)
        placing = any(
            w == words_[0] and after in known.place_prepositions for w, after in zip(claimed, claimed[1:], strict=False)
        )
        if placed and not placing and not set(words_[2:]) - english_stop_words() <= set(claimed):
            message = f"the claim drops “{phrase.strip()}”, which narrows whom the source speaks of"
            return [Alteration("scope", message, (), tuple(words_[1:]))]
        # A restrictive relative clause: no comma sets it off ("children in care with an EHCP who are placed out
        # of borough"; not "care leavers, who ...").
        of_relative = (
            words_[0] in known.relative_of_people
            and (bool(before_words) or _ends_with_group(source_before, fold))
            and not re.search(r",\s*" + re.escape(phrase.strip()), stretch)
        )
        # A share of the cases ("visit families within two days ... in 86% of cases"): the claim says it of all.
        shares = sorted(n for n in numbers(fold_synonyms(phrase)) - numbers(fold_synonyms(core)) if n.endswith("%"))
        if shares:
            message = f"the claim drops “{phrase.strip()}”, which limits how often it holds"
            return [Alteration("scope", message, (), (shares[0],))]
        # A quantified phrase of its own ("is effective for most children", "... in some cases"): the claim that
        # leaves it out says of all what the source says of part.
        partial = _partial_quantifier(words_, core) if words_[0] in known.part_prepositions else ""
        if partial:
            message = f"the claim drops “{phrase.strip()}”, which limits whom or how often it holds"
            return [Alteration("scope", message, (), tuple(partial.split()))]
        # A part preposition's short phrase right after a group of people ("children and families in crisis",
        # "care leavers at university"): it says which of them.
        # The phrase is whole: the claim goes on with the source's next words, not with a conjunction that
        # continues the phrase, and it does not end open ("young people at the point of leaving care" keeps its
        # qualifier in "leaving care").
        of_people = (
            words_[0] in known.part_prepositions
            and len(words_) <= PEOPLE_PHRASE_WORDS
            and words_[-1] not in english_stop_words()
            and _ends_with_people(before_words)
            and following_op is not None
            and following_op.op == "equal"
            and bool(after_words)
            and after_words[0] not in known.coordinators
        )
        if not (of_group or of_subject or of_relative or of_people):
            continue
        narrowing = narrowing_words(phrase, core, fold)
        if of_relative and not (of_group or of_subject):
            # A claim that says the clause's gist in its own words keeps it ("homeless 16- and 17-year-olds" for
            # "16- and 17-year-olds who present as potentially homeless"), unless it drops where they live. A clause
            # the diff cuts off ("who live" | "in private fostering placements") is read to the end of the words it
            # replaces ("Privately fostered children" says it).
            # (Read that far, most of its words must be said: the replaced words may hold the verb the claim keeps.)
            clause = _clause_through_rewording(phrase, later_ops)
            missing = len(unexplained(fold(clause), fold(core))[0])
            said = len(content_words(fold_synonyms(fold(clause))))
            kept = missing < said if clause == phrase else 2 * missing < said
            narrowing = [w for w in narrowing if " " in w] if kept else narrowing
        if narrowing:
            message = f"the claim drops “{phrase.strip()}”, which narrows whom the source speaks of"
            return [Alteration("scope", message, (), tuple(narrowing))]
    return []


def _partial_quantifier(said: list[str], core: str) -> str:
    """The first quantifier short of "all" in a phrase's words (`said`) that the claim does not say, or ""."""
    labels, strength = dict(_quantifier_openings()[0]), known_words().strength
    claimed = [strength.get(labels[m.group(0)], 0) for m in _quantifier_phrase().finditer(" ".join(words(core)))]
    for match in _quantifier_phrase().finditer(" ".join(said)):
        label = labels[match.group(0)]
        if label in strength and strength[label] < strength["all"] and not any(c <= strength[label] for c in claimed):
            return match.group(0)
    return ""


def _clause_through_rewording(phrase: str, later_ops: list[DiffOp]) -> str:
    """A dropped phrase with the source words the claim says in other words right after it (across function words
    the two share: "who live" | "in" | "private fostering placements"), for reading a clause's gist."""
    kept = []
    for op in later_ops:
        if op.op == "equal" and set(words(op.source_text)) <= english_stop_words():
            kept.append(op.source_text)
            continue
        if op.op == "replace":
            return " ".join([phrase, *kept, op.source_text])
        break
    return phrase


def dropped_topic(core: str, stretch: str, fold: Callable[[str], str]) -> list[Alteration]:
    """An "all" or "every" in the `stretch` the claim follows, said of a noun a topic phrase restricts ("review all
    referrals in relation to children's emotional well-being"), when the claim keeps a universal and does not
    restate the phrase in what it says of it (its clause: "every referral that comes in"): it says of every referral
    what the source says of those about one thing. The phrase runs to the next comma or clause break (words.toml
    `topic_prepositions`, `clause_breaks`)."""
    known = known_words()
    universal = alternation(known.universal_determiners)
    # What the claim says of its own "all"/"every" noun: up to the end of its clause.
    said_of = [m.group(1) for m in re.finditer(rf"\b(?:{universal})\s+([^,;:.()]+)", core, re.I)]
    if not said_of:
        return []
    prepositions = alternation(known.topic_prepositions)
    for match in re.finditer(rf"\b(?:{universal})\s+[\w’'-]+\s+(?:{prepositions})\s+([^,;:.()]+)", stretch, re.I):
        phrase = []
        for word in re.findall(r"[\w’'-]+", match.group(1).lower()):  # "well-being" one word
            if word in known.clause_breaks:
                break
            phrase.append(word)
        content = [w for w in phrase if unexplained(fold(w), "")[0]]  # the words a claim would have to explain
        # Restated takes two of its words, or all of a one-word phrase ("children's emotional well-being" is not
        # restated by "children with significant mental health needs" elsewhere in the claim).
        kept = max(sum(not unexplained(fold(word), fold(said))[0] for word in content) for said in said_of)
        if content and kept < min(2, len(content)):
            whole = match.group(0)
            phrase_end = whole.lower().find(phrase[-1], match.start(1) - match.start()) + len(phrase[-1])
            said = " ".join(whole[:phrase_end].split())
            message = f"the claim drops what restricts “{said}”: it says of every one what the source says of some"
            return [Alteration("scope", message, (), tuple(content))]
    return []


def elided_predicate(core: str, rest: str) -> list[Alteration]:
    """ "X is decreasing, and so is Y" says of Y what it says of X: when the source's clause about Y, after the
    stretch the claim follows (`rest`: "... the proportion placed in residential care" + "is increasing"), gives it
    the opposite, the claim swaps it."""
    auxiliaries = alternation(known_words().auxiliaries)
    elided = re.search(rf"\b((?:{auxiliaries})\b[^,;]*?)\s*,?\s+(?:and|but)\s+so\s+(?:{auxiliaries})\b", core, re.I)
    if not elided:
        return []
    return find_opposites(elided.group(1), re.split(r"[,;.!?]", rest)[0])


def dropped_relative(core: str, sentence: str, fold: Callable[[str], str]) -> list[Alteration]:
    """For a claim that rewords a whole sentence: a restrictive "who" clause (no comma before it) right after a group
    of people the claim names ("Excellent support is provided to care leavers who are able or wish to attend higher
    education" for "Leicester provides excellent support to its care leavers"), whose words the claim says nowhere:
    the source speaks of part of the group, the claim of all of it. `fold` folds council names as the checker does."""
    known = known_words()
    claimed = f" {' '.join(words(core))} "
    groups = alternation(tuple(g for g in known.people_groups if f" {g} " in claimed))
    if not groups:
        return []
    relative = alternation(known.relative_of_people)
    for match in re.finditer(rf"\b(?:{groups})\s+((?:{relative})\s[^,;:.()]+)", sentence, re.IGNORECASE):
        clause = match.group(1)
        narrowing = narrowing_words(clause, core, fold)
        if 2 * len(unexplained(fold(clause), fold(core))[0]) < len(content_words(fold_synonyms(fold(clause)))):
            narrowing = [w for w in narrowing if " " in w]  # the claim says most of the clause in its own words
        if narrowing:
            message = f"the claim drops “{clause.strip()}”, which narrows whom the source speaks of"
            return [Alteration("scope", message, (), tuple(narrowing))]
    return []


def _ends_with_people(said: list[str]) -> bool:
    """Whether words end with a group of people the reports speak of (words.toml `people_groups`)."""
    return any(said[-len(g.split()) :] == g.split() for g in known_words().people_groups)


def _starts_with_people(said: list[str]) -> bool:
    """Whether words open with a group of people the reports speak of (words.toml `people_groups`)."""
    return any(said[: len(g.split())] == g.split() for g in known_words().people_groups)


def _ends_with_group(text: str, fold: Callable[[str], str]) -> bool:
    """Whether `text` ends with a plural noun, or with one and a place phrase naming the council ("Children in
    Blackburn with Darwen"): a "who" clause after it narrows that group, though the claim put other words before
    it ("Inspectors were clear that children in Blackburn with Darwen are protected" for "Children in Blackburn with
    Darwen who are at immediate risk are protected"). `fold` folds council names as the checker does."""
    said = words(fold(text))
    places = known_words().place_prepositions
    if len(said) >= 3 and said[-2:] == ["the", "council"] and said[-3] in places:
        said = said[:-3]
    return bool(said) and plural_noun(said[-1])


def _dropped_adjective(word: str, following: str, core: str, written: str, stretch: str) -> list[Alteration]:
    """One word deleted right before a group of people the claim keeps (words.toml `people_groups`: "bring younger
    children into care" -> "bring children into care"; `word` is the last of "newly qualified"): it narrows the
    group, as an opening modifier does (`dropped_modifier`). Not a stop word, quantifier, hedge, framing word or
    adverb in -ly, and not a word the claim says elsewhere, nor one punctuation parts from the group in the source's
    `stretch` ("services available, children are waiting")."""
    known = known_words()
    head = " ".join(t.word for t in tokens(following)[:3])
    group = next((g for g in known.people_groups if f"{head} ".startswith(f"{g} ")), None)
    if group is None or not re.search(rf"\b{re.escape(word)}\s+{re.escape(group)}\b", stretch.lower()):
        return []
    if word in known.hedges or word in known.negators or quantifiers_in(word) or not _narrowing_word(word, core):
        return []
    message = f"the claim drops “{written.strip()}”, which narrows whom the source speaks of"
    return [Alteration("scope", message, (), (word,))]


# The most words of a group's qualifier ("with a child-in-need or child protection plan that").
QUALIFIER_WORDS = 10


def replaced_group(core: str, diff: list[DiffOp], following: str, fold: Callable[[str], str]) -> list[Alteration]:
    """A group's qualifier replaced by other words: the claim follows the source up to a plural noun ("children",
    "children who"), then says something else where the source narrows that group by a part preposition, a
    relative clause or a participle ("Children in early years and primary schools make ..." for "Children in care
    make ...", "for children with a child protection plan that go missing" for "for children who go missing"):
    the claim speaks of another group, or of all of it. The source's qualifier holds words the claim says nowhere;
    at the end of the stretch it runs on to the end of its clause (`following`). `fold` folds council names."""
    known = known_words()
    openers = {*known.part_prepositions, *known.relative_of_people}
    for at, op in enumerate(diff):
        if op.op != "replace" or at == 0 or diff[at - 1].op != "equal":
            continue
        before = [t.word for t in tokens(diff[at - 1].source_text)]
        source = op.source_text + (following_clause(following) if at == len(diff) - 1 else "")
        words_ = [t.word for t in tokens(source)]
        # A qualifier is a phrase, not a clause, and one naming the council ("children in Nottingham continue
        # to ...") names all of it.
        if not before or not words_ or len(words_) > QUALIFIER_WORDS or fold(source) != source:
            continue
        participle = words_[0].endswith(("ed", "ing")) and len(words_) > 1
        # Qualifier for qualifier: the claim's words open one too ("in care" for "living at a distance ..."; not
        # "so that they can" for "in order to facilitate").
        claimed = [t.word for t in tokens(op.claim_text)]
        qualifies = bool(claimed) and (claimed[0] in openers or claimed[0].endswith(("ed", "ing")))
        # A "who" clause narrows the people before it, whatever its last word ("care leavers in custody who are
        # under the age of 21").
        group = plural_noun(before[-1]) or words_[0] in known.relative_of_people
        after_group = group and (words_[0] in openers or participle) and qualifies
        # The qualifier opened in the words the claim keeps ("children who" + ..., "children in" + ...).
        in_clause = len(before) > 1 and before[-1] in openers and plural_noun(before[-2])
        # Two words of its own at least: one is a rewording as often ("who are subject to" for "on", "associated
        # with" for "of").
        if (after_group or in_clause) and len(narrowing := narrowing_words(source, core, fold)) >= 2:
            message = (
                f"the claim says “{op.claim_text.strip()}” where the source says “{source.strip()}”: the source "
                "speaks of part of the group, not all of it"
            )
            return [Alteration("scope", message, (), tuple(narrowing))]
    return []


def narrowing_words(phrase: str, core: str, fold: Callable[[str], str]) -> list[str]:
    """The words of a source `phrase` that narrow a group and that the claim says nowhere: content words other than
    the framing ones ("council", "borough"), and a phrase placing the group away from the council's area ("out of
    borough"), whose words are framing ones."""
    narrowing = [w for w in unexplained(fold(phrase), fold(core))[0] if w not in _framing_words()]
    away = _listed_and_dropped(known_words().away_from_area, phrase, core)
    said, claimed = " ".join(words(phrase)), " ".join(words(core))
    ages = [age for age in age_limits(said) if not age_numbers(age) <= age_numbers(claimed)]  # "under the age of 21"
    return narrowing + away[:1] + ages[:1]


def _listed_and_dropped(listed: tuple[str, ...], phrase: str, core: str) -> list[str]:
    """The phrases of a words.toml list that `phrase` says, word for word, and the claim does not."""
    said, claimed = f" {' '.join(words(phrase))} ", f" {' '.join(words(core))} "
    return [item for item in listed if f" {item} " in said and f" {item} " not in claimed]


def following_clause(following: str) -> str:
    """The short rest of a clause after a stretch (" in the FRTs" of " FRTs. They ..."): up to its punctuation or
    a word opening a qualifying clause (" for looked after children" of "... but is not routinely collected"), ""
    when that is longer than a group's phrase can be."""
    after = _clause_end().split(following, maxsplit=1)[0]
    return after if len(after.split()) <= FOLLOWING_GROUP_WORDS else ""


@lru_cache(maxsize=1)
def _clause_end() -> re.Pattern:
    """Punctuation, or a word opening a qualifying clause (words.toml [claims] qualifying)."""
    return re.compile(rf"[,;:.!?()]|{phrase_pattern(known_words().qualifying).pattern}", re.IGNORECASE)


def council_for_part(
    core: str, diff: list[DiffOp], fold: Callable[[str], str], following: str = ""
) -> list[Alteration]:
    """A council named where the source names a part of it, both after a place preposition ("social workers in
    Nottingham" for "social workers in the children in care teams", "across Norfolk's children's services" for
    "in the In Care teams"): what the source says of a team or a service, the claim says of the whole council.
    The claim's side holds nothing but the name (and words for the council); the source's part is words the claim
    says nowhere. `fold` folds council names as the checker does."""
    places, framing, stop = known_words().place_prepositions, _framing_words(), english_stop_words()
    before = ""
    for at, op in enumerate(diff):
        # At the end of the stretch the source's part runs on to the end of its clause ("in the" + "FRTs").
        source_text = op.source_text + (following_clause(following) if at == len(diff) - 1 else "")
        claim_words = [t.word for t in tokens(op.claim_text)]
        source_words = [t.word for t in tokens(source_text)]
        named = op.op == "replace" and fold(op.claim_text) != op.claim_text
        if named and source_words and not re.search(r"[.!?]", source_text):
            only_name = not [t.word for t in tokens(fold(op.claim_text)) if t.word not in framing | stop]
            # The claim says "in Southend" where the source names a part after a preposition that narrows a group
            # or a past participle ("in the children in care teams", "by the disabled children's team", "with
            # significant health needs", "supported by the adolescent intervention and prevent team").
            opens_part = source_words[0] in {*places, *known_words().part_prepositions} or (
                source_words[0].endswith("ed") and len(source_words) > 1
            )
            placed = before in places or (claim_words[0] in places and opens_part)
            part = [w for w in unexplained(fold(source_text), fold(core))[0] if w not in framing]
            if only_name and placed and part:
                message = (
                    f"the claim says “{op.claim_text}” where the source says “{source_text.strip()}”: the source "
                    "speaks of a part of the council, not all of it"
                )
                return [Alteration("scope", message, tuple(claim_words[:1]), tuple(part))]
        if op.op != "delete" and claim_words:
            before = claim_words[-1]
    return []


def _restated_span(text: str, unit: Candidate, at: int) -> tuple[int, int]:
    """The span of the sentence of `unit` the claim restates (the one holding its aligned stretch's start `at`)."""
    if unit.window:
        for s, e in _unit_statements(text[unit.start : unit.end]):
            if unit.start + s <= at < unit.start + e:
                return unit.start + s, unit.start + e
    return unit.start, unit.end


def _restated(text: str, unit: Candidate, at: int) -> str:
    """The sentence of `unit` the claim restates."""
    return text[slice(*_restated_span(text, unit, at))]


def _statements(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of `text` that end as sentences, or long lines (not headings or addresses)."""
    return tuple(
        (s, e)
        for s, e in sentence_spans(text)
        if text[s:e].rstrip("\"'”’)").endswith((".", "!", "?")) or len(tokens(text[s:e])) >= 12
    )


# The sentences of a two-sentence candidate unit, read for each claim compared with it (whole documents' are kept
# per checker, `ClaimChecker.sentences`).
_unit_statements = lru_cache(maxsize=4096)(_statements)


def _source_share(core: str, sentence: str, alterations: list[Alteration]) -> float:
    """Share of the sentence's topic words (stems, synonyms folded) the claim holds, counting as held one word the
    claim changed for each change the checks name (the source's side of "high" -> "low"). A change that only adds
    (a number where the source gives none) replaced no word of the sentence."""
    own, claimed = _stems(sentence), _stems(core)
    if not own:
        return 0.0
    missing = len(own - claimed)
    replacing = sum(not a.added for a in alterations)
    return (len(own) - missing + min(missing, replacing)) / len(own)


def _claim_share_aligned(diff: list[DiffOp]) -> float:
    """Share of the claim's words that the word diff finds unchanged in the source."""
    same = sum(len(op.claim_text.split()) for op in diff if op.op == "equal")
    total = sum(len(op.claim_text.split()) for op in diff)
    return same / total if total else 0.0


def _graded(core: str) -> bool:
    """Whether the claim states a grade as an Ofsted judgement ("is rated good", "the council was inadequate"), not
    an everyday "morale is good" (`read_grade_claim`, the one definition claims and audits share)."""
    return read_grade_claim(core) is not None


def _states_same_grade(core: str, sentence: str) -> bool:
    """Whether the sentence itself states the grade the claim states, for the same area ("when help and protection
    were judged to require improvement"): then prose may support a grade claim, as a judgement line does."""
    claimed, stated = read_grade_claim(core), read_grade_claim(sentence)
    return claimed is not None and stated is not None and (claimed.rank, claimed.area) == (stated.rank, stated.area)


@lru_cache(maxsize=1)
def _attribution_stems() -> frozenset[str]:
    """Stems of who reports and how ("inspectors described ... as", "judged ... by Ofsted"): a claim's attribution
    left inside its checked words is not part of what it says, so it does not count against a source's coverage."""
    known = known_words()
    # One-word verbs only: "were clear" reports, but a claim's "clearly" is its own word.
    verbs = tuple(verb for verb in known.reporting_verbs if " " not in verb)
    return frozenset(_stems(" ".join(known.inspector_subjects + verbs)))


def _stems(text: str) -> set[str]:
    return set(tokenize_for_bm25([fold_synonyms(text)])[0])


def _name(evidence: Evidence) -> str:
    return f"{'an' if evidence.kind[0] in 'aeiou' else 'a'} {evidence.kind} ({evidence.title}, {evidence.date})"


def _where(evidence: list[Evidence]) -> str:
    return f"found in {_name(evidence[0])}" if evidence else ""


def _explain(finding: Finding) -> str:
    """A sentence or two on what the verdict rests on."""
    if finding.verdict is Verdict.VERBATIM:
        where = finding.evidence[0]
        text = f"The words stand in {where.title} (chars {where.start}-{where.end})."
        if finding.omitted:
            text += " The ellipsis stands for: " + "; ".join(f"“{o}”" for o in finding.omitted) + "."
        return text
    best = finding.best
    if finding.verdict is Verdict.SUPPORTED and best is not None:
        return (
            f"A passage says the same in other words (similarity {best.similarity:.2f}, "
            f"{best.coverage:.0%} of the claim's topic words)."
        )
    if finding.verdict is Verdict.ALTERED:
        return (
            "The closest passage says something different: " + "; ".join(a.message for a in finding.alterations) + "."
        )
    if finding.verdict is Verdict.REWORDED:
        return (
            "A passage is close, but nothing in it explains "
            + ", ".join(f"“{w}”" for w in finding.marked)
            + ": check the marked words before relying on this (not a confirmation)."
        )
    if best is None:
        return "Nothing in the sources checked says this."
    return f"Nothing in the sources checked says this (closest passage: similarity {best.similarity:.2f})."


def audit_document(checker: ClaimChecker, document: str, against: str = "", max_bytes: int = 50 * 2**20) -> AuditReport:
    """Audit a press release or article (a file path or an indexed doc_id) against the primary sources."""
    if not str(document or "").strip():
        raise InvalidInput("Give the document to audit: a file path or the doc_id of an indexed document.")
    audited = resolve_document(checker.documents, document, max_bytes)
    scope, warnings = resolve_against(checker.documents, audited, against, checker.settings.audit_far_days)
    return run_audit(checker, audited, scope, warnings)
