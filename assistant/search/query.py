"""The Query value: everything search, answering and claim checking need to know about a question, built once.

A question is cleaned, read against the conversation (a follow-up borrows the council, year or topic it points
back to; a question with its own subject starts fresh), and annotated with what the domain knows: the report's
words for abbreviations and everyday phrasings, its topic words, the councils and years it names, and its
intent (a grade question, a figure question, a comparison).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..domain.authorities import (
    find_authorities,
    unknown_councils,
    with_authorities_marked,
    with_capitalised_authorities,
    with_possessives,
    without_authorities,
)
from ..domain.grades import grade_pattern, scheme
from ..domain.regions import neighbour_words, region_words
from ..domain.vocabulary import vocabulary
from ..domain.words import DAY, alternation, english_stop_words, month_names, phrase_pattern, words
from ..errors import EmptyQuery, InvalidInput
from ..text import WORD, YEAR, is_phrasing, topic_terms
from ..types import Intent, Query


def clean_text(text: object, limit: int, what: str = "question") -> str:
    """The text with whitespace normalised; EmptyQuery or InvalidInput when it is empty, too long or not text."""
    if text is None or not str(text).strip():
        raise EmptyQuery(f"The {what} is empty: type a {what} in plain words.")
    text = " ".join(str(text).split())
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"The {what} contains characters that are not valid text; retype it.") from None
    if len(text) > limit:
        raise InvalidInput(f"The {what} is {len(text)} characters long; the limit is {limit}.")
    return text


def expansions_for(text: str) -> tuple[str, ...]:
    """The report's words for the abbreviations and everyday phrasings in a text, without repeats."""
    vocab = vocabulary()
    found: list[str] = []
    for word in WORD.findall(text):
        term = vocab.term_for(word.strip("'’").removesuffix("'s").removesuffix("’s"))
        if term and term.expansions[0] not in found:
            found.append(term.expansions[0])
    for report in vocab.report_words(text):
        if report not in found:
            found.append(report)
    return tuple(found)


_pattern = phrase_pattern


@lru_cache(maxsize=4)
def _plural_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """Phrases as `_pattern` matches them, their last word also in the plural ("priority actions")."""
    return re.compile(rf"(?<![\w-])(?:{alternation(phrases)})s?(?![\w-])", re.IGNORECASE)


def asks_for_grade(text: str) -> bool:
    """Whether a question asks how something was graded ("How were care leavers judged?"). A judgement named as a
    point in time ("which council oversaw its improvement after the 2016 inadequate judgement?") is not asked for."""
    grade_words = next((says for says, report in vocabulary().plain if report == "judgement"), ())
    text = without_points_in_time(text)
    return bool(
        _pattern(grade_words + words().judgement_words).search(text)
        or _result_question().search(text)
        or _grade_verb_question(text)
    )


def without_points_in_time(text: str) -> str:
    """The question without the judgements or inspections it measures from or to ("after the 2016 inadequate
    judgement"): they are not what it asks for."""
    return _point_in_time().sub(" ", text)


@lru_cache(maxsize=1)
def _point_in_time() -> re.Pattern:
    """ "after the 2016 inadequate judgement", "since its last inspection": a judgement or inspection a question
    measures from or to (words.toml year_from, year_prior), up to five words on."""
    w = words()
    points = w.year_from + w.year_prior
    events = w.judgement_words + w.scope_visits
    return re.compile(
        rf"(?<![\w-])(?:{alternation(points)})\s+(?:[\w'’&-]+\s+){{0,5}}?(?:{alternation(events)})(?![\w-])",
        re.IGNORECASE,
    )


def _grade_verb_question(text: str) -> bool:
    """ "What did Ofsted rate Luton?": a grade verb in its base form after "what/how did" and the one asked about,
    where no determiner makes it a noun ("what did the judge say?")."""
    markers = words().noun_markers
    return any(m.group(1).split()[-1].casefold() not in markers for m in _grade_verb_pattern().finditer(text))


@lru_cache(maxsize=1)
def _grade_verb_pattern() -> re.Pattern:
    """ "what did" / "how did", one to six words (group 1), then a grade verb's base form (words.toml grade_verbs_*)."""
    w = words()
    return re.compile(
        rf"(?<![\w-])(?:{alternation(w.grade_verbs_asking)})((?:\s+[\w'’&-]+){{1,6}}?)\s+"
        rf"(?:{alternation(w.grade_verbs_base)})\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _result_question() -> re.Pattern:
    """ "What did X get for care leavers?": a result asked for in a judgement area (words.toml result_*)."""
    w = words()
    areas = tuple(phrase for area in scheme().areas if area.key != "overall" for phrase in area.said)
    asking = alternation(w.result_asking).replace(" ", r"\s+")
    return re.compile(
        rf"\b(?:{asking})\b[^?]{{0,80}}?\b(?:{alternation(w.result_verbs)})\s+"
        rf"(?:(?:{alternation(w.result_determiners)})\s+)?(?:{alternation(areas)})\b",
        re.IGNORECASE,
    )


def figure_asked(text: str) -> str:
    """The kind of figure a question asks for, or ""."""
    w = words()
    # "whats the average" is "what's the average" typed without the apostrophe
    lowered = re.sub(rf"\b({alternation(w.wh_words)})s\b", r"\1's", text.lower().replace("’", "'"))
    if "how much" in lowered and _pattern(w.money_question).search(lowered.replace("how much", "")) or "£" in text:
        return "a sum of money"
    # "what's the budget", "what is the average social worker salary": the thing asked for is a sum of money
    asked_for = r"\bwhat(?:'s| is| was| were| are) the (?:[\w-]+ ){0,3}?"
    if re.search(asked_for + _pattern(w.money_question).pattern, lowered):
        return "a sum of money"
    tokens = _tokens(lowered)
    about_itself = (  # the figure itself, not what someone said of it nor a yes-or-no question
        bool(tokens) and tokens[0] not in w.auxiliaries and not set(tokens) & set(w.reporting_verbs)
    )
    # "When do the better salaries start?" asks a time, not a sum.
    other_asking = re.search(rf"(?:^|[-–—:;,]\s)(?:{alternation(w.money_other_asking)})\b", lowered.strip())
    if about_itself and not other_asking and _pattern(w.money_nouns).search(lowered):
        return "a sum of money"
    noun = rf"(?:\b(?:{alternation(w.noun_markers)})\s+|['’]s\s+)(?:{alternation(w.address_nouns)})\b"
    if about_itself and re.search(noun, lowered):
        return "an address"
    if _pattern(w.hours_question).search(lowered):
        return "opening hours"
    # (A percentage asked for outright is wanted whatever it is of: "vacancy rate - what percentage?")
    if _pattern(tuple(p for p in w.percentage_question if p != "%")).search(lowered) or "%" in text:
        return "a percentage"
    if about_itself and re.search(
        rf"(?<![\w-])(?:{alternation(w.rate_nouns)})(?:\s+(?:{alternation(w.rate_followers)})\b|\s*[?.!]?\s*$)", lowered
    ):
        return "a rate"
    if _pattern(w.share_question).search(lowered):
        return "a percentage or share"
    if _pattern(w.age_question).search(lowered):
        return "an age"
    # "who is the ..." opens the question ("the staff who were ..." does not ask for a name); "the name of" anywhere
    # ("lambeth lead member - who is it?": a clause opens after the dash)
    named = any("name" in m.group(0) for m in _pattern(w.person_asking).finditer(lowered))
    asking_for_person = _clause_opening(w.person_asking).search(lowered.strip()) or named
    if asking_for_person and _pattern(w.person_roles).search(lowered):
        return "a person's name"
    # "number of LAC in 2022", "west northants - exact number of kids ...", "leeds average caseload": a count named
    # where the question or a clause opens, perhaps after the council it is about.
    if (
        _pattern(w.count_question).search(lowered)
        or any(
            _clause_opening(w.count_opening).search(text.strip()) for text in (lowered, without_authorities(lowered))
        )
        or re.search(r"\bhow much (is|are|money|funding)\b", lowered)
    ):
        return "a number"
    # "when did ...", "Leicester - when was it judged ...": a question or clause opening with "when" asks for a time,
    # unless it asks when something usually happens ("when do care leavers get a PA?": a stage, said in many ways)
    opening = rf"(?:^|[-–—:;,]\s)when(?:'s|\s+(?:{alternation(w.when_verbs)})\b)"
    if re.search(opening, lowered.strip()) or _pattern(w.time_question).search(lowered):
        return "a time"
    if _pattern(w.duration_question).search(lowered) or re.search(
        rf"\bin\s+(?:{alternation(w.duration_units)})\s*[?.!]*\s*$", lowered
    ):
        return "a length of time"
    return ""


@lru_cache(maxsize=8)
def _clause_opening(phrases: tuple[str, ...]) -> re.Pattern:
    """One of the phrases where a question or one of its clauses opens (after a dash, colon, semicolon or comma)."""
    return re.compile(rf"(?:^|[-–—:;,]\s)\s*(?:{alternation(phrases)})(?![\w-])", re.IGNORECASE)


def counted_words(text: str) -> tuple[str, ...]:
    """What a count question counts: the words right after "how many" / "number of", up to the first function
    word, without council names ("how many care leavers was Rotherham supporting" -> care, leavers; "how many
    Leicester youngsters" -> youngsters); nothing for a count of occurrences ("how many times")."""
    w = words()
    asked = _pattern(w.count_question + w.count_opening).search(text.lower().replace("’", "'"))
    if not asked:
        return ()
    counted = []
    for word in re.findall(r"[A-Za-z][A-Za-z'-]*", text[asked.end() :]):
        if word.lower() in english_stop_words():
            break
        if word.lower() in w.occurrence_nouns:
            return ()
        if not find_authorities(word):
            counted.append(word.lower())
    return tuple(counted)


@lru_cache(maxsize=1)
def _scope_phrase() -> re.Pattern:
    """A prepositional phrase naming a visit or report ("at its October 2019 focused visit", "according to
    Bedford's 2023 inspection") or a month ("in October 2023"), as words.toml [scope_phrase] lists them."""
    w = words()
    when = f"{month_names()}|{alternation(w.seasons)}"
    which = rf"(?:{DAY}|(?:19|20)\d\d|{when}|{alternation(w.scope_which)})"
    documents = w.scope_visits + w.scope_papers
    owner = rf"(?:(?:{alternation(w.scope_determiners)})|[\w&-]+(?:\s+[\w&-]+){{0,3}}['’]s)"
    document = (
        rf"(?:{owner}\s+)?(?:{which}\s+(?:and\s+)?){{0,4}}(?:(?:{alternation(w.scope_kinds + documents)})\s+){{0,2}}"
        rf"(?:{alternation(documents)})"
    )
    month = rf"(?:{DAY}\s+)?(?:{when})\s+(?:19|20)\d\d"
    # A label opening the question ("Hounslow 2025 visit: ...", "Leeds ILACS 2022 - ...", "Kent CIN/CP visit - ..."):
    # names, years and the document's words before a colon or a dash.
    label = (
        rf"^(?:(?-i:[A-Z][\w&'’/-]*)\s+|(?:19|20)\d\d\s+|(?:{alternation(w.scope_kinds + w.scope_which)})\s+){{1,5}}"
        rf"(?:{alternation(documents)})(?:\s+(?:19|20)\d\d)?\s*(?::|\s[-–—])"
    )
    return re.compile(
        rf"{label}|(?<![\w-])(?:{alternation(w.scope_prepositions)})\s+(?:{document}|{month})(?![\w-])",
        re.IGNORECASE,
    )


def without_scope_phrases(text: str) -> str:
    """The text without the phrases that say which visit, report or month it is about: they choose the document,
    not the passage."""
    return " ".join(_scope_phrase().sub(" ", with_capitalised_authorities(text)).split())


@lru_cache(maxsize=1)
def _visit_words() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Patterns for a visit or paper word, a month with its year, a visit type's word and a paper's word."""
    w = words()

    def whole(options: tuple[str, ...]) -> re.Pattern:
        return re.compile(rf"(?<![\w-])(?:{alternation(options)})(?![\w-])")

    month = re.compile(rf"\b({alternation(w.months)})\s+((?:19|20)\d\d)\b")
    return whole(w.scope_visits + w.scope_papers), month, whole(w.scope_kinds + w.scope_visits), whole(w.scope_papers)


def period_named(text: str, years: tuple[str, ...]) -> tuple[str, str] | None:
    """The period a text's years name: ("2016", "") for "since 2016" / "from its 2015 inspection" / "since being
    judged inadequate in 2016", or when the text asks how things stand now ("was inadequate in 2016 - what is it
    rated now?": the year is the premise's), ("2016", "2020") for "between 2016 and 2020"; None when they name
    years, not a period ("in 2016")."""
    if not years:
        return None
    w, first = words(), min(years)
    # Between "since" and the year only words naming an inspection may stand ("since the last inspection in 2017"),
    # so that "looked after in Reading rated in 2016" is no period.
    naming = alternation(
        w.scope_determiners + w.scope_which + w.scope_kinds + w.scope_visits + w.scope_papers + w.scope_prepositions
    )
    if re.search(rf"(?<![\w-])(?:{alternation(w.year_from)})(?:\s+(?:{naming}))*\s+{first}\b", text, re.IGNORECASE):
        return first, ""
    since = rf"(?<![\w-])(?:{alternation(w.year_since_clause)})\s+(?:[\w'’-]+\s+){{1,6}}?(?:in\s+)?{first}\b"
    if re.search(since, text, re.IGNORECASE):
        return first, ""
    if len(years) > 1 and _pattern(w.year_between).search(text):
        return first, max(years)
    return (first, "") if asks_now(text) else None


def asks_now(text: str) -> bool:
    """Whether a question asks how things stand now ("now", "still", "currently"; words.toml `asks_now`)."""
    return bool(_later_patterns()[0].search(text))


@lru_cache(maxsize=1)
def _later_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Words asking about now, a visit or inspection (or visiting again), "next", "next" naming a visit or
    inspection, and "after [the] [March] 2022" (the year its group)."""
    w = words()
    inspections = w.scope_visits + w.scope_framework_names + w.scope_inspecting
    next_one = rf"(?<![\w-])(?:{alternation(w.year_next)})\s+(?:[\w-]+\s+){{0,3}}?(?:{alternation(inspections)})\b"
    asked = _pattern(inspections + w.scope_revisits)
    return _pattern(w.asks_now), asked, _pattern(w.year_next), re.compile(next_one, re.I), _then_year(w.year_after)


def _then_year(opening: tuple[str, ...]) -> re.Pattern:
    """One of `opening`, perhaps a determiner and a [day and] month, then a year, its group ("after the March
    2022", "before 2020")."""
    return re.compile(
        rf"(?<![\w-])(?:{alternation(opening)})\s+(?:(?:{alternation(words().scope_determiners)})\s+)?"
        rf"(?:(?:{DAY}\s+)?(?:{month_names()})\s+)?((?:19|20)\d\d)\b",
        re.IGNORECASE,
    )


def later_than(text: str, years: tuple[str, ...]) -> str:
    """The year a question asks what came after ("its next inspection after the 2022 one", "the full inspection
    after the 2023 focused visit": an inspection or visit asked about, after the year), else "". A question about
    how things stand now ("still inadequate after the 2022 inspection?") asks about that inspection."""
    now, visit, next_word, next_one, after_year = _later_patterns()
    if not years or now.search(text):
        return ""
    afters = list(after_year.finditer(text))
    for year in sorted(years):
        after = next((m for m in afters if m.group(1) == year), None)
        if not after:
            continue
        # The thing asked about is itself an inspection or a visit, named before "after" ("the full inspection
        # after the 2023 focused visit"; not "what does it need to improve after its 2025 visit"), or "next"
        # names one ("its next Ofsted inspection"; not "what the council is aiming for next").
        asked = text[: after.start()]
        if visit.search(asked) and (next_one.search(asked) or not next_word.search(asked)):
            return year
    return ""


@lru_cache(maxsize=1)
def _prior_year() -> re.Pattern:
    """ "before [the] [March] 2020" (words.toml year_prior), the year its group."""
    return _then_year(words().year_prior)


@lru_cache(maxsize=1)
def _figure_noun_asked() -> re.Pattern:
    """A question word, up to three words, then a noun asking for a figure (words.toml figure_nouns), its group."""
    w = words()
    return re.compile(
        rf"\b(?:{alternation(w.wh_words)})\s+(?:[\w'’-]+\s+){{0,3}}?({alternation(w.figure_nouns)})\b", re.I
    )


def earlier_than(text: str, years: tuple[str, ...]) -> str:
    """The year a question asks what came before ("what was it rated at the inspection before the March 2020
    focused visit?": an inspection, visit or grade asked about, then "before" and a year), else "". The letter of
    that year is where it is said ("last inspected in July 2018, when ... judged to be good")."""
    visit = _later_patterns()[1]
    for prior in _prior_year().finditer(text):
        asked = text[: prior.start()]
        if prior.group(1) in years and (visit.search(asked) or asks_for_grade(asked)):
            return prior.group(1)
    return ""


def newest_asked(text: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """When the text asks for the newest document ("the latest Middlesbrough inspection", "the most recent
    visit"): the words of the visit type and of the paper it names within the next few words; else None."""
    asked = _pattern(words().scope_newest).search(text)
    if not asked:
        return None
    _, _, visit, paper = _visit_words()
    following = " ".join(text[asked.end() :].lower().split()[:4])
    return frozenset(visit.findall(following)), frozenset(paper.findall(following))


def named_visit(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What the text's phrases naming a visit or report say of it, lower-cased: the months ("october 2019"), the
    words of the visit's type ("focused", "visit") and of the paper ("letter")."""
    document, month, visit, paper = _visit_words()
    # A month alone ("in February 2020") may be when something happened; with a visit or report it names the visit.
    found = (m.group(0).lower() for m in _scope_phrase().finditer(with_capitalised_authorities(text)))
    phrases = " ".join(phrase for phrase in found if document.search(phrase))
    months = frozenset(f"{m} {y}" for m, y in month.findall(phrases))
    return months, frozenset(visit.findall(phrases)), frozenset(paper.findall(phrases))


def asks_what_to_improve(text: str) -> bool:
    """Whether a question asks what needs to improve ("what did Ofsted say needs improving?", "areas for priority
    action?"): Ofsted's letters and reports list it under a heading of their own (words.toml improvement_sections).
    A grade's name ("requires improvement") is no such question, nor one asking whether ("Did X get areas for
    priority action?": the sentence saying so answers it)."""
    w = words()
    lowered = re.sub(grade_pattern(), " ", text, flags=re.IGNORECASE).lower()
    said = _tokens(lowered)
    if said[:1] and said[0] in w.auxiliaries:
        return False
    tokens = set(said)
    needed = bool(tokens & w.improving) and bool(tokens & ((w.needs | w.directing) - w.improving))
    # "the one thing to fix", "areas to improve", "the one area for improvement": a noun, "to" or "for" and a word
    # of improving
    named = (
        any(
            a in w.improvement_nouns and b in ("to", "for") and c in w.improving
            for a, b, c in zip(said, said[1:], said[2:], strict=False)
        )
        or any(  # ... or the noun of improving before it ("the improvement point", "improvement areas"; not the
            # "improved areas", which improved)
            a in w.improving and a.endswith(("ment", "ments")) and b in w.improvement_nouns
            for a, b in zip(said, said[1:], strict=False)
        )
    )
    return (
        needed
        or named
        or bool(_plural_pattern(w.improvement_sections).search(lowered))
        or bool(_pattern(w.failing).search(lowered))
    )


# Words in quotation marks: double or curly quotes, or single quotes that open after a space (not an apostrophe).
_QUOTED = re.compile(r"[\"“]([^\"“”]{3,60})[\"”]|(?<![\w’'])[‘']([^‘’']{3,60})[’'](?![\w])")


def quoted_terms(text: str) -> tuple[str, ...]:
    """The terms of two words or more a question puts in quotation marks ("what are 'staffed houses'?"), lower-cased
    (one word in quotes is as often emphasis or a grade: "after the 2022 'good' result")."""
    found = ((m.group(1) or m.group(2)).strip().lower() for m in _QUOTED.finditer(text))
    return tuple(term for term in found if len(term.split()) >= 2)


def is_comparison(text: str, authorities: Sequence[str]) -> bool:
    """Whether a question compares places ("Leicester vs Rotherham", "compare A and B", "Suffolk and Kirklees
    caseloads?", "is Leeds better than Bradford?"). Two councils named apart are not compared: "when did Leeds start
    overseeing Kirklees' improvement?" asks of one thing that involves both."""
    if _pattern(words().comparison_markers).search(text):
        return True
    if len(authorities) < 2:
        return False
    marked = with_authorities_marked(text, "§")
    joiners = alternation(words().comparison_joiners)
    return bool(re.search(rf"§\W*(?:(?:{joiners})\W+)?(?:[\w-]+\s+){{0,3}}?(?:{joiners}|,|/)\W*§", marked))


def _subject_terms(text: str, authorities: Sequence[str]) -> list[str]:
    """The topic words of a text that are not the places it names (councils as named or as written: "North Lincs";
    regions, "near" a council) or dates (years, and a month with its year: "Jan 2019", "March 2020")."""
    places = {t for name in authorities for t in topic_terms(name)}
    places |= {t for phrase in region_words(text) + neighbour_words(text) for t in topic_terms(phrase)}
    unplaced = _dated_month().sub(" ", without_authorities(text))
    return [t for t in dict.fromkeys(topic_terms(unplaced)) if t not in places and not YEAR.fullmatch(t)]


@lru_cache(maxsize=1)
def _dated_month() -> re.Pattern:
    """A month, in full or short, with a day or a year beside it: a date, not a topic ("May" only capitalised)."""
    w = words()
    plain = tuple(m for m in w.months + w.month_abbreviations if m not in w.ambiguous_months)
    month = rf"(?:(?i:{alternation(plain)})|{alternation(tuple(m.title() for m in w.ambiguous_months))})\.?"
    return re.compile(rf"(?<![\w-])(?:{DAY}\s+{month}|{month}(?=\s+(?:\d{{1,2}}\b|(?:19|20)\d\d\b)))")


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'’]*", text.lower().replace("’", "'"))


def pointing_words(text: str) -> list[str]:
    """The words of a question that point back to something said before it ("they", "it", "that" with nothing in
    the question for them to stand for); [] for a question that stands alone."""
    w = words()
    tokens = _tokens(text)
    named = find_authorities(text)
    subject = [t for t in _subject_terms(text, named) if not is_phrasing(t)]
    found = []
    for i, token in enumerate(tokens):
        if token not in w.pronouns:
            continue
        last = i == len(tokens) - 1
        if token in w.demonstratives and not last:
            after, before = tokens[i + 1], tokens[i - 1] if i else ""
            if before in w.reporting_verbs or before in w.speech_verbs or (subject and after in subject):
                continue  # "found that ...", "this year": a conjunction or determiner, not a pointer
        if token == "there" and (
            (i > 0 and tokens[i - 1] in w.linking_verbs) or (i + 1 < len(tokens) and tokens[i + 1] in w.linking_verbs)
        ):
            continue  # "are there enough ...?": existential
        if named and not last and token not in w.demonstratives:
            continue  # "how do they support care leavers in Leicester?": the council named is what it points to
        found.append(token)
    return found


def _term_words(query: Query) -> list[str]:
    """The words of the sector terms a question names ("care leavers", "personal advisers"), as topic words."""
    named = []
    for term in vocabulary().terms_in(" ".join([query.context, query.text])):
        for form in (term.short, *term.expansions):
            if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", f"{query.context} {query.text}", re.IGNORECASE):
                named += topic_terms(form)
    return named


def is_fragment(text: str) -> bool:
    """Whether a turn is an elliptical fragment ("Leicester?", "in 2014?", "care leavers in Hull?")."""
    tokens = _tokens(text)
    return len(tokens) <= 5 and (not tokens or tokens[0] not in words().question_openings)


def refers_back(text: str) -> bool:
    """Whether a question leans on what came before: it opens like a follow-up ("and ...", "what about ..."), it
    points back with a pronoun that has nothing in the question to stand for, or it is an elliptical fragment."""
    lowered = text.strip().lower()
    if re.match(rf"(?:{alternation(words().follow_up_openings)})\b", lowered):
        return True
    return bool(pointing_words(text)) or is_fragment(text)


def build_query(question: str, history: Sequence[Query] = (), limit: int = 2000, what: str = "question") -> Query:
    """The Query for a question (or claim), read against the conversation so far (most recent last).

    A follow-up keeps the council and year of the turn before unless it names its own, and keeps that turn's
    subject when it has none of its own or points back to it ("is it improving?"); a question that stands alone
    starts fresh, whatever came before (an abstention included).
    """
    text = with_possessives(clean_text(question, limit, what))
    named = find_authorities(text) + unknown_councils(text)
    years = tuple(sorted(set(YEAR.findall(text))))
    follow_up = bool(history) and refers_back(text)
    context_words: list[str] = []
    authorities = list(named)
    inherited_topic: list[str] = []
    if follow_up:
        previous = history[-1]
        own_subject = [t for t in _subject_terms(text, named) if not is_phrasing(t)]
        topic_pointer = any(token in words().topic_pronouns for token in pointing_words(text))
        if not own_subject:
            inherited_topic = [t for t in previous.topic if t not in own_subject]
        elif topic_pointer:  # "what about their housing?": "their" stands for the sector terms asked about before
            named_terms = " ".join(_term_words(previous))
            inherited_topic = [t for t in previous.topic if t in named_terms.split() and t not in own_subject]
        context_words += inherited_topic
        if not years and previous.years:
            years = previous.years
            context_words += list(previous.years)
        if not named and previous.authorities:
            authorities = list(previous.authorities)
            context_words += list(previous.authorities)
    # A phrase naming which visit or month ("at the 2019 focused visit") is not what the question is about, unless
    # it asks for a grade: then which inspection is part of what is asked (lexical search keeps it too). Nor are
    # the terms it names the visit by ("CIN/CP" of "Kent CIN/CP visit 2022 - ..."): they are not expanded.
    grade = asks_for_grade(text)
    own = text if grade else without_scope_phrases(text)
    expansions = expansions_for(" ".join([*inherited_topic, own]))
    topic = [t for t in _subject_terms(own, authorities) if not is_phrasing(t)]
    if grade:  # "how did the judgement change?": the words asking for a grade's history say what is asked of it
        topic = [t for t in topic if t not in words().judgement_history]
    if earlier_than(text, years):  # "prior to its 2020 visit" says which inspection, as the year does
        topic = [t for t in topic if t not in {w for phrase in words().year_prior for w in phrase.split()}]
    # "what number of ...", "which number visit", "which visit number": the noun in the question word's phrase asks
    # for a figure
    asking_nouns = {noun.lower() for noun in _figure_noun_asked().findall(text)}
    topic = [t for t in topic if t not in asking_nouns]
    figure = figure_asked(text)
    if figure == "a sum of money":  # "how much money": the sum answers it, and the answer must state one
        topic = [t for t in topic if t not in words().money_question]
    # (a figure asked about the list, "how long do they have to send an action plan?", is no list question)
    # (nor is a question about a term it quotes: "'staffed houses' - what was wrong with them?")
    improvement = asks_what_to_improve(text) and not figure and not quoted_terms(text)
    if improvement:  # the list answers it under its heading, whatever words it asks in ("the one thing to fix")
        w = words()
        asking = w.improving | w.needs | w.directing | {word for phrase in w.failing for word in phrase.split()}
        topic = [t for t in topic if t not in asking]
    topic = list(dict.fromkeys(inherited_topic + topic))
    return Query(
        text=text,
        context=" ".join(dict.fromkeys(context_words)),
        expansions=expansions,
        topic=tuple(topic),
        authorities=tuple(authorities),
        years=years,
        intent=Intent(
            grade=grade,
            figure=figure,
            counted=counted_words(text),
            comparison=is_comparison(text, named),
            follow_up=follow_up,
            improvement=improvement,
        ),
    )
