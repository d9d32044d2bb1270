"""Questions answered from the structured judgements and inspectors read out of inspection reports at ingest:
"Which councils were judged inadequate?", a council's grades over time ("how has X's rating changed?", "is X
still inadequate?", "was X rated good?": newest first, each earlier inspection on its own cited line) and "who
inspected X?". Grade names and judgement areas come from domain/grades.toml; question words from words.toml."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from ..domain.grades import area_key, area_named, areas_named, judgement_of, judgements_for, normalise_grade, scheme
from ..domain.regions import region_phrase
from ..domain.words import alternation, words
from ..ingest.metadata import stated_judgement, tabled_judgements
from ..search.query import period_named, without_points_in_time
from ..text import sentence_spans
from ..types import Answer, Citation, Document, Judgement, Kind, Query, SearchFilters
from .compose import abstained_answer, paragraph_of, source_label
from .voices import document_voice


def _phrases(phrases) -> str:
    return rf"(?<![\w-])(?:{alternation(tuple(phrases))})(?![\w-])"


@lru_cache(maxsize=1)
def _question() -> re.Pattern:
    w = words()
    return re.compile(
        rf"{_phrases(w.judgement_asking)}.*{_phrases(w.judgement_places)}.*{_phrases(w.judgement_verbs)}",
        re.IGNORECASE,
    )


def grades() -> tuple[str, ...]:
    """Every printed grade name, longest first (so "requires improvement to be good" wins over "good")."""
    return tuple(sorted({n.casefold() for g in scheme().grades for n in g.names}, key=len, reverse=True))


def area_asked(question: str) -> str:
    """The scheme's name of the judgement area a question narrows to ("care leavers"), or "" for overall."""
    key, _ = area_named(question)
    return _area_name(key) if key != "overall" else ""


def _area_name(key: str) -> str:
    """The scheme's name of a judgement area by its key ("" when unknown)."""
    return next((area.name for area in scheme().areas if area.key == key), "")


def grade_named(question: str) -> str:
    """The scheme's name of a grade a question names, or ""."""
    lowered = question.casefold()
    for grade in grades():
        for found in re.finditer(rf"(?<![\w-]){re.escape(grade)}(?![\w-])", lowered):
            if not _grade_idiom().search(lowered[: found.start()]):
                return normalise_grade(grade)
    return ""


@lru_cache(maxsize=1)
def _grade_idiom() -> re.Pattern:
    """What ends a text before a grade word that makes it everyday English ("is it any good?"), not a grade."""
    return re.compile(rf"{_phrases(words().grade_idiom_before)}\s+$")


def asked_grade(question: str) -> tuple[str, str] | None:
    """(grade, area) when the question asks which councils got a grade, else None; area "" means overall. ("Which
    council oversaw Kirklees's improvement after the 2016 inadequate judgement?" asks for none.)"""
    if not _question().search(without_points_in_time(question)):
        return None
    grade = grade_named(question)
    return (grade, area_asked(question)) if grade else None


def _judgement(document: Document, area: str):
    """The document's judgement for an area ("" = overall effectiveness), or None."""
    return judgement_of(document.judgements, area_key(area) if area else "overall")


def year_window(question: str, years: tuple[str, ...]) -> Callable[[Document], bool]:
    """Which inspections the years of a grade question pick: the inspections of the years it names, or with
    "since 2016" / "from its 2015 inspection" that year's and every later one, with "between 2016 and 2026" those
    of the years between (`period_named`); a question asking how things stand now ("was inadequate in 2019 - what
    is it rated now?") that year's and every later one. A question naming no year picks every inspection."""
    if not years:
        return lambda document: True
    picks = _years_picked(question, years)
    return lambda document: any(picks(year) for year in document.inspection_years)


def _years_picked(question: str, years: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether the years a grade question names pick an inspection of a given year (`year_window`)."""
    if not years:
        return lambda year: True
    period = period_named(question, years)
    if period is None and _previous_inspection().search(question):
        # "Rutland ILACS 2024 - how has the grade changed since the previous inspection?": and the one before it
        return lambda year: year <= max(years)
    if period is None:
        return lambda year: year in years
    first, last = period
    return lambda year: first <= year <= (last or "9999")


def answer_grade_question(
    question: str, documents: dict[str, Document], filters: SearchFilters, matches_filters
) -> Answer | None:
    """Every report whose judgement has the asked grade, cited at its judgement line; None for other questions.

    `matches_filters` tests every filter but the years: a year picks the inspections of that year (`year_window`),
    not every report that mentions it."""
    asked = asked_grade(question)
    if asked is None:
        return None
    grade, area_wanted = asked
    in_window = year_window(question, filters.years)
    graded = [  # (document, its judgement of the area), newest first
        (document, judgement)
        for document in sorted(documents.values(), key=lambda d: d.date, reverse=True)
        if matches_filters(document) and in_window(document)
        and (judgement := _judgement(document, area_wanted)) is not None
    ]  # fmt: skip
    # "Which councils are rated outstanding?", "how many are now inadequate?": each council's latest graded inspection
    current = not (filters.years or filters.since or filters.until) and bool(
        re.search(_phrases(words().judgement_present), question, re.IGNORECASE)
    )
    if current:
        latest: dict[str, tuple[Document, Judgement]] = {}
        for document, judgement in graded:
            latest.setdefault(document.authority, (document, judgement))
        graded = list(latest.values())
    area = area_wanted or "Overall effectiveness"
    where = f" in {' and '.join(map(region_phrase, filters.regions))}" if filters.regions else ""
    matching = [(d, j) for d, j in graded if normalise_grade(j.grade) == grade]
    if not matching and (not graded or filters.authority):
        return None
    # Across councils "none" is an answer too, grounded by each council's grade.
    citations: list[Citation] = []
    for document, judgement in matching or graded:
        span = stated_judgement(document.text, judgement.area, judgement.grade)
        if span is not None:
            citations.append(Citation.from_span(document, len(citations) + 1, *span))
    if not citations:
        return None
    councils = len({c.authority for c in citations})
    of_councils = f"councils{where} with a graded inspection in the documents"
    if not matching:
        when = "at their latest inspection" if current else "in the inspections asked about"
        summary = f"None of the {len(graded)} {of_councils} was judged {grade} {when} ({area}). Their grades:"
    elif current:
        summary = f"{councils} of the {len(graded)} {of_councils}: {grade} at their latest inspection ({area})."
    else:
        summary = f"{len(citations)} inspections{where} judged {grade} ({area}), of {councils} councils."
    text = "\n\n".join([summary] + [f"{source_label(c)}: {c.quote} [{c.n}]" for c in citations])
    searched = f"judgements: {area_wanted or 'overall effectiveness'} = {grade.lower()}"
    return Answer(question, text, False, citations, searched, filters.describe())


def asks_history(query: Query) -> bool:
    """Whether a question asks a council's grade or how it changed ("was X rated good?", "is X still inadequate?")."""
    # A percentage, sum, rate, age or name is no judgement ("what percentage of children in care got grade 4 in
    # GCSE maths?"); a time or a count can be ("when was X rated inadequate?", "how many times ...").
    judged_figures = ("", "a time", "a length of time", "a number")  # names, not words
    if not query.authorities or query.intent.figure not in judged_figures:
        return False
    if re.search(_phrases(words().reason_asking), query.text, re.IGNORECASE):  # the reasons are in the reports' prose
        return False
    history = re.search(_phrases(words().judgement_history), query.text, re.IGNORECASE)
    named = grade_named(without_points_in_time(query.text))  # not "after the 2016 inadequate judgement"
    return query.intent.grade or bool(named and (history or query.text.rstrip().endswith("?")))


def answer_timeline(
    query: Query, documents: dict[str, Document], filters: SearchFilters, matches_filters: Callable[[Document], bool]
) -> Answer | None:
    """A council's graded judgements, newest first, each inspection on its own cited line; None when the question
    is not about one council's grades or no graded inspection of it is indexed.

    `matches_filters` tests every filter but the years: the years the question names pick inspections
    (`year_window`). When none of the council's graded inspections is of those years, a question asking for the
    grade is declined, naming the years it has, if no inspection report of the council is of those years; any
    other (a question naming a year with no inspection may not be about the grades at all) is left to search."""
    if not asks_history(query) or not filters.authority:
        return None
    # Every area the question names ("overall and for children in care and care leavers"), overall when none.
    # An abbreviation names its area by the report's words for it ("Rotherham LAC grade 2017").
    keys = areas_named(query.text) or areas_named("; ".join(query.expansions)) or ("overall",)

    def judged(document: Document) -> list[Judgement]:
        found: list[Judgement] = []
        for key in keys:
            found += [j for j in judgements_for(document.judgements, key) if j not in found]
        return found

    asked = {
        d.doc_id: found
        for d in documents.values()
        if d.kind.is_primary and d.judgements and matches_filters(d) and (found := judged(d))
    }
    every = sorted((documents[doc_id] for doc_id in asked), key=lambda d: d.date, reverse=True)
    in_window = year_window(query.text, filters.years)
    graded = [d for d in every if in_window(d)]
    # Inspections no indexed report is of may be stated elsewhere: the oldest report's sentence on the inspection
    # before it ("Since the previous inspection in 2020, when services ... were judged to require improvement"), an
    # article's side-by-side table of two inspections' judgements.
    held = {year for document in every for year in document.inspection_years}
    picked = _years_picked(query.text, filters.years)

    def unheld(year: str) -> bool:
        return year not in held and picked(year)

    # (Only for a question asking for a grade: one that merely names one, "are pathway plans good enough?", "the
    # first visit since it was found inadequate?", is answered by search.)
    asking = query.intent.grade
    earlier = stated_earlier_grade(every[-1]) if asking and every and keys == ("overall",) else None
    earlier = earlier if earlier and unheld(earlier[2]) else None
    council = sorted((d for d in documents.values() if matches_filters(d)), key=lambda d: d.date, reverse=True)
    tabled = [
        (document, row)
        for document in (council if asking else ())
        for row in tabled_judgements(document.text)
        if row.area_key in keys and unheld(row.year)
    ]
    if (
        every
        and not graded
        and not earlier
        and not tabled
        and asking
        and not _reported_in_window(documents, matches_filters, in_window)
    ):
        # A grade asked of a year with no inspection report of the council: the grade of that year is not in the
        # documents, whatever a focused visit or a later report says about it. (A report of that year whose
        # judgements were not read may still state them in prose: search answers then.)
        reason = (
            f"no graded inspection of {filters.authority} took place in {' or '.join(filters.years)}; "
            f"its graded inspections were in {', '.join(sorted(held, reverse=True))}"
        )
        return replace(abstained_answer(query.text, reason, query.searched_for, filters.describe()), query=query)
    # (year, document, spans, how the line says it), newest first; a report's own judgements before what another
    # document says of the same year.
    stated: list[tuple[str, Document, list[tuple[int, int]], str]] = []
    for document in graded:
        spans = [stated_judgement(document.text, j.area, j.grade) for j in asked[document.doc_id]]
        stated.append((document.date[:4], document, [span for span in spans if span], "says"))
    if earlier:
        stated.append((earlier[2], every[-1], [earlier[:2]], f"says of the {earlier[2]} inspection"))
    for document, row in tabled:
        area = _area_name(row.area_key)
        judged = f"gives Ofsted's {row.year} judgement of {area[0].lower()}{area[1:]}"
        stated.append((row.year, document, [(row.start, row.end)], judged))
    stated = sorted((entry for entry in stated if entry[2]), key=lambda entry: entry[0], reverse=True)
    citations: list[Citation] = []
    lines: list[str] = []
    for _, document, spans, says in stated:
        own = [Citation.from_span(document, len(citations) + i + 1, *span) for i, span in enumerate(spans)]
        lead = ("Latest: " if len(stated) > 1 else "") if not citations else "Earlier: "
        citations += own
        said = " ".join(f"{citation.quote} [{citation.n}]" for citation in own)
        lines.append(f"{lead}{document_voice(document)}, {document.date or 'undated'}, {says}: {said}")
    if not citations:
        return None
    named = [_area_name(key) for key in keys]
    searched = f"judgements of {filters.authority}: {'; '.join(named)}"
    if filters.years:
        searched += f" ({', '.join(filters.years)})"
    return Answer(query.text, "\n\n".join(lines), False, citations, searched, filters.describe(), query)


@lru_cache(maxsize=1)
def _previous_inspection() -> re.Pattern:
    """ "the previous inspection", "its last full inspection" (words.toml [judgement_question] earlier_*)."""
    w = words()
    inspection = rf"(?:{alternation(w.scope_visits + w.scope_inspecting)})"
    return re.compile(rf"{_phrases(w.earlier_inspection)}\s+(?:[\w-]+\s+){{0,2}}?{inspection}\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _earlier_inspection() -> re.Pattern:
    """ "previous inspection in 2020, when services ... were judged to require improvement", "last inspected in July
    2018, when overall effectiveness was judged to be good" (words.toml [judgement_question] earlier_*)."""
    verbs = alternation(words().earlier_grade_verbs)
    return re.compile(
        rf"{_previous_inspection().pattern}[^.;]{{0,40}}?"
        rf"\b(?P<year>(?:19|20)\d\d)\b[^.;]{{0,100}}?\b(?:{verbs})\s+(?:(?:to\s+be|as|to)\s+)?"
        rf"(?P<grade>{alternation(grades())})(?![\w-])",
        re.IGNORECASE,
    )


def stated_earlier_grade(document: Document) -> tuple[int, int, str] | None:
    """(start, end, year) of the sentence in which a report states the grade of the council's inspection before it,
    for an inspection older than the report's own; None when it states none."""
    own = min(document.inspection_years, default="9999")
    for match in _earlier_inspection().finditer(document.text):
        if match.group("year") >= own:
            continue
        paragraph_start, paragraph_end = paragraph_of(document, match.start(), match.end())
        for start, end, _ in sentence_spans(document.text[paragraph_start:paragraph_end]):
            if paragraph_start + start <= match.start() < paragraph_start + end:
                return paragraph_start + start, paragraph_start + end, match.group("year")
    return None


def _reported_in_window(
    documents: dict[str, Document], matches_filters: Callable[[Document], bool], in_window: Callable[[Document], bool]
) -> bool:
    """Whether an inspection report of the council is of the years asked (its judgements may be in prose only)."""
    return any(d.kind is Kind.INSPECTION_REPORT and matches_filters(d) and in_window(d) for d in documents.values())


def asks_who_inspected(question: str) -> bool:
    """Whether a question asks who inspected ("who was the lead inspector?")."""
    w = words()
    named = rf"{_phrases(w.inspectors_asking)}(?: {_phrases(w.inspectors_between)})* {_phrases(w.inspectors_people)}"
    doing = rf"{_phrases(w.inspectors_doing)}(?:\s+[\w'’-]+){{0,4}}?\s+{_phrases(w.inspectors_done)}"
    return bool(re.search("|".join((_phrases(w.inspectors_question), named, doing)), question, re.IGNORECASE))


def answer_inspectors(
    query: Query, documents: dict[str, Document], filters: SearchFilters, matches_filters: Callable[[Document], bool]
) -> Answer | None:
    """The inspectors named by the inspection documents in scope, newest first, each cited at the line naming
    them; an abstention when no document in scope names one (quoting a passage that names nobody would not answer
    "who"); None for other questions.

    `matches_filters` tests every filter but the years: a letter names the inspectors of its own visit, so a year
    picks the inspections of that year (`year_window`), not every letter that mentions it."""
    if not asks_who_inspected(query.text):
        return None
    in_window = year_window(query.text, filters.years)
    citations: list[Citation] = []
    lines: list[str] = []
    for document in sorted(documents.values(), key=lambda d: d.date, reverse=True):
        if not (document.kind.is_primary and document.lead_inspector and matches_filters(document)):
            continue
        if not in_window(document):
            continue
        at = document.text.find(document.lead_inspector)
        if at < 0:
            continue
        start = document.text.rfind("\n", 0, at) + 1
        end = document.text.find("\n", at)
        end = len(document.text) if end < 0 else end
        if end - start > 120:  # a paragraph: quote its sentence naming the inspector
            start = max(document.text.rfind(". ", start, at) + 2, start)
            stop = document.text.find(".", at)
            end = stop + 1 if 0 <= stop < end else end
        quote = document.text[start:end].strip()
        start = document.text.find(quote, start)
        citation = Citation.from_span(document, len(citations) + 1, start, start + len(quote))
        citations.append(citation)
        lines.append(f"{document_voice(document)}, {document.date or 'undated'}, says: {quote} [{citation.n}]")
        if len(citations) >= 5:
            break
    if not citations:
        described = filters.describe()
        reason = "no inspection document" + (f" matching {described}" if described else "") + " names its inspectors"
        return replace(abstained_answer(query.text, reason, "named inspectors", described), query=query)
    return Answer(query.text, "\n\n".join(lines), False, citations, "named inspectors", filters.describe(), query)
