"""Compose a short cited answer from retrieved passages, or abstain with a fixed phrase."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import numpy as np

from ..claims.alterations import grade_words_in, plural_noun
from ..claims.grades import read_grade_claim
from ..domain.grades import areas_named, areas_overlap, grade_pattern, normalise_area
from ..domain.synonyms import explained_by_synonym, only_a_verb
from ..domain.vocabulary import vocabulary
from ..domain.words import DAY, age_pattern, alternation, english_stop_words, month_names, phrase_pattern, words
from ..ingest.embedding import Embedder
from ..ingest.metadata import improvement_heading
from ..ingest.vectors import SentenceStore, WordTable
from ..search.query import earlier_than, quoted_terms, without_scope_phrases
from ..text import YEAR, meaning_words, sentence_key, sentence_spans, tokenize_for_bm25, topic_terms
from ..types import Answer, Citation, Document, Passage, Query
from .voices import asks_what_inspectors_said, speaker_introduction, voice

# Tests and the UI match on this phrase: it is the whole answer, or its first sentence, when the assistant abstains.
NO_ANSWER = "The documents do not answer this question."


# What stating the figure a question asks for adds to a sentence's score (cosine plus bonuses).
FIGURE_BONUS = 0.1
# The share of the question's topic words a quote stating the figure asked for must say.
FIGURE_TOPIC_SHARE = 1 / 3
# The kinds of figure whose statement is specific enough to look for beyond the closest passages.
SPECIFIC_FIGURES = ("a sum of money", "a percentage", "a percentage or share")  # names, not words
SHARE_FIGURES = SPECIFIC_FIGURES[1:]


@dataclass(frozen=True)
class Sentence:
    """A sentence inside a passage, with its offsets in the document."""

    passage: Passage
    start: int
    end: int
    text: str
    previous_start: int = -1  # start of the sentence before it in the same paragraph, or -1


@lru_cache(maxsize=2)
def _dangling(naming_itself: bool = False) -> re.Pattern:
    """A sentence opening with a pronoun or connective leans on the sentence before it ("They are also ...").
    With `naming_itself`, one whose "this" names the document ("This letter summarises the findings of the visit
    ... on 3 and 4 May 2017") stands alone: it is quoted only for a question asking when, because it is the
    template's opening, close to every question about a council's visit and the answer to none but that."""
    w = words()
    paper = alternation(w.scope_visits + w.scope_papers)
    itself = rf"(?:this|these)\s+(?:(?:{alternation(w.scope_kinds)})\s+)*(?:{paper})\b"
    standing = rf"(?!{itself})" if naming_itself else ""
    return re.compile(rf"^[“\"‘']?{standing}(?:{alternation(w.dangling_openings)})\b", re.IGNORECASE)


def split_sentences(
    passage: Passage, document: Document, spans: list[tuple[int, int, bool]] | None = None
) -> list[Sentence]:
    """Sentences of a passage, trimmed of bullets and whitespace, each an exact span of the document; `spans`
    are the passage's `sentence_spans` when the index stored them."""
    sentences = []
    for piece_start, piece_end, bullet in sentence_spans(passage.text) if spans is None else spans:
        start, end = passage.start + piece_start, passage.start + piece_end
        text = document.text[start:end]
        line_start = document.text.rfind("\n", 0, start) + 1
        line_end = document.text.find("\n", start)
        if _furniture().search(document.text[line_start : len(document.text) if line_end < 0 else line_end]):
            continue  # a table row or letterhead, though pysbd cut it into sentences
        if len(re.findall(r"[A-Za-z]{2,}", text)) < 6 or is_furniture(text, bullet):  # headings, tables
            continue
        previous = sentences[-1] if sentences else None
        # The sentence before, in its paragraph or ending the paragraph just before (nothing in between).
        same_paragraph = previous is not None and not document.text[previous.end : start].strip()
        sentences.append(Sentence(passage, start, end, text, previous.start if same_paragraph else -1))
    return sentences


def with_context(sentence: Sentence, document: Document) -> Sentence:
    """The sentence, extended back over the one before it when it opens with a pronoun that needs it."""
    if sentence.previous_start < 0 or not _dangling().match(sentence.text):
        return sentence
    start = sentence.previous_start
    return Sentence(sentence.passage, start, sentence.end, document.text[start : sentence.end])


def _alternatives(term: str) -> list[str]:
    """The term and the report's words for it: an abbreviation's expansions, an everyday phrasing's report words."""
    vocab = vocabulary()
    found = [term]
    for entry in vocab.terms:
        if term in (form.casefold() for form in entry.typed_forms()):
            found += list(entry.expansions)
    for phrasings, report in vocab.plain:
        if any(term in phrasing.split() for phrasing in phrasings):
            found.append(report)
    for group in vocab.same:
        if term in group:
            found += [form for form in group if form != term]
    return found


def _capitals_only(term: str) -> str:
    """For an abbreviation that is also an everyday word ("send"), its form in capitals ("SEND"), else ""."""
    for entry in vocabulary().terms:
        if entry.capitals_only and term in (form.casefold() for form in entry.typed_forms()):
            return entry.short
    return ""


@dataclass(frozen=True)
class WordMeaning:
    """When a word of the passages stands for a question word by meaning: the model's vectors of the two words
    (the passages' words read from the index's `stored` table when it has them) at least `min_similarity` apart
    in cosine ("jobs" / "employment", "newer" / "recent")."""

    embedder: Embedder
    min_similarity: float = 1.0
    stored: WordTable | None = None

    def closest(self, term: str, texts: list[str]) -> float:
        """The highest cosine between the term's vector and the vectors of the texts' topic words."""
        candidates = sorted(set().union(*(meaning_words(text) for text in texts)) - {term})
        if not candidates:
            return 0.0
        known = self.stored.known(candidates) if self.stored is not None else {}
        embedded = iter(self.embedder.embed_remembered([term] + [w for w in candidates if w not in known]))
        term_vector = next(embedded)
        vectors = np.stack([known[w] if w in known else next(embedded) for w in candidates])
        return float((vectors @ term_vector).max())

    def known_words(self) -> frozenset[str]:
        """The whole words the model's vocabulary holds (none for an embedder without one)."""
        vocabulary = getattr(self.embedder, "vocabulary", None)
        return vocabulary() if vocabulary is not None else frozenset()

    def stands_in(self, term: str, texts: list[str]) -> bool:
        return self.closest(term, texts) >= self.min_similarity


def _typed_as_everyday_word(term: str, question: str) -> bool:
    """Whether the question types an abbreviation that is also an everyday word in lower case ("to send an action
    plan", not "SEND")."""
    if not _capitals_only(term):
        return False
    typed = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", question, re.IGNORECASE)
    return typed is not None and vocabulary().term_for(typed.group(0)) is None


@lru_cache(maxsize=256)
def _words_of(texts: tuple[str, ...]) -> frozenset[str]:
    """The lower-cased words of texts (remembered: the coverage check asks it once per question word)."""
    return frozenset(w for text in texts for w in re.findall(r"[a-z]+", text.lower()))


def _term_found(
    term: str, texts: list[str], present: set[str], meaning: WordMeaning | None, everyday: bool = False
) -> bool | None:
    """Whether the texts (their BM25 stems `present`) say a question word: most of its stems, every stem of one of
    the report's words for it, its capitals for an abbreviation that is also an everyday word, or a word of nearly
    the same meaning (a WordNet synonym, or by the model's vectors); None when the word has no stems to look for.
    An `everyday` word is one the question typed in lower case that is an abbreviation only in capitals ("send",
    not "SEND"): it is looked for as the everyday word."""
    own, *others = [tokenize_for_bm25([option])[0] for option in ([term] if everyday else _alternatives(term))]
    capitals = "" if everyday else _capitals_only(term)
    if capitals:
        written = re.compile(rf"\b{re.escape(capitals)}s?\b")
        own_found = any(written.search(text) for text in texts)
    else:
        own_found = bool(own) and sum(stem in present for stem in own) * 2 >= len(own)
    if not own and not any(others):
        return None
    by_meaning = meaning is not None and not capitals and " " not in term
    one_word = not capitals and " " not in term
    return (
        own_found
        or any(stems and all(stem in present for stem in stems) for stems in others)
        or (one_word and explained_by_synonym(term, _words_of(tuple(texts)), broader=False))
        or (by_meaning and meaning.stands_in(term, texts))
    )


_INNER_CAPITALISED = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")


def _without_names(text: str, known: frozenset[str]) -> str:
    """The text without the capitalised words inside its sentences that are no English word the model knows."""
    return _INNER_CAPITALISED.sub(lambda m: m.group(0) if m.group(0).lower() in known else " ", text)


def topic_coverage(
    query: Query, passages: list[Passage], meaning: WordMeaning | None = None
) -> tuple[float, list[str]]:
    """Share of the question's topic words found in the passages, and the words not found.

    A word counts as found when most of its stems are there, or when the report's words for it are: every stem
    of an abbreviation's expansion, an everyday phrasing's report words or a word of the same meaning ("special"
    and "needs" alone are not "special educational needs and disabilities"). An abbreviation that is also an
    everyday word counts only in capitals ("SEND", not "send"). With `meaning`, a one-word term no word stands
    for counts when a word of the passages means nearly the same to the model, the embedding model doing for
    everyday words what the domain vocabulary does for the sector's.
    """
    return texts_coverage(query, [p.text for p in passages], meaning)


def texts_coverage(query: Query, texts: list[str], meaning: WordMeaning | None = None) -> tuple[float, list[str]]:
    """`topic_coverage` of texts."""
    present = {stem for tokens in tokenize_for_bm25(texts) for stem in tokens}
    # A question's everyday word is not found in a name ("parking" in "Nigel Parkes HMI"): for a word the question
    # does not write with a capital, capitalised words inside a sentence that are no word of the model's English
    # vocabulary are left out.
    known = meaning.known_words() if meaning is not None else frozenset()
    unnamed = [_without_names(text, known) for text in texts] if known else texts
    present_unnamed = {stem for tokens in tokenize_for_bm25(unnamed) for stem in tokens} if known else present
    found, verbs, missing = 0, 0, []
    # "What share of referrals ...?": a passage stating a share says the question's "share" (or "percentage").
    asking = _share_asking_words() if query.intent.figure in SHARE_FIGURES else frozenset()
    for term in query.topic:
        if term in asking and any(_figure_patterns()[query.intent.figure].search(text) for text in texts):
            found += 1
            continue
        capitalised = re.search(rf"(?<![\w-]){re.escape(term[:1].upper() + term[1:])}", query.text)
        everyday = _typed_as_everyday_word(term, query.text)
        said = (
            _term_found(term, texts, present, meaning, everyday)
            if capitalised
            else _term_found(term, unnamed, present_unnamed, meaning, everyday)
        )
        if said is None:
            continue
        if said:
            found += 1
        else:
            missing.append(term if everyday else _capitals_only(term) or term)
            # A word WordNet knows only as a verb ("who delivers", "was it criticised") says what is asked of the
            # topic, not the topic: its absence counts half (reports say the same in their own verbs). Not an
            # abbreviation typed in capitals ("SEND").
            verbs += only_a_verb(term) and (everyday or not _capitals_only(term))
    counted = found + len(missing)
    return ((found + 0.5 * verbs) / counted if counted else 1.0), missing


def abstention(
    query: Query,
    passages: list[Passage],
    min_similarity: float,
    min_coverage: float,
    meaning: WordMeaning | None = None,
) -> str:
    """The reason to abstain, or "" when the passages can answer.

    Two measured signals (see README): the best passage's cosine similarity, and the share of the question's
    topic words that the top passages contain (questions about parking or bins fail the second).
    """
    if not passages:
        return "nothing in the documents matches it"
    if max(p.dense_score for p in passages) < min_similarity:
        return "no passage is close enough to the question"
    coverage, missing = topic_coverage(query, passages[:3], meaning)
    if coverage < min_coverage:
        return "the closest passages say nothing about " + ", ".join(missing[:4])
    return ""


@lru_cache(maxsize=1)
def _document_naming_words() -> frozenset[str]:
    """The words that name a visit or report ("focused", "visit", "letter")."""
    w = words()
    return frozenset(part for phrase in w.scope_kinds + w.scope_visits + w.scope_papers for part in phrase.split())


@lru_cache(maxsize=1)
def _share_asking_words() -> frozenset[str]:
    """The words a question asks for a share with ("percentage", "proportion", "share")."""
    phrases = words().share_question + words().percentage_question
    return frozenset(word for phrase in phrases for word in phrase.split()) - english_stop_words()


@lru_cache(maxsize=1)
def _figure_patterns() -> dict[str, re.Pattern]:
    """What states each kind of figure: money a sum, a share a percentage or fraction, a count a number, a time a
    date or a stretch of time, a rate a rate in figures or words."""
    w = words()
    units = alternation(tuple(u for u in w.money_units if u != "£"))
    number_words = alternation(tuple(w.cardinals) + tuple(w.ordinals) + w.number_words)
    not_names = {part for phrase in w.person_roles + w.council_words for part in phrase.split()}
    role_word = rf"(?i:(?:{alternation(tuple(not_names))})\b)"
    name = rf"(?!{role_word})[A-Z][a-z]+ (?:[A-Z]\. )?(?!{role_word})[A-Z][a-z-]+"
    council_after = rf"\s+(?i:{alternation(w.council_words)})\b"  # "Leeds City Council" is a council, not a person
    units_of_time, time_relative = alternation(w.time_units), alternation(w.time_relative)
    age = (
        rf"{age_pattern().pattern}|\b(?:{alternation(w.age_before_number)}) \d{{1,2}}\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th) (?:{alternation(w.age_after_ordinal)})\b"
    )
    percentage = (
        # (not "10 out of 10": a score, not a share)
        rf"\d\s*%|\b(?:{alternation(w.share_words)})\b|\b(\d+) (?:in|out of) (?!\1\b)\d+\b"
        # a fraction of something ("a third of care leavers", "around a quarter."), not "a third monitoring visit"
        rf"|\b(?:{alternation(w.fraction_counts + tuple(w.cardinals))})\s+(?:{alternation(w.share_fractions)})"
        r"(?=\s+of\b|[^\w\s]|\s*$)"
    )
    return {  # names, not words: the kinds of figure Intent.figure holds
        "a sum of money": re.compile(rf"£\s*\d|\b\d[\d,.]*\s*(?:{units})\b", re.I),
        "a percentage": re.compile(percentage, re.I),
        "a percentage or share": re.compile(rf"{percentage}|\b(?:{alternation(w.share_quantities)})\b", re.I),
        # "aged 16", "14 years old", "under 18s" (the claim checker's age ranges), "up to the age of 25"
        "an age": re.compile(age, re.I),
        # a year, a month ("May" only with its capital), "last year", "two years ago", or an age ("when they are 16")
        "a time": re.compile(
            rf"\b(?:19|20)\d\d\b|\b(?:{alternation(tuple(m for m in w.months if m not in w.ambiguous_months))})\b"
            rf"|\b(?-i:{alternation(tuple(m.title() for m in w.ambiguous_months))})\b"
            rf"|\b(?:{alternation(w.time_deictic)}) (?:{units_of_time})\b"
            rf"|\b(?:\d+|{number_words}|{alternation(w.time_amounts)}) (?:{units_of_time}) (?:{time_relative})\b"
            rf"|\b(?:{alternation(w.time_judgements)})\b|{age}",
            re.I,
        ),
        # a stretch of time ("within 70 working days", "for six months") or a time it runs from
        "a length of time": re.compile(
            rf"\b(?:\d+|{number_words}|{alternation(w.time_amounts)})(?:\s+(?:{alternation(w.duration_qualifiers)}))?"
            rf"\s+(?:{units_of_time})\b|\b(?:19|20)\d\d\b",
            re.I,
        ),
        "an address": re.compile(
            rf"\b[A-Z]{{1,2}}\d[A-Z\d]?\s*\d[A-Z]{{2}}\b|\b\d+[a-z]? [A-Z][a-z]+ (?i:{alternation(w.street_words)})\b"
        ),
        "opening hours": re.compile(
            rf"\b\d{{1,2}}(?:[.:]\d{{2}})?\s*(?:{alternation(w.clock_suffixes)})|\b\d{{1,2}}[.:]\d{{2}}\b", re.I
        ),
        # not a number joined to a word ("COVID-19": a name, not a count) nor a day of a month ("on 26 and 27 May")
        "a number": re.compile(_numeral(positions=True), re.I),
        # in figures or in words ("a relatively low rate of COVID-19 infection")
        "a rate": re.compile(
            rf"\b(?!(?:19|20)\d\d\b)\d[\d,.]*\s*(?:%|per cent)"
            rf"|\b(?:{alternation(w.rate_nouns + w.share_words + w.share_fractions)})\b",
            re.I,
        ),
        # a titled name ("Cllr Watson"), or a first name and surname that are not a possessive ("Children and Young
        # People's Services"), a role's title ("the Chief Executive") or a council, and that open the sentence only
        # before a comma ("Ian Thomas, Strategic Director")
        "a person's name": re.compile(
            rf"\b(?:{alternation(w.person_titles)})\.? [A-Z][a-z]"
            rf"|(?<![.!?:]\s)(?<!^)(?<=\s){name}\b(?!['’]s)(?!{council_after})|^{name},"
        ),
    }


@lru_cache(maxsize=1)
def _year_before() -> re.Pattern:
    """ "last year", "the previous year": the year before a document's own (words.toml year_before)."""
    return re.compile(rf"\b(?:{alternation(words().year_before)})\b", re.IGNORECASE)


def asks_which_grade(query: Query) -> bool:
    """Whether a question asks which grade was given ("what was the overall effectiveness grade?"). A question
    naming a grade, or its abbreviation, may ask something else of it ("since being judged RI, had things got
    better?"). A question asking when as well is answered by a sentence stating both ("When was it last inspected,
    and what was the grade?": "last inspected in July 2018, when overall effectiveness was judged to be good")."""
    named = grade_words_in(" ".join((query.text, *query.expansions)))
    return query.intent.grade and query.intent.figure in ("", "a time") and not named


def missing_figure(
    query: Query,
    citations: list[Citation],
    meaning: WordMeaning | None = None,
    documents: dict[str, Document] | None = None,
) -> str:
    """The kind of figure the question asks for when no quote states one, else "".

    A count is of what the question counts: "four improvement visits" does not say how many care leavers. The
    quote stating the number must say it as topic coverage reads a word (`_term_found`: the question's words,
    the report's words for them, "LAC" for looked after children, or a word of nearly the same meaning)."""
    if asks_which_grade(query):
        # Answered from prose ("what was the overall effectiveness grade?"), only by a quote that states a grade
        # (the judgement lines answer it before search when they were read).
        # A grade stated as a judgement ("were found to require improvement to be good", not "a good enough
        # understanding"), of the judgement area the question names ("overall effectiveness grade").
        # (An area an abbreviation stands for counts, "CLA"; not the "children's services" that "ILACS" expands to.)
        areas = areas_named(query.text) + tuple(a for a in areas_named(" ".join(query.expansions)) if a != "overall")

        # ... and of the year it names: the years the quote, or the sentence before it, states ("Since the previous
        # inspection in October 2022 ... Since that inspection, when ... were judged"; "last year" in a 2016 release
        # is 2015), else its document's own years: not a later inspection's grade.
        # "At the inspection before the March 2020 focused visit": a year before that one.
        prior = earlier_than(query.text, query.years)

        def of_year(c: Citation) -> bool:
            if not query.years or documents is None:
                return True
            document = documents[c.doc_id]
            own = set(document.inspection_years) | ({document.date[:4]} if document.date else set())
            before = document.text.rfind(".", 0, max(document.text.rfind(".", 0, c.start), 0))
            context = document.text[max(before, 0) : c.end]
            stated = set(YEAR.findall(context))
            if document.date and _year_before().search(context):
                stated.add(str(int(document.date[:4]) - 1))
            if prior:
                return any(year < prior for year in stated)
            return bool((stated or own) & set(query.years))

        stated = [g for c in citations if of_year(c) and (g := read_grade_claim(c.quote)) is not None]
        return "" if [g for g in stated if not areas or any(areas_overlap(g.area, a) for a in areas)] else "a grade"
    if not query.intent.figure:
        return ""
    counting = query.intent.figure == "a number" and bool(query.intent.counted)
    states = _count_or_position(query.intent.counted) if counting else _figure_patterns()[query.intent.figure]
    # A paragraph's number opening a quote ("40.The number of foster carers has decreased") is no figure of it.
    said = [re.sub(r"^\d{1,3}\.(?=\s*[A-Z])", "", c.quote) for c in citations]
    if documents is not None and query.intent.figure == "a person's name":  # the answer names a quote's speaker
        said = [f"{c.quote} ({speaker_introduction(documents[c.doc_id], c.start)})" for c in citations]
    stated = [quote for quote in said if states.search(quote)]
    if query.intent.figure == "a person's name":
        # A name is of the role asked about: "who replaced Ian Thomas as DCS?" is not answered by the inspectors'
        # names. The quote, or the speaker it is attributed to, says the role (or the report's words for it).
        roles = _roles_named(query.text)
        if roles:
            stated = [quote for quote in stated if any(_says(quote, role) for role in roles)]
    if query.intent.counted:

        def names_it(quote: str) -> bool:
            present = set(tokenize_for_bm25([quote])[0])
            return any(_term_found(word, [quote], present, meaning) for word in query.intent.counted)

        stated = [quote for quote in stated if names_it(quote)]
        if query.intent.figure == "a number":
            # A count is said of what it counts, within a few words of it or of what the question says of it
            # ("510 children were being looked after", "22 staying living with their former foster families"),
            # not anywhere in the quote ("the fourth monitoring visit" to "the council's children's services" does
            # not say how many children).
            near = tuple(dict.fromkeys(query.intent.counted + query.topic))
            by_word = _figure_patterns()["a number"]  # (a position, kept above only before what is counted)
            stated = [quote for quote in stated if _counted_near(quote, by_word, near, meaning)]
            # A whole asked for is not a part: "in total" is not answered by "..., a high proportion of the total".
            if phrase_pattern(words().total_asking).search(query.text):
                stated = [quote for quote in stated if not phrase_pattern(words().part_of_total).search(quote)]
    if query.topic and query.intent.figure != "a person's name":
        # The figure is of what the question asks about: the quote stating it says some of the question's topic
        # words ("in October 2014" does not say when the next inspection is due). A name is of the role asked
        # about through its speaker instead (`voices.speaker`).
        # (For a sum or a share, not the words naming a visit or report, "after the October 2020 focused visit":
        # they say which document it is in, not what it is of. A time may be the visit's own.)
        of_document = query.intent.figure in SPECIFIC_FIGURES
        naming = _document_naming_words()
        subject = replace(query, topic=tuple(t for t in query.topic if not (of_document and t in naming)))
        if subject.topic:
            stated = [q for q in stated if texts_coverage(subject, [q], meaning)[0] >= FIGURE_TOPIC_SHARE]
    return "" if stated else query.intent.figure


@lru_cache(maxsize=64)
def _count_or_position(counted: tuple[str, ...]) -> re.Pattern:
    """A cardinal, or an ordinal right before a word of what is counted ("the fourth monitoring visit" says how many
    visits; "a fourth CAS team" says nothing of caseloads)."""
    ordinal = rf"\b(?:{alternation(tuple(words().ordinals))}|\d+(?:st|nd|rd|th))"
    of_counted = rf"(?:\s+[\w'’-]+)?\s+(?:{alternation(counted)})\w*\b"
    return re.compile(rf"{_numeral(positions=False)}|{ordinal}{of_counted}", re.I)


def _numeral(positions: bool) -> str:
    """A number in figures or words, not a year nor a day of a month ("on 26 and 27 May"); with `positions`, an
    ordinal too ("the fourth", "4th")."""
    w = words()
    day_of_month = rf"{DAY}(?:\s*(?:and|to|-|–)\s*{DAY})?\s+(?:{month_names()})\b"
    number_words = alternation(tuple(w.cardinals) + (tuple(w.ordinals) if positions else ()) + w.number_words)
    ending = "" if positions else r"(?![\d,.]|st\b|nd\b|rd\b|th\b)"
    return rf"(?<![\w-])(?!(?:19|20)\d\d\b)(?!{day_of_month})\d[\d,.]*%?{ending}|\b(?:{number_words})\b"


def _roles_named(question: str) -> list[str]:
    """The roles of people a question names ("DCS", "cabinet member"), longest first, each once."""
    found, taken = [], question.lower()
    for role in sorted(words().person_roles, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(role)}(?![\w-])", taken):
            found.append(role)
            taken = re.sub(rf"(?<![\w-]){re.escape(role)}(?![\w-])", " ", taken)
    return found


def _says(text: str, role: str) -> bool:
    """Whether a text names a role: itself, the report's words for it, or the role word those words hold
    ("DCS": "director of children's services", or a "Strategic Director of Children and Young People's Services")."""
    forms = _alternatives(role)
    heads = [word for form in forms for word in form.split() if word in words().person_roles]
    return any(re.search(rf"(?<![\w-]){re.escape(form)}s?(?![\w-])", text, re.IGNORECASE) for form in forms + heads)


COUNT_REACH = 6  # words between a count and what it counts ("510 children were being looked after")


def _counted_near(quote: str, number: re.Pattern, counted: tuple[str, ...], meaning: WordMeaning | None) -> bool:
    """Whether a number in the quote stands within COUNT_REACH words of a word saying what the question counts."""
    pieces = [m.group(0) for m in re.finditer(r"[\w%£.,'’-]+", quote)]
    bare = [piece.strip(".,'’") for piece in pieces]
    # A number of days, weeks or months is a stretch of time ("in the last 12 months"), not a count of anything
    # else the question counts; a percentage counts only as a share of something ("25% of the children"), not as
    # a change ("a rise, up to 20%, in the numbers").
    units = set(words().time_units) - {word.lower() for word in counted}
    following = [piece.lower() for piece in bare[1:]] + [""]

    # A number right before a plural noun counts that noun ("15 cases per social worker" counts cases): a count of
    # something else unless the noun says what the question counts.
    def counts_another(i: int) -> bool:
        noun = following[i]
        return plural_noun(noun) and not any(
            _term_found(word, [noun], set(tokenize_for_bm25([noun])[0]), meaning) for word in counted
        )

    at_number = [
        i
        for i, piece in enumerate(pieces)
        if number.match(piece)
        and following[i] not in units
        and (not bare[i].endswith("%") or following[i] == "of")
        and not counts_another(i)
    ]
    return bool(at_number) and any(
        any(abs(i - j) <= COUNT_REACH for j in at_number)
        and any(_term_found(word, [piece], set(tokenize_for_bm25([piece])[0]), meaning) for word in counted)
        for i, piece in enumerate(bare)
    )


@lru_cache(maxsize=1)
def _furniture() -> re.Pattern:
    """Lines that are never quoted as sentences: letterheads and addresses (postcodes, phone numbers, e-mail and
    web addresses, "Dear ..."), footnotes, and table rows that pair two or more grades ("Inadequate: ... Good: ...")."""
    grade = grade_pattern()
    return re.compile(
        r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b"  # a postcode
        r"|\b0\d{3}\s?\d{3}\s?\d{4}\b|\b\d{4}\s\d{3}\s\d{4}\b"  # a phone number
        r"|@\w|\bwww\.|https?://"
        r"|^Dear\s"
        r"|^\d{1,2} (?=[A-Z][a-z])"  # a footnote ("1 Ofsted produces this report under its power ...")
        rf"|(?:(?:{grade})\s*[:|\t].*){{2,}}"  # two graded columns on one line
        rf"|(?:[:|\t]\s*(?:{grade})\b.*){{2,}}"
        rf"|^[^.:\n]{{0,80}}\b(?:{grade})\s*:\s"  # "Overall judgement Inadequate: ..." (a labelled table cell)
        r"|\t|\S {3,}\S",  # columns
        re.IGNORECASE | re.MULTILINE,
    )


def is_furniture(text: str, bullet: bool = False) -> bool:
    """Whether a line is a heading, headline, table row, letterhead, address or a bare introduction ("X said:")
    rather than a sentence; a bulleted list item without a full stop is still a statement."""
    if _furniture().search(text) or text.rstrip().endswith(":") or normalise_area(text):
        return True  # a judgement area's name alone heads its section
    words_in = re.findall(r"[A-Za-z][\w'’-]*", text)
    ends = text.rstrip("”\"’')").endswith((".", "!", "?")) or text.endswith((".", "!", "?"))
    if not ends and not bullet:
        return True  # a heading or headline: no full stop
    capitals = sum(w[0].isupper() for w in words_in if len(w) > 3)
    long_words = sum(len(w) > 3 for w in words_in)
    return not ends and long_words >= 3 and capitals >= 0.8 * long_words  # Title Case Headline


def balanced(text: str) -> bool:
    """Whether a quote's quotation marks pair up (curly open/close and straight double quotes)."""
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _dangles(text: str, naming_itself: bool = False) -> bool:
    return bool(_dangling(naming_itself).match(text))


def paragraph_of(document: Document, start: int, end: int) -> tuple[int, int]:
    """The span of the paragraph (line) holding document.text[start:end]."""
    text = document.text
    before, after = text.rfind("\n", 0, start), text.find("\n", end)
    return before + 1, len(text) if after < 0 else after


def _balance(document: Document, start: int, end: int, limit: int = 700) -> tuple[int, int] | None:
    """The span widened within its paragraph until its quotation marks pair up, or None when they cannot."""
    text = document.text
    low, high = paragraph_of(document, start, end)
    for _ in range(3):
        quote = text[start:end]
        if balanced(quote):
            return start, end
        if quote.count("“") > quote.count("”"):
            close = text.find("”", end, high)
            if close < 0:
                return None
            end = close + 1
            while end < high and text[end] in ".!?":
                end += 1
        elif quote.count("”") > quote.count("“"):
            opening = text.rfind("“", low, start)
            if opening < 0:
                return None
            start = opening
        else:
            return None
        if end - start > limit:
            return None
    return (start, end) if balanced(text[start:end]) else None


def resolve(
    sentence: Sentence, document: Document, naming_itself: bool = False, template: frozenset[str] = frozenset()
) -> Sentence | None:
    """The sentence as it can be quoted on its own: a pronoun or connective opener brings the sentence before it
    (twice at most), quotation marks are balanced; None when it cannot stand (it would open unresolved, or lean on
    a sentence of the documents' `template`). With `naming_itself`, "This letter ..." stands alone (`_dangling`)."""
    for _ in range(2):
        if not _dangles(sentence.text, naming_itself):
            break
        if sentence.previous_start < 0:
            return None
        widened = with_context(sentence, document)
        if sentence_key(document.text[widened.start : sentence.start]) in template:
            return None
        previous = [s for s in split_sentences(sentence.passage, document) if s.start == widened.start]
        sentence = Sentence(
            sentence.passage, widened.start, widened.end, widened.text, previous[0].previous_start if previous else -1
        )
    if _dangles(sentence.text, naming_itself):
        return None
    span = _balance(document, sentence.start, sentence.end)
    if span is None:
        return None
    start, end = span
    if _dangles(document.text[start:end], naming_itself):
        return None
    return Sentence(sentence.passage, start, end, document.text[start:end], sentence.previous_start)


# A year's quote is quoted for that year ahead of the rest when it holds more than this share of the question's
# topic words.
YEAR_TOPIC_SHARE = 0.5


def compose_answer(
    query: Query,
    passages: list[Passage],
    documents: dict[str, Document],
    embedder: Embedder,
    max_sentences: int = 3,
    min_similarity: float = 0.25,
    stored: SentenceStore | None = None,
    spread_councils: int = 3,
    template: frozenset[str] = frozenset(),
) -> tuple[str, list[Citation]]:
    """Pick the sentences that best answer the question and present them as prose: each a verbatim quote with a
    citation, quotes of one passage in document order, each run of quotes introduced by whose words they are
    (Ofsted's documents first). "What did Ofsted say" quotes only inspection documents unless none answers.

    A question naming no council, whose passages come from `spread_councils` councils or more, is answered with
    the best quote of each council first, and says how many councils the answer draws on.

    With the index's `stored` sentences, a passage's sentences and their vectors (pooled in the context of the
    passage at ingest) are read, not segmented and embedded; a sentence without a stored vector is embedded.
    Sentences of the documents' `template` (`sentence_key`s) say nothing of a council and are not quoted."""
    question = query.searched_for
    pool = passages[:5]
    note = ""
    if asks_what_inspectors_said(query.text):
        primary = [p for p in passages if documents[p.doc_id].kind.is_primary][:5]
        if primary:
            pool = primary
        else:
            note = "No inspection letter or report in the documents says this; other sources do."
    candidates: list[Sentence] = []
    known: dict[tuple[str, int, int], np.ndarray] = {}

    def quotable(passage: Passage, spans: list[tuple[int, int, bool]] | None = None) -> list[Sentence]:
        """The passage's sentences but the documents' template."""
        split = split_sentences(passage, documents[passage.doc_id], spans)
        return [s for s in split if sentence_key(s.text) not in template]

    for passage in pool:
        found = stored.of(passage.chunk_id) if stored is not None else None
        spans, vectors = found if found is not None else (None, {})
        candidates.extend(quotable(passage, spans))
        known.update({(passage.chunk_id, start, end): vector for (start, end), vector in vectors.items()})

    @cache
    def beyond_pool() -> list[Sentence]:
        """The sentences of the passages retrieved beyond the closest: a grade, a list or a figure is seldom said in
        the question's words, so it is looked for in all of them (split once, when first needed)."""
        return [s for p in passages if p not in pool for s in quotable(p)]

    if asks_which_grade(query):
        # "What grade did X get?" is answered by the sentences stating a grade, when the passages have any; when the
        # closest state none, by those of every passage retrieved ("last inspected in July 2018, when overall
        # effectiveness was judged to be good").
        candidates = (
            [s for s in candidates if read_grade_claim(s.text) is not None]
            or [s for s in beyond_pool() if read_grade_claim(s.text) is not None]
            or candidates
        )
    introducing = _introduction_pattern(query.text)
    if introducing is not None:
        # "What is CFWS?" by the sentence that introduces it, when the passages have it.
        candidates = [s for s in candidates if introducing.search(s.text)] or candidates
    listed: list[Sentence] = []
    if query.intent.improvement and query.authorities:
        # "What needs to improve?" by the items of Ofsted's lists of what needs to improve, when the passages have any
        # (a list seldom shares the question's words: it is looked for in every passage retrieved).
        listed = [s for s in candidates + beyond_pool() if improvement_heading(documents[s.passage.doc_id], s.start)]
        candidates = listed or candidates
    quoted = quoted_terms(query.text)
    saying = _saying(quoted, candidates + beyond_pool()) if quoted else []
    if saying:
        # "South Tyneside 'staffed houses' - what was wrong with them?": a term the question quotes is what it asks
        # about, in those words (looked for in every passage retrieved).
        candidates = saying
    stating = _figure_patterns()[query.intent.figure] if query.intent.figure in SPECIFIC_FIGURES else None
    if stating is not None and not any(stating.search(s.text) for s in candidates):
        # "How much money ...?": a sum in a passage ranked lower answers it better than the closest passages'
        # sentences that state none (a sum or a share is seldom said of anything but what it is said of).
        candidates = candidates + [s for s in beyond_pool() if stating.search(s.text)]

    # A question naming two years or more ("did caseloads come down between the 2020 and 2022 visits?") compares
    # them: the best quote of each year's document first. A year the closest passages miss is looked for in every
    # passage retrieved.
    def year(sentence: Sentence) -> str:
        document = documents[sentence.passage.doc_id]
        return next((y for y in query.years if y in document.inspection_years or document.date[:4] == y), "")

    if len(query.years) >= 2:
        missed = set(query.years) - {year(s) for s in candidates}
        candidates = candidates + [s for s in beyond_pool() if year(s) in missed]
    # Every item of such a list answers the question, however few of its words it shares (up to `max_sentences`).
    floor = -1.0 if listed else min_similarity
    if not candidates:
        return "", []
    keys = [(s.passage.chunk_id, s.start - s.passage.start, s.end - s.passage.start) for s in candidates]
    unknown = [s.text for s, key in zip(candidates, keys, strict=True) if key not in known]
    # Sentences are compared with what is asked, not with the visit it is asked of ("Kent focused visit 2022 - were
    # caseloads still a problem?" is not answered by "The visit was carried out fully on site."), unless the visit's
    # grade is what is asked.
    asked_for = question if query.intent.grade else query.searched_with(without_scope_phrases(query.text))
    embedded = iter(embedder.embed_remembered([asked_for] + unknown))
    question_vector = next(embedded)
    sentence_vectors = np.stack([known[key] if key in known else next(embedded) for key in keys])
    similarity = sentence_vectors @ question_vector
    rank_bonus = {p.chunk_id: 0.05 * (4 - i) for i, p in enumerate(pool)}
    # A sentence that names the question's topic words beats one that is merely about the same area.
    # ... or a word of the same meaning (WordNet's synonyms: "pay" for "salary").
    by_stem = {term: tokenize_for_bm25([term])[0] for term in topic_terms(question)}
    topic = any(by_stem.values())
    sentence_stems = tokenize_for_bm25([s.text for s in candidates]) if topic else [[] for _ in candidates]

    def topic_share(i: int) -> float:
        stems, said = set(sentence_stems[i]), None
        found = 0
        for term, term_stems in by_stem.items():
            if term_stems and set(term_stems) <= stems:
                found += 1
            elif term_stems:
                said = said if said is not None else _words_of((candidates[i].text,))
                found += explained_by_synonym(term, said, broader=False)
        return found / max(sum(1 for t in by_stem.values() if t), 1)

    # A question asking when is answered by the sentences that state a time, though they seldom share its words
    # ("This letter summarises the findings of the visit ... on 3 and 4 May 2017"). Not a count: its sentences name
    # what is counted anyway, and preferring any number brought in counts of other things (README).
    timed = query.intent.figure in ("a time", "a length of time")
    figure = _figure_patterns()[query.intent.figure] if timed else stating
    # "Who was the DCS?": the words of the person the document introduces in that role.
    roles = _roles_named(query.text) if query.intent.figure == "a person's name" else []

    # "Why ...?": a sentence giving a cause ("This led to ...", "due to ...") before one restating what happened.
    why = phrase_pattern(words().reason_asking).search(query.text) is not None
    cause = phrase_pattern(words().reason_markers)

    def in_role(sentence: Sentence) -> bool:
        introduced = speaker_introduction(documents[sentence.passage.doc_id], sentence.start)
        return bool(introduced) and any(_says(introduced, role) for role in roles)

    scores = np.array(
        [
            similarity[i]
            + rank_bonus.get(s.passage.chunk_id, 0.0)
            + 0.15 * topic_share(i)
            + (FIGURE_BONUS if figure is not None and figure.search(s.text) else 0.0)
            + (FIGURE_BONUS if roles and in_role(s) else 0.0)
            + (FIGURE_BONUS if why and cause.search(s.text) else 0.0)
            - (0.0 if s.text.endswith((".", "!", "?", "”", '"', "’", "'", ")")) else 0.15)  # list items
            - (0.2 if s.text[:1].islower() else 0.0)  # the tail of a list: it needs the sentence that opens it
            for i, s in enumerate(candidates)
        ]
    )

    if stating is not None:  # the best sentence stating the sum or share asked for is quoted first
        best_stating = max(
            (i for i, s in enumerate(candidates) if stating.search(s.text)), key=lambda i: scores[i], default=None
        )
        if best_stating is not None:
            scores[best_stating] = scores.max() + 1.0

    # A councillor asking what inspectors say about supervision wants the picture, not one council's report.
    def council(sentence: Sentence) -> str:
        return documents[sentence.passage.doc_id].authority

    # (not for a figure: the quotes that state it, whoever's)
    spread = (
        not query.authorities
        and not query.intent.figure
        and len({council(s) for s in candidates if council(s)}) >= spread_councils
    )
    by_year = len(query.years) >= 2 and len({year(s) for s in candidates} - {""}) >= 2
    # (of what the question asks about, not of the words naming the visits it compares)
    asked = [tokenize_for_bm25([t])[0] for t in query.topic if t not in _document_naming_words()]

    def year_share(i: int) -> float:
        return sum(bool(t) and set(t) <= set(sentence_stems[i]) for t in asked) / max(len(asked), 1)

    group = council if spread else year if by_year else None
    chosen: list[Sentence] = []
    for one_each in (True, False) if group else (False,):
        for i in np.argsort(-scores):
            if len(chosen) >= max_sentences or (chosen and similarity[i] < floor):
                break
            if one_each and (group(candidates[i]) in {group(s) for s in chosen} or not group(candidates[i])):
                continue
            if one_each and by_year and year_share(i) <= YEAR_TOPIC_SHARE:  # it must say what is asked
                continue
            sentence = resolve(
                candidates[i], documents[candidates[i].passage.doc_id], query.intent.figure == "a time", template
            )
            if sentence is None:
                continue
            if any(_same_place(sentence, other) or _similar(sentence.text, other.text) for other in chosen):
                continue
            chosen.append(sentence)
    named = list(dict.fromkeys(council(s) for s in chosen if council(s)))
    if spread and len(named) >= 2:
        note = " ".join(filter(None, [note, f"From the reports of {len(named)} councils: {_listed(named)}."]))
    newest_first = query.intent.grade or bool(re.search(rf"\b(?:{grade_pattern()})\b", query.text, re.I))
    return _prose(chosen, documents, note, newest_first)


def _saying(terms: tuple[str, ...], sentences: list[Sentence]) -> list[Sentence]:
    """The sentences that name one of the `terms`, and each sentence right after one of them that leans on it ("...
    in what are called locally ‘staffed houses’. These are rented houses ...")."""
    named = [any(term in s.text.lower() for term in terms) for s in sentences]
    return [
        s
        for i, s in enumerate(sentences)
        if named[i] or (i and named[i - 1] and sentences[i - 1].passage == s.passage and _dangles(s.text))
    ]


@lru_cache(maxsize=1)
def _definition_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """What finds the term a question asks the meaning of: after an opener ("what is CFWS?", "what is CFWS in
    Lancashire?"), before a closer ("what does PLO stand for?"), or an abbreviation in capitals before a dash or
    colon and an opener asking what "it" is ("lancashire CFWS - what is it?")."""
    w = words()
    term = r"([A-Za-z]{2,8})"
    opened = re.compile(
        rf"(?<![\w'])(?:{alternation(w.definition_openers)})\s+(?:(?:an?|the)\s+)?{term}\s*"
        rf"(?:[?.!]|$|(?:{alternation(w.place_prepositions)})\s)",
        re.IGNORECASE,
    )
    closed = re.compile(rf"\b{term}\s+(?:{alternation(w.definition_closers)})\b", re.IGNORECASE)
    pointed = re.compile(
        rf"\b([A-Z]{{2,8}})\s*(?:[-–—:,]\s*)(?i:{alternation(w.definition_openers)})\s+(?i:it|that|this)\s*[?.!]*\s*$"
    )
    return opened, closed, pointed


def _introduction_pattern(question: str) -> re.Pattern | None:
    """For a question asking what a term is ("what is CFWS?", "what does PLO stand for?"), what finds a sentence
    introducing the term as an abbreviation in brackets ("(CFWS)"); None for other questions."""
    found = next(
        (
            match
            for pattern in _definition_patterns()
            if (match := pattern.search(question.strip())) and match.group(1).lower() not in words().stop
        ),
        None,
    )
    if found is None:
        return None
    return re.compile(rf"\({re.escape(found.group(1))}\)", re.IGNORECASE)


def _prose(
    chosen: list[Sentence], documents: dict[str, Document], note: str = "", newest_first: bool = False
) -> tuple[str, list[Citation]]:
    """Quotes grouped by passage (inspection documents first, then in the order they were chosen; for a question
    about grades the newest document first), each group in document order with adjacent quotes joined, each run
    introduced by its voice."""
    order: list[str] = []
    for sentence in chosen:
        if sentence.passage.chunk_id not in order:
            order.append(sentence.passage.chunk_id)
    primary_first = sorted(
        order,
        key=lambda chunk_id: not documents[
            next(s for s in chosen if s.passage.chunk_id == chunk_id).passage.doc_id
        ].kind.is_primary,
    )
    if newest_first:  # a grade question: the current rating before older ones
        primary_first = sorted(
            primary_first,
            key=lambda chunk_id: next(s for s in chosen if s.passage.chunk_id == chunk_id).passage.date,
            reverse=True,
        )
    citations: list[Citation] = []
    paragraphs: list[str] = [note] if note else []
    for chunk_id in primary_first:
        group = sorted((s for s in chosen if s.passage.chunk_id == chunk_id), key=lambda s: s.start)
        document = documents[group[0].passage.doc_id]
        merged: list[Sentence] = []
        for sentence in group:  # quotes that follow one another in the text become one quote
            last = merged[-1] if merged else None
            if (
                last
                and not document.text[last.end : sentence.start].strip()
                and "\n" not in document.text[last.end : sentence.start]
            ):
                merged[-1] = Sentence(last.passage, last.start, sentence.end, document.text[last.start : sentence.end])
            else:
                merged.append(sentence)
        runs: list[tuple[str, list[str]]] = []
        for sentence in merged:
            n = len(citations) + 1
            passage = sentence.passage
            citations.append(
                Citation.from_span(document, n, sentence.start, sentence.end, passage.chunk_id, passage.heading)
            )
            who = voice(document, sentence.start)
            if runs and runs[-1][0] == who:
                runs[-1][1].append(f"{sentence.text} [{n}]")
            else:
                runs.append((who, [f"{sentence.text} [{n}]"]))
        paragraphs += [f"{who}: {' '.join(parts)}" for who, parts in runs]
    return "\n\n".join(paragraphs), citations


def _listed(names: list[str]) -> str:
    """ "A and B"; "A, B, and C" (the last comma keeps "Redcar and Cleveland" one name)."""
    return " and ".join(names) if len(names) == 2 else f"{', '.join(names[:-1])}, and {names[-1]}"


def source_label(citation: Citation) -> str:
    """ "Leicester (2016)": the council and year a quote comes from."""
    year = f" ({citation.date[:4]})" if citation.date else ""
    return f"{citation.authority or 'No council'}{year}"


def _same_place(a: Sentence, b: Sentence) -> bool:
    return a.passage.doc_id == b.passage.doc_id and a.start < b.end and b.start < a.end


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a, b) >= 90


def abstained_answer(question: str, reason: str, searched_for: str = "", filters: str = "") -> Answer:
    """The fixed abstention answer, with the reason after it."""
    text = NO_ANSWER + (f" ({reason[0].upper()}{reason[1:]}.)" if reason else "")
    return Answer(question=question, answer=text, abstained=True, searched_for=searched_for, filters=filters)
