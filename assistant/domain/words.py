"""Typed view of words.toml: what the assistant knows about English and about how questions and claims are put."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "words.toml"


@dataclass(frozen=True)
class Words:
    """Word lists by job; every field is read from words.toml (see the comments there for why each exists)."""

    stop: frozenset[str]  # English function words (NLTK's list) plus the sector's and asking words
    wh_words: tuple[str, ...]
    figure_nouns: tuple[str, ...]  # nouns asking for a figure after a question word ("what number")
    phrasing: frozenset[str]
    open_line_ends: tuple[str, ...]
    negators: frozenset[str]
    negation_suffix: str
    contracted: dict[str, str]  # irregular n't contractions spelled out ("won't" -> "will not")
    negating_phrases: tuple[str, ...]
    delay_verbs: frozenset[str]
    quantifiers: tuple[tuple[str, str], ...]  # (phrase, class), longest phrase first
    strength: dict[str, int]  # class -> strength, none 0 .. all 6
    restricting: frozenset[str]
    pronouns: frozenset[str]
    place_prepositions: tuple[str, ...]
    place_name_joiners: tuple[str, ...]
    group_prepositions: frozenset[str]
    part_prepositions: frozenset[str]
    follow_up_openings: tuple[str, ...]
    dangling_openings: tuple[str, ...]
    inspector_subjects: tuple[str, ...]
    inspection_documents: tuple[str, ...]
    name_connectors: tuple[str, ...]
    attribution_nouns: tuple[str, ...]
    reporting_verbs: tuple[str, ...]
    speaker_roles: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    quote_framing: tuple[str, ...]
    money_question: tuple[str, ...]
    money_units: tuple[str, ...]
    share_question: tuple[str, ...]
    percentage_question: tuple[str, ...]
    share_quantities: tuple[str, ...]
    share_words: tuple[str, ...]
    share_fractions: tuple[str, ...]
    fraction_counts: tuple[str, ...]
    count_question: tuple[str, ...]
    definition_openers: tuple[str, ...]
    definition_closers: tuple[str, ...]
    age_question: tuple[str, ...]
    time_question: tuple[str, ...]
    duration_question: tuple[str, ...]
    duration_units: tuple[str, ...]
    duration_qualifiers: tuple[str, ...]
    published_within_days: int
    money_nouns: tuple[str, ...]
    money_other_asking: tuple[str, ...]
    address_nouns: tuple[str, ...]
    noun_markers: tuple[str, ...]
    street_words: tuple[str, ...]
    hours_question: tuple[str, ...]
    clock_suffixes: tuple[str, ...]
    rate_nouns: tuple[str, ...]
    rate_followers: tuple[str, ...]
    when_verbs: tuple[str, ...]
    time_units: tuple[str, ...]
    time_relative: tuple[str, ...]
    time_amounts: tuple[str, ...]
    time_deictic: tuple[str, ...]
    year_before: tuple[str, ...]
    time_judgements: tuple[str, ...]
    age_before_number: tuple[str, ...]
    age_after_ordinal: tuple[str, ...]
    count_opening: tuple[str, ...]
    total_asking: tuple[str, ...]
    part_of_total: tuple[str, ...]
    occurrence_nouns: tuple[str, ...]
    cardinals: dict[str, int]
    ordinals: dict[str, int]
    ambiguous_numbers: frozenset[str]
    not_numbers: tuple[str, ...]
    adverb_ordinals: frozenset[str]
    determiners: frozenset[str]
    pronoun_one_after: frozenset[str]
    fractions: dict[str, int]  # "third" -> 3: "a third", "two thirds"
    proportion_joiners: tuple[str, ...]  # "in", "out of": "one in three"
    months: tuple[str, ...]
    ambiguous_months: frozenset[str]
    month_abbreviations: tuple[str, ...]
    seasons: tuple[str, ...]
    comparison_markers: tuple[str, ...]
    comparison_joiners: tuple[str, ...]
    # Claim checks and audits (words.toml [claims], [audit]).
    hedges: frozenset[str] = frozenset()
    degree_opposites: tuple[tuple[str, str], ...] = ()
    particles: frozenset[str] = frozenset()
    only: frozenset[str] = frozenset()
    not_only: frozenset[str] = frozenset()
    qualifying: tuple[str, ...] = ()
    linking: frozenset[str] = frozenset()
    concessive: tuple[str, ...] = ()
    clause_breaks: frozenset[str] = frozenset()
    universal_determiners: tuple[str, ...] = ()
    topic_prepositions: tuple[str, ...] = ()
    coordinators: frozenset[str] = frozenset()
    relative: frozenset[str] = frozenset()
    relative_of_people: frozenset[str] = frozenset()
    purpose_openers: frozenset[str] = frozenset()
    away_from_area: tuple[str, ...] = ()
    preference_markers: tuple[str, ...] = ()
    time_limits: tuple[str, ...] = ()
    people_groups: tuple[str, ...] = ()
    narrowed_pronouns: frozenset[str] = frozenset()
    pointing_back: frozenset[str] = frozenset()
    referring_pronouns: frozenset[str] = frozenset()
    condition_openers: frozenset[str] = frozenset()
    time_condition_openers: frozenset[str] = frozenset()
    case_nouns: frozenset[str] = frozenset()
    subject_pronouns: frozenset[str] = frozenset()
    improvement_sections: tuple[str, ...] = ()
    improving: frozenset[str] = frozenset()
    improvement_nouns: frozenset[str] = frozenset()
    failing: tuple[str, ...] = ()
    directing: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    not_all: tuple[str, ...] = ()
    sample_limits: tuple[str, ...] = ()
    sample_kept: frozenset[str] = frozenset()
    conditions: tuple[str, ...] = ()
    auxiliaries: frozenset[str] = frozenset()
    age_before: tuple[str, ...] = ()
    age_bounds: tuple[str, ...] = ()
    age_after: tuple[str, ...] = ()
    council_suffixes: tuple[str, ...] = ()
    council_words: tuple[str, ...] = ()
    area_nouns: tuple[str, ...] = ()
    grade_cues: tuple[str, ...] = ()
    grade_no_longer: tuple[str, ...] = ()
    grade_every: tuple[str, ...] = ()
    grade_area_nouns: tuple[str, ...] = ()
    grade_every_idioms: tuple[str, ...] = ()
    everyday_grades: frozenset[str] = frozenset()
    grade_followers: tuple[str, ...] = ()
    grade_occasions: tuple[str, ...] = ()
    many_councils: tuple[str, ...] = ()
    grade_context: tuple[str, ...] = ()
    grade_variants: dict[str, str] | None = None  # spelling -> grades.toml grade name
    boilerplate_openings: tuple[str, ...] = ()
    inspector_cues: tuple[str, ...] = ()
    continuing: tuple[str, ...] = ()
    demonstratives: frozenset[str] = frozenset()
    topic_pronouns: frozenset[str] = frozenset()
    linking_verbs: frozenset[str] = frozenset()
    question_openings: frozenset[str] = frozenset()
    judgement_asking: tuple[str, ...] = ()
    judgement_places: tuple[str, ...] = ()
    judgement_verbs: tuple[str, ...] = ()
    judgement_history: tuple[str, ...] = ()
    judgement_present: tuple[str, ...] = ()
    asks_now: tuple[str, ...] = ()
    year_after: tuple[str, ...] = ()
    year_next: tuple[str, ...] = ()
    year_from: tuple[str, ...] = ()
    year_since_clause: tuple[str, ...] = ()
    year_between: tuple[str, ...] = ()
    year_prior: tuple[str, ...] = ()
    earlier_inspection: tuple[str, ...] = ()
    earlier_grade_verbs: tuple[str, ...] = ()
    inspectors_question: tuple[str, ...] = ()
    inspectors_asking: tuple[str, ...] = ()
    inspectors_between: tuple[str, ...] = ()
    inspectors_people: tuple[str, ...] = ()
    inspectors_doing: tuple[str, ...] = ()
    inspectors_done: tuple[str, ...] = ()
    number_words: tuple[str, ...] = ()
    judgement_words: tuple[str, ...] = ()
    result_verbs: tuple[str, ...] = ()
    result_asking: tuple[str, ...] = ()
    result_determiners: tuple[str, ...] = ()
    grade_verbs_asking: tuple[str, ...] = ()
    reason_asking: tuple[str, ...] = ()
    reason_markers: tuple[str, ...] = ()
    grade_idiom_before: tuple[str, ...] = ()
    grade_verbs_base: tuple[str, ...] = ()
    scope_prepositions: tuple[str, ...] = ()
    scope_determiners: tuple[str, ...] = ()
    scope_which: tuple[str, ...] = ()
    scope_kinds: tuple[str, ...] = ()
    scope_visits: tuple[str, ...] = ()
    scope_framework_names: tuple[str, ...] = ()
    scope_revisits: tuple[str, ...] = ()
    scope_inspecting: tuple[str, ...] = ()
    scope_papers: tuple[str, ...] = ()
    scope_newest: tuple[str, ...] = ()
    person_asking: tuple[str, ...] = ()
    person_roles: tuple[str, ...] = ()
    person_titles: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """English function words only (NLTK's list as bm25s ships it), without the sector's and asking words."""
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    return frozenset(w for w in STOPWORDS_EN_PLUS if "'" not in w)


@lru_cache(maxsize=1)
def words() -> Words:
    """The word lists, read once."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    topic, quantifiers = data["topic"], data["quantifiers"]
    reference, attribution, figures, numbers = data["reference"], data["attribution"], data["figures"], data["numbers"]
    claims, audit = data.get("claims", {}), data.get("audit", {})
    judgement_question = data.get("judgement_question", {})
    classes = [(phrase, name.replace("_", " ")) for name, phrases in quantifiers.items() if name != "restricting"
               for phrase in phrases]  # fmt: skip
    # Idioms carry no class (""): matched before the quantifiers they contain, they hide them.
    idioms = data["quantifier_idioms"]
    frequencies = [f"{opener} {count} {unit}".replace("  ", " ") for opener in idioms["frequency_openers"]
                   for count in ("", *idioms["frequency_counts"]) for unit in idioms["frequency_units"]]  # fmt: skip
    classes += [(phrase, "") for phrase in (*idioms["phrases"], *frequencies)]
    inspectors = data.get("inspectors_question", {})
    scope = data.get("scope_phrase", {})
    return Words(
        stop=english_stop_words()
        | frozenset(topic["sector"])
        | frozenset(topic["asking"])
        | frozenset(topic["function"])
        | frozenset(f"{wh}s" for wh in topic["wh_words"]),
        wh_words=tuple(topic["wh_words"]),
        figure_nouns=tuple(topic["figure_nouns"]),
        phrasing=frozenset(topic["phrasing"]),
        open_line_ends=tuple(data["lines"]["open_line_ends"]),
        negators=frozenset(data["negation"]["words"]),
        negation_suffix=data["negation"]["suffix"],
        contracted=dict(data["negation"]["contracted"]),
        negating_phrases=tuple(data["negation"]["phrases"]),
        delay_verbs=frozenset(data["negation"]["delay_verbs"]),
        quantifiers=tuple(sorted(classes, key=lambda pair: -len(pair[0]))),
        strength={name.replace("_", " "): value for name, value in data["strength"].items()},
        restricting=frozenset(quantifiers["restricting"]),
        pronouns=frozenset(reference["pronouns"]),
        place_prepositions=tuple(reference["place_prepositions"]),
        place_name_joiners=tuple(reference["place_name_joiners"]),
        group_prepositions=frozenset(reference["group_prepositions"]),
        part_prepositions=frozenset(reference["part_prepositions"]),
        follow_up_openings=tuple(sorted(reference["follow_up_openings"], key=len, reverse=True)),
        dangling_openings=tuple(sorted(reference["dangling_openings"], key=len, reverse=True)),
        inspector_subjects=tuple(sorted(attribution["inspector_subjects"], key=len, reverse=True)),
        inspection_documents=tuple(sorted(attribution["inspection_documents"], key=len, reverse=True)),
        name_connectors=tuple(attribution["name_connectors"]),
        attribution_nouns=tuple(attribution["attribution_nouns"]),
        reporting_verbs=tuple(attribution["reporting_verbs"]),
        speaker_roles=tuple(attribution["speaker_roles"]),
        speech_verbs=tuple(attribution["speech_verbs"]),
        quote_framing=tuple(attribution["quote_framing"]),
        money_question=tuple(figures["money_question"]),
        money_units=tuple(figures["money_units"]),
        share_question=tuple(figures["share_question"]),
        percentage_question=tuple(figures["percentage_question"]),
        share_quantities=tuple(figures["share_quantities"]),
        share_words=tuple(figures["share_words"]),
        share_fractions=tuple(figures["share_fractions"]),
        fraction_counts=tuple(figures["fraction_counts"]),
        count_question=tuple(figures["count_question"]),
        definition_openers=tuple(figures["definition_openers"]),
        definition_closers=tuple(figures["definition_closers"]),
        age_question=tuple(figures["age_question"]),
        time_question=tuple(figures["time_question"]),
        duration_question=tuple(figures["duration_question"]),
        duration_units=tuple(figures["duration_units"]),
        duration_qualifiers=tuple(figures["duration_qualifiers"]),
        published_within_days=int(data.get("reports", {}).get("published_within_days", 0)),
        money_nouns=tuple(figures["money_nouns"]),
        money_other_asking=tuple(figures["money_other_asking"]),
        address_nouns=tuple(figures["address_nouns"]),
        noun_markers=tuple(figures["noun_markers"]),
        street_words=tuple(figures["street_words"]),
        hours_question=tuple(figures["hours_question"]),
        clock_suffixes=tuple(figures["clock_suffixes"]),
        rate_nouns=tuple(figures["rate_nouns"]),
        rate_followers=tuple(figures["rate_followers"]),
        when_verbs=tuple(figures["when_verbs"]),
        time_units=tuple(figures["time_units"]),
        time_relative=tuple(figures["time_relative"]),
        time_amounts=tuple(figures["time_amounts"]),
        time_deictic=tuple(figures["time_deictic"]),
        year_before=tuple(figures.get("year_before", ())),
        time_judgements=tuple(figures["time_judgements"]),
        age_before_number=tuple(figures["age_before_number"]),
        age_after_ordinal=tuple(figures["age_after_ordinal"]),
        count_opening=tuple(figures["count_opening"]),
        total_asking=tuple(figures["total_asking"]),
        part_of_total=tuple(figures["part_of_total"]),
        person_asking=tuple(figures.get("person_asking", ())),
        person_roles=tuple(figures.get("person_roles", ())),
        person_titles=tuple(figures.get("person_titles", ())),
        occurrence_nouns=tuple(figures["occurrence_nouns"]),
        cardinals=dict(numbers["cardinals"]),
        ordinals=dict(numbers["ordinals"]),
        ambiguous_numbers=frozenset(numbers["ambiguous"]),
        not_numbers=tuple(numbers["not_numbers"]),
        adverb_ordinals=frozenset(numbers["adverb_ordinals"]),
        determiners=frozenset(numbers["determiners"]),
        pronoun_one_after=frozenset(numbers["pronoun_one_after"]),
        fractions=dict(numbers["fractions"]),
        proportion_joiners=tuple(numbers["proportion_joiners"]),
        months=tuple(numbers["months"]),
        ambiguous_months=frozenset(numbers["ambiguous_months"]),
        month_abbreviations=tuple(numbers["month_abbreviations"]),
        seasons=tuple(numbers["seasons"]),
        comparison_markers=tuple(data["comparison"]["markers"]),
        comparison_joiners=tuple(data["comparison"]["joiners"]),
        demonstratives=frozenset(reference.get("demonstratives", ())),
        topic_pronouns=frozenset(reference.get("topic_pronouns", ())),
        linking_verbs=frozenset(reference.get("linking_verbs", ())),
        question_openings=frozenset(reference.get("question_openings", ())),
        judgement_asking=tuple(judgement_question.get("asking", ())),
        judgement_places=tuple(judgement_question.get("places", ())),
        judgement_verbs=tuple(judgement_question.get("verbs", ())),
        judgement_history=tuple(judgement_question.get("history", ())),
        judgement_present=tuple(judgement_question.get("present", ())),
        asks_now=tuple(judgement_question["asks_now"]),
        year_after=tuple(judgement_question["year_after"]),
        year_next=tuple(judgement_question["year_next"]),
        year_from=tuple(judgement_question.get("year_from", ())),
        year_since_clause=tuple(judgement_question["year_since_clause"]),
        year_between=tuple(judgement_question.get("year_between", ())),
        year_prior=tuple(judgement_question.get("year_prior", ())),
        earlier_inspection=tuple(judgement_question["earlier_inspection"]),
        earlier_grade_verbs=tuple(judgement_question["earlier_grade_verbs"]),
        inspectors_question=tuple(inspectors.get("phrases", ())),
        inspectors_asking=tuple(inspectors.get("asking", ())),
        inspectors_between=tuple(inspectors.get("between", ())),
        inspectors_people=tuple(inspectors.get("people", ())),
        inspectors_doing=tuple(inspectors.get("doing", ())),
        inspectors_done=tuple(inspectors.get("done", ())),
        number_words=tuple(figures.get("number_words", ())),
        judgement_words=tuple(judgement_question.get("judgement_words", ())),
        result_verbs=tuple(judgement_question.get("result_verbs", ())),
        result_asking=tuple(judgement_question.get("result_asking", ())),
        result_determiners=tuple(judgement_question.get("result_determiners", ())),
        grade_verbs_asking=tuple(judgement_question.get("grade_verbs_asking", ())),
        reason_asking=tuple(judgement_question.get("reason_asking", ())),
        reason_markers=tuple(judgement_question.get("reason_markers", ())),
        grade_idiom_before=tuple(judgement_question.get("grade_idiom_before", ())),
        grade_verbs_base=tuple(judgement_question.get("grade_verbs_base", ())),
        scope_prepositions=tuple(scope.get("prepositions", ())),
        scope_determiners=tuple(scope.get("determiners", ())),
        scope_which=tuple(scope.get("which", ())),
        scope_kinds=tuple(scope.get("kinds", ())),
        scope_visits=tuple(scope.get("visits", ())),
        scope_framework_names=tuple(scope.get("framework_names", ())),
        scope_revisits=tuple(scope.get("revisits", ())),
        scope_inspecting=tuple(scope.get("inspecting", ())),
        scope_papers=tuple(scope.get("papers", ())),
        scope_newest=tuple(scope.get("newest", ())),
        hedges=frozenset(claims["hedges"]),
        degree_opposites=tuple((adverb, prefix) for adverb, prefix in claims["degree_opposites"]),
        particles=frozenset(claims["particles"]),
        only=frozenset(claims["only"]),
        not_only=frozenset(claims["not_only"]),
        qualifying=tuple(sorted(claims["qualifying"], key=len, reverse=True)),
        linking=frozenset(claims.get("linking", ())),
        concessive=tuple(sorted(claims.get("concessive", ()), key=len, reverse=True)),
        clause_breaks=frozenset(claims.get("clause_breaks", ())),
        universal_determiners=tuple(claims.get("universal_determiners", ())),
        topic_prepositions=tuple(sorted(claims.get("topic_prepositions", ()), key=len, reverse=True)),
        coordinators=frozenset(claims.get("coordinators", ())),
        relative=frozenset(claims.get("relative", ())),
        relative_of_people=frozenset(claims.get("relative_of_people", ())),
        purpose_openers=frozenset(claims.get("purpose_openers", ())),
        away_from_area=tuple(claims.get("away_from_area", ())),
        preference_markers=tuple(claims.get("preference_markers", ())),
        time_limits=tuple(claims.get("time_limits", ())),
        people_groups=tuple(claims.get("people_groups", ())),
        narrowed_pronouns=frozenset(claims.get("narrowed_pronouns", ())),
        pointing_back=frozenset(claims.get("pointing_back", ())),
        referring_pronouns=frozenset(claims.get("referring_pronouns", ())),
        condition_openers=frozenset(claims.get("condition_openers", ())),
        time_condition_openers=frozenset(claims.get("time_condition_openers", ())),
        case_nouns=frozenset(claims.get("case_nouns", ())),
        subject_pronouns=frozenset(claims.get("subject_pronouns", ())),
        improvement_sections=tuple(claims.get("improvement_sections", ())),
        improving=frozenset(claims.get("improving", ())),
        improvement_nouns=frozenset(claims.get("improvement_nouns", ())),
        failing=tuple(claims.get("failing", ())),
        directing=frozenset(claims.get("directing", ())),
        needs=frozenset(claims.get("needs", ())),
        not_all=tuple(claims["not_all"]),
        sample_limits=tuple(
            sorted(
                [*claims["sample_limits"]]
                + [f"{p} {o}" for p in claims["sample_participles"] for o in claims["sample_occasions"]],
                key=len,
                reverse=True,
            )
        ),
        sample_kept=frozenset(claims["sample_kept"]),
        conditions=tuple(claims["conditions"]),
        auxiliaries=frozenset(claims["auxiliaries"]),
        age_before=tuple(claims["age_before"]),
        age_bounds=tuple(claims["age_bounds"]),
        age_after=tuple(claims["age_after"]),
        council_suffixes=tuple(claims["council_suffixes"]),
        council_words=tuple(claims["council_words"]),
        area_nouns=tuple(claims["area_nouns"]),
        grade_cues=tuple(claims["grade_cues"]),
        grade_no_longer=tuple(claims["grade_no_longer"]),
        grade_every=tuple(claims["grade_every"]),
        grade_area_nouns=tuple(claims["grade_area_nouns"]),
        grade_every_idioms=tuple(claims["grade_every_idioms"]),
        everyday_grades=frozenset(claims["everyday_grades"]),
        grade_followers=tuple(claims["grade_followers"]),
        grade_occasions=tuple(claims["grade_occasions"]),
        many_councils=tuple(claims["many_councils"]),
        grade_context=tuple(claims["grade_context"]),
        grade_variants=dict(claims["grade_variants"]),
        boilerplate_openings=tuple(audit["boilerplate_openings"]),
        inspector_cues=tuple(audit["inspector_cues"]),
        continuing=tuple(audit["continuing"]),
    )


def phrase_pattern(phrases) -> re.Pattern:
    """The phrases as whole words (not inside a word or a hyphenated one), any case; compiled once per list."""
    return _phrase_pattern(tuple(phrases))


@lru_cache(maxsize=256)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{alternation(phrases)})(?![\w-])", re.IGNORECASE)


def alternation(phrases: tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of the phrases, longest first, each escaped (spaces match any whitespace)."""
    import re

    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


# A day of the month as written ("4", "21st").
DAY = r"\d{1,2}(?:st|nd|rd|th)?"


def month_names() -> str:
    """A regex alternation of the months, in full and short ("March", "Mar", "Sept")."""
    known = words()
    return alternation(known.months + known.month_abbreviations)


@lru_cache(maxsize=1)
def age_pattern() -> re.Pattern:
    """An age range as text states it: "aged 16 and 17", "under 18s" (not "over 12 months"), "14 years old",
    "17- to 18-year-olds" (the `[claims]` age words)."""
    known = words()
    gap = r"[\s-]+"
    number = rf"\d{{1,2}}(?:{gap}(?:to|and){gap}\d{{1,2}})?"
    after = "|".join(gap.join(map(re.escape, phrase.split())) for phrase in known.age_after)
    return re.compile(
        rf"(?<![\w'])(?:(?:{alternation(known.age_before)}){gap}{number}(?:{gap}(?:{after}))?"
        rf"|(?:{alternation(known.age_bounds)}){gap}\d{{1,2}}s|{number}{gap}(?:{after}))(?![\w'])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def classed_quantifiers() -> tuple[tuple[str, str], ...]:
    """The quantifier phrases with their class, without the idioms that carry none ("every month" only hides the
    "every" it contains)."""
    return tuple((phrase, label) for phrase, label in words().quantifiers if label)
