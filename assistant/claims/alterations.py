"""Explicit checks for what changes a claim's meaning: negation, quantifiers, numbers, dates, grades, opposite words.

Each check compares the claim's words with the words of the source span it was aligned to and names what
differs. Domain synonyms ("local authority" = "council") are folded first, so faithful paraphrases pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ..config import ClaimSettings
from ..domain.grades import scheme
from ..domain.opposites import (
    NEGATING_PREFIXES,
    are_opposites,
    base_forms,
    direct_opposites_of,
    irregular_bases,
    irregular_plural,
    load_opposites,
)
from ..domain.synonyms import explained_by_synonym
from ..domain.vocabulary import vocabulary
from ..domain.words import age_pattern, alternation, classed_quantifiers, english_stop_words
from ..domain.words import words as known_words
from ..text import YEAR, stems
from ..types import DiffOp


@lru_cache(maxsize=1)
def grade_table() -> tuple[tuple[str, str], ...]:
    """(printed grade, the grade it is) for every grade spelling of grades.toml and words.toml, lower-cased."""
    table = {" ".join(words(name)): grade.name.lower() for grade in scheme().grades for name in grade.names}
    table.update({" ".join(words(k)): v.lower() for k, v in (known_words().grade_variants or {}).items()})
    return tuple(table.items())


def everyday_grades() -> frozenset[str]:
    """Grades that are also everyday words ("good quality"): a grade only where the source has another grade."""
    return frozenset(g for _, g in grade_table() if g in known_words().everyday_grades)


# Words between a quantifier and the "not" of its clause ("not see every", "some ... are not").
QUANTIFIER_NEGATION_REACH = 5
OPENING_WORDS = 5  # a sentence's opening phrase: a quantifier and its noun ("Some aspects of practice")
RESTATED_WORDS = 2  # content words a claim shares with a sentence's opening that make it restate that opening
# A decimal ("26.5 weeks", "3.5%") is one word.
_WORD = re.compile(r"\d+\.\d+%?|[a-z0-9]+(?:'[a-z]+)*%?")
_THOUSANDS = re.compile(r"(?<![\d,])(\d{1,3})((?:,\d{3})+)(?![\d,])")


def words(text: str) -> list[str]:
    """Lower-cased words with straight apostrophes (the unit every check compares); a number written with
    thousands separators is one word ("1,265" -> "1265")."""
    text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), text)
    return _WORD.findall(text.lower().replace("’", "'").replace("‘", "'"))


@lru_cache(maxsize=1)
def _synonym_pattern() -> tuple[re.Pattern, dict[str, str]]:
    # An abbreviation and its expansions are one form: the abbreviation ("PLO" / "public law outline"), or the
    # expansion when it holds a negation ("NEET": not in education, employment or training: the negation then counts
    # on both sides) or the abbreviation a number ("section 47"). Not the abbreviations of a grade ("RI"): grades
    # are compared as grades. The groups of words of one meaning come after and decide a clash.
    grades, negators = {name for name, _ in grade_table()}, known_words().negators
    terms = []
    for term in vocabulary().terms:
        shorts = [" ".join(words(form)) for form in term.typed_forms()]
        expansions = [" ".join(words(form)) for form in term.expansions]
        if grades & set(shorts + expansions):
            continue
        negated = [form for form in expansions if set(form.split()) & negators]
        spelled = negated[:1] or (expansions[:1] if any(c.isdigit() for c in term.short) else [])
        terms.append(tuple(spelled + shorts + expansions))
    groups = [tuple(" ".join(words(form)) for form in group) for group in vocabulary().same]
    canonical = {form: group[0] for group in terms + groups for form in group}  # the first form too: kept whole
    variants = sorted(canonical, key=len, reverse=True)
    return re.compile(rf"(?<![a-z0-9'])(?:{'|'.join(map(re.escape, variants))})(?![a-z0-9'])"), canonical


# A span of years with the second shortened: "2013-14", "2015/16" (financial and school years).
_YEAR_SPAN = re.compile(r"\b((19|20)(\d\d))\s*[-–—/]\s*(\d\d)\b(?![-–—/]?\d)")


def _whole_years(text: str) -> str:
    """ "2013-14" written "2013-2014", so that both name the same two years."""
    return _YEAR_SPAN.sub(
        lambda m: f"{m.group(1)}–{m.group(2)}{m.group(4)}" if m.group(4) > m.group(3) else m.group(0), text
    )


def fold_synonyms(text: str) -> str:
    """Lower-cased words with every domain synonym rewritten to one form, in one pass (longest first), so that a
    rewritten form is not rewritten again ("social worker" -> "social workers", never "social staff")."""
    pattern, canonical = _synonym_pattern()
    folded = _spelled_out(" ".join(words(_whole_years(text))))
    pieces, end, last = [], 0, ""
    for match in pattern.finditer(folded):
        form, between = canonical[match.group(0)], folded[end : match.start()]
        # A form right after another of its forms says it once: "not in employment, education or training (NEET)".
        pieces.append(between + form if not (form == last and not between.strip()) else "")
        end, last = match.end(), form
    return "".join(pieces) + folded[end:]


_CONTRACTED = re.compile(r"(?<![A-Za-z0-9'’])([A-Za-z]+)[nN][’']t(?![A-Za-z0-9'’])")


def _spelled_out(text: str) -> str:
    """Negative contractions spelled out ("don't" -> "do not"), so that a claim's "don't always" is the
    source's "do not always" and its "doesn't have" the "does not have" that an antonym ("lacks") explains."""
    if "n't" not in text and "n’t" not in text:
        return text
    irregular = known_words().contracted
    return _CONTRACTED.sub(lambda m: irregular.get(m.group(0).lower().replace("’", "'")) or f"{m.group(1)} not", text)


def _phrases(folded: str, table: tuple[tuple[str, str], ...]) -> list[str]:
    """Classes of the table's phrases found in `folded`, longest phrase first, without overlaps."""
    found, taken = [], [False] * (len(folded) + 1)
    for phrase, label in sorted(table, key=lambda pair: -len(pair[0])):
        if phrase not in folded:  # most phrases of a table are absent: skip their regex (a check's hot path)
            continue
        for match in re.finditer(rf"(?<![a-z0-9']){re.escape(phrase)}(?![a-z0-9'])", folded):
            if not any(taken[match.start() : match.end()]):
                taken[match.start() : match.end()] = [True] * (match.end() - match.start())
                if label:  # an idiom ("every month") only hides what it contains
                    found.append(label)
    return found


def _only_words(folded: str) -> set[str]:
    """The scope-narrowing "only" words of a text; not "only" intensifying a "few" quantifier ("only a small
    number of children" says a small number, as "a small number of children" does), nor one before a word of time
    ("just as the pandemic started")."""
    split, known = folded.split(), known_words()
    return {
        word
        for i, word in enumerate(split)
        if word in known.only
        and not (" ".join(split[i + 1 :]) + " ").startswith(_few_phrases())
        and " ".join(split[i : i + 2]) not in known.not_only
    }


@lru_cache(maxsize=1)
def _few_phrases() -> tuple[str, ...]:
    """The quantifier phrases of the "few" class or weaker, each with a space after it."""
    known = known_words()
    weakest = known.strength["few"]
    return tuple(f"{p} " for p, label in known.quantifiers if known.strength.get(label, weakest + 1) <= weakest)


def quantifiers_in(folded: str) -> list[str]:
    """The quantifier classes ("all", "most", "few" ...) a folded text states."""
    return _phrases(folded, known_words().quantifiers)


def grade_words_in(text: str) -> list[str]:
    """The Ofsted grades a text names (read before synonym folding: "requires improvement" stays whole)."""
    return _phrases(" ".join(words(text)), grade_table())


# "too <word> [for <up to five words>] to <verb>": the English construction that denies the verb.
_TOO_TO = re.compile(r"(?<![a-z0-9'])too [a-z]+(?: for(?: [a-z0-9']+){1,5}?)? to [a-z]+")


def negating(folded: str) -> Counter:
    """The text's negating words ("not", "can't") and phrases ("failed to", "lack of"), counted."""
    known = known_words()
    found = Counter(w for w in folded.split() if w in known.negators or w.endswith(known.negation_suffix))
    found.update(_phrases(folded, tuple((phrase, phrase) for phrase in known.negating_phrases)))
    # "caseloads are too high for some to complete quality work": some cannot complete it (not "children wait too
    # long to receive a service": it comes late; words.toml delay_verbs).
    for match in _TOO_TO.finditer(folded):
        before = folded[: match.start()].split()
        if not before or before[-1] not in known.delay_verbs:
            found["too ... to"] += 1
    return found


# How many words after a negation it governs, for matching a negation moved to another place in a paraphrase
# ("isn't doing enough to recognise ... the risks" for "the risks ... are not sufficiently recognised").
NEGATED_WORDS = 5


def _negated_stems(folded: str) -> list[set[str]]:
    """For each negation of a folded text, the stems of the content words in the few words after it."""
    split = folded.split()
    known = known_words()
    found = []
    phrases = [phrase.split() for phrase in known.negating_phrases]
    for i, word in enumerate(split):
        # a negating word, or the end of a negating phrase ("failed to", "a lack of")
        if (
            word in known.negators
            or word.endswith(known.negation_suffix)
            or any(split[i + 1 - len(phrase) : i + 1] == phrase for phrase in phrases if i + 1 >= len(phrase))
        ):
            after = " ".join(split[i + 1 : i + 1 + NEGATED_WORDS])
            found.append(set(content_words(after)))
    return found


def _negated_alike(claim: str, sentence: str) -> bool:
    """Each negation of the claim governs a word that a negation of the sentence also governs: the claim says
    what the sentence denies, in another order. A negation that governs other words (another clause's) is not
    the same negation."""
    claimed, said = _negated_stems(claim), _negated_stems(sentence)
    if not claimed or len(claimed) > len(said):
        return False
    return all(any(words & other for other in said) for words in claimed)


def _negations_of_one_clause(claim: str, source: str) -> bool:
    """Whether each negation of the claim stands among words (`NEGATED_WORDS` either side) that share a content
    word with those around a negation of the source: the two deny the same clause, whichever order it is said in."""

    def around(folded: str) -> list[set[str]]:
        split, known = folded.split(), known_words()
        return [
            set(content_words(" ".join(split[max(0, i - NEGATED_WORDS) : i + 1 + NEGATED_WORDS])))
            for i, word in enumerate(split)
            if word in known.negators or word.endswith(known.negation_suffix)
        ]

    claimed, said = around(claim), around(source)
    return bool(claimed) and all(any(stems & other for other in said) for stems in claimed)


def negations(folded: str) -> int:
    """How many negating words the text has."""
    return sum(negating(folded).values())


@lru_cache(maxsize=1)
def _not_numbers() -> re.Pattern:
    """The phrases with an ordinal that state no number ("at first"): numbers() runs on every word of a check."""
    return re.compile(rf"(?<![a-z0-9'])(?:{alternation(known_words().not_numbers)})(?![a-z0-9'])")


def _count(word: str) -> int | None:
    """The whole number a word states ("7", "seven"), or None."""
    if word.isdigit():
        return int(word)
    return known_words().cardinals.get(word)


def _compound(split: list[str], at: int) -> tuple[int | None, int]:
    """The number the words from `at` state and how many words state it: "twenty five" (as "twenty-five" is
    written in words) is 25 in two words, "seven" 7 in one."""
    count = _count(split[at].rstrip("%"))
    if count is not None and 20 <= count <= 90 and count % 10 == 0 and not split[at].isdigit() and at + 1 < len(split):
        units = known_words().cardinals.get(split[at + 1])
        if units is not None and 1 <= units <= 9:
            return count + units, 2
    return count, 1


def _proportion(value: Fraction) -> str:
    """A proportion written one way: "90%" when it is a whole percentage, else "1/3"."""
    percent = value * 100
    return f"{percent.numerator}%" if percent.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _proportions(split: list[str]) -> tuple[set[str], set[int]]:
    """Proportions however said ("one in three", "a third", "nine out of ten", "90%", "90 per cent") in one form,
    and the positions of the words that said them."""
    known = known_words()
    found: set[str] = set()
    used: set[int] = set()
    for i, word in enumerate(split):
        if i in used:  # the units of "twenty five"
            continue
        count, width = _compound(split, i)
        after = i + width - 1  # the last word of the number
        percent = (
            word.endswith("%")
            or split[after + 1 : after + 3] == ["per", "cent"]
            or split[after + 1 : after + 2] == ["percent"]
        )
        if count is not None and percent:
            found.add(_proportion(Fraction(count, 100)))
            used.update(range(i, after + 1))
            continue
        if count is not None:
            for joiner in known.proportion_joiners:
                joined = joiner.split()
                after = i + 1 + len(joined)
                whole = _count(split[after]) if after < len(split) and split[i + 1 : after] == joined else None
                if whole and count < whole <= 1000 and not YEAR.fullmatch(split[after]):
                    found.add(_proportion(Fraction(count, whole)))
                    used.update((i, after))
                    break
        denominator = known.fractions.get(word)
        if denominator and i and (split[i - 1] == "a" or _count(split[i - 1]) is not None):
            parts = 1 if split[i - 1] == "a" else _count(split[i - 1]) or 1
            found.add(_proportion(Fraction(parts, denominator)))
            used.update((i - 1, i))
        elif word == "half" and split[i + 1 : i + 2] in (["of"], ["the"]):  # "nearly half of the children"
            found.add(_proportion(Fraction(1, 2)))
            used.add(i)
    return found, used


def numbers(folded: str) -> set[str]:
    """Numbers, number words and ordinals, as digits ("third", "3rd" -> "3"); proportions in one form ("one in three" =
    "a third" -> "1/3", "nine in ten" = "90 per cent" -> "90%")."""
    known = known_words()
    split = _not_numbers().sub(" ", folded).split()
    found, used = _proportions(split)
    for i, w in enumerate(split):
        if i in used:
            continue
        if w == "one" and i and split[i - 1] in known.pronoun_one_after:
            continue
        count, width = _compound(split, i)
        if width == 2:  # "twenty five"
            found.add(str(count))
            used.add(i + 1)
            continue
        if re.fullmatch(r"\d+(?:st|nd|rd|th)", w):  # "their 18th birthday" and "turn 18" state one number
            found.add(w[:-2])
        elif re.fullmatch(r"\d+(?:\.\d+)?%?", w):
            found.add(w.rstrip("%"))
        elif w in known.cardinals:
            found.add(str(known.cardinals[w]))
        elif w in known.ordinals and w not in known.ambiguous_numbers:
            before = split[i - 1] if i else ""
            if w in known.adverb_ordinals and not (before in known.determiners or before.endswith(("'s", "’s"))):
                continue  # "put children first"; not "its first visit", "Ofsted's first visit"
            found.add(str(known.ordinals[w]))
    return found


@dataclass(frozen=True)
class Alteration:
    """One change of meaning: its kind and a sentence saying what it is."""

    kind: str  # negation | quantifier | number | date | grade | opposite
    message: str
    words: tuple[str, ...] = ()  # the words (claim or source) that carry it, for marking the diff
    source_words: tuple[str, ...] = ()  # the source's words it rests on, where known (an opposite)
    # The claim states something of a kind the source says nothing of (a number, a year, a quantifier, a negation,
    # a grade): a change of the source only if the claim restates it, else the claim says more than it.
    added: bool = False


def _stems(folded: str) -> dict[str, str]:
    tokens = folded.split()
    return dict(zip(stems(tokens), tokens, strict=True))


def _fold_not_all(folded: str) -> str:
    """ "not all"/"not always" read as the quantifier "some" (so it is a scope, not a negated claim); so does a
    "not" that "all" or "every" follows within its clause ("do not see every child", "does not routinely include
    all agencies": not all of them). "Nor" before an inverted auxiliary ("nor do they consistently involve") is
    read as the "and ... not" it says."""
    folded = _nor_inverted().sub(r"and \2 \1 not", folded)
    for phrase in known_words().not_all:
        folded = re.sub(rf"(?<![a-z0-9']){re.escape(phrase)}(?![a-z0-9'])", "some", folded)
    return _negated_universal().sub(lambda m: f"{m.group(1)} some".lstrip(), folded)


@lru_cache(maxsize=1)
def _nor_inverted() -> re.Pattern:
    known = known_words()
    auxiliaries, subjects = alternation(tuple(known.auxiliaries)), alternation(tuple(known.subject_pronouns))
    return re.compile(rf"(?<![a-z0-9'])nor ({auxiliaries}) ({subjects})(?![a-z0-9'])")


def _in_clause() -> str:
    """A word of the same clause: any but the words that end one ("and", "which", ...)."""
    breaks = "|".join(re.escape(w) for w in sorted(known_words().clause_breaks))
    return rf"(?!(?:{breaks})(?![a-z0-9']))[a-z0-9']+"


@lru_cache(maxsize=1)
def _negated_universal() -> re.Pattern:
    universal = "|".join(re.escape(w) for w in known_words().universal_determiners)
    between = rf"(?: {_in_clause()}){{0,{QUANTIFIER_NEGATION_REACH - 1}}}?"
    return re.compile(rf"(?<![a-z0-9'])not({between}) (?:{universal})(?![a-z0-9'])")


@lru_cache(maxsize=1)
def _partial_negated() -> re.Pattern:
    """A partial quantifier and the negation of its clause ("some children are not seen"): not all are seen."""
    partial = "|".join(re.escape(w) for w, kind in known_words().quantifiers if kind in ("some", "few"))
    return re.compile(
        rf"(?<![a-z0-9'])((?:{partial})(?: {_in_clause()}){{0,{QUANTIFIER_NEGATION_REACH}}}?) not(?![a-z0-9'])"
    )


def _fold_scope_pair(claim: str, source: str) -> tuple[str, str]:
    """Both folded texts with "not all" read as "some"; and "some X are not P" being what "not all X are P" says,
    when only one text says "not all", the negation after a partial quantifier in the other is read into that
    quantifier first."""
    claim_folded, source_folded = _fold_not_all(claim), _fold_not_all(source)
    claim_says, source_says = claim_folded != claim, source_folded != source
    if source_says and not claim_says:
        claim_folded = _fold_not_all(_partial_negated().sub(lambda m: m.group(1), claim, count=1))
    elif claim_says and not source_says:
        source_folded = _fold_not_all(_partial_negated().sub(lambda m: m.group(1), source, count=1))
    return claim_folded, source_folded


def _governs_alike(kind: str, claim: str, whole: str) -> bool:
    """Whether a quantifier of this kind in the folded claim stands in the folded sentence before the same word."""
    for phrase, label in known_words().quantifiers:
        if label != kind:
            continue
        for match in re.finditer(rf"(?<![a-z0-9']){re.escape(phrase)} ([a-z0-9']+)", claim):
            if re.search(rf"(?<![a-z0-9']){re.escape(phrase)} {re.escape(match.group(1))}(?![a-z0-9'])", whole):
                return True
    return False


def _strongest(classes: set[str]) -> int:
    strength = known_words().strength
    return max((strength.get(c, 0) for c in classes), default=-1)


@lru_cache(maxsize=1)
def _aside() -> re.Pattern:
    """A linking word set off by commas ("Some young people, however, have not ..."; "..., however."): it links the
    sentence to the one before, as "However," opening it does, and opens no clause that limits the sentence."""
    return re.compile(rf",\s*(?:{alternation(tuple(known_words().linking))})\s*(?=[,.;]|$)", re.IGNORECASE)


def _after(whole: str, part: str) -> str:
    """What `whole` says after `part` (both folded alike), or "" when `part` is not in it."""
    at = whole.find(part)
    return whole[at + len(part) :] if part and at >= 0 else ""


def _without_asides(text: str) -> str:
    """The text without the asides of its first sentence (in a later one, "however" sets it against the sentence
    before, which the text holds: "Quality is good. They do, however, take longer")."""
    first_end = re.search(r"[.!?]\s+\S", text)
    head, rest = (text[: first_end.start()], text[first_end.start() :]) if first_end else (text, "")
    return _aside().sub("", head) + rest


@lru_cache(maxsize=1)
def _qualifying_negation() -> re.Pattern:
    """A qualifying word and the negation that opens its clause ("but not", "although this is not")."""
    known = known_words()
    markers = "|".join(re.escape(phrase) for phrase in known.qualifying)
    between = "|".join(re.escape(w) for w in sorted(known.stop - known.negators))  # "but this is not"
    return re.compile(rf"(?<![a-z0-9'])(?:{markers})(?: (?:{between})){{0,2}} not(?![a-z0-9'])")


def _without_qualifiers(folded: str) -> str:
    """The text without the negations that open qualifying clauses: they limit scope (checked apart)."""
    return _qualifying_negation().sub(" ", folded)


def qualifiers(folded: str) -> list[str]:
    """The qualifying-clause markers ("but not", "except") a folded text uses."""
    found = []
    for phrase in known_words().qualifying:
        if re.search(rf"(?<![a-z0-9']){re.escape(phrase)}(?![a-z0-9'])", folded) and not any(
            phrase in f for f in found
        ):
            found.append(phrase)
    return found


_NOT_WORD = re.compile(r"(?<![\w'’])(?:not|(?:an? )?lack of)\s+([a-z]+)", re.IGNORECASE)


def _prefix_negated(word: str) -> bool:
    """Whether a word is a word of the opposites table with a negating prefix ("insufficient", "unclear")."""
    table = load_opposites()
    return any(
        word.startswith(prefix) and len(word) - len(prefix) >= 4 and word[len(prefix) :] in table
        for prefix in NEGATING_PREFIXES
        if prefix != "mis"  # "mis-" says wrongly, not "not"
    )


def _negated_as_prefixed(text: str, other: str, antonyms: bool = False) -> str:
    """`text` with "not A" written as the word `other` says for it, when that word is A's opposite made with a
    negating prefix ("not enough" where the other says "insufficient", "not consistent" for "inconsistent"): the
    prefix denies its stem as "not" does, so the two say one thing, and neither a negation nor an opposite differs
    ("a lack of stable leadership" is "unstable leadership" too).
    With `antonyms` (for the claim's text only), also when it is A's antonym in WordNet ("does not have" where the
    source says "lacks"): an antonym may be a contrary ("bad" for "good"), which says more than "not good", so a
    claim's "not A" says less than the source's antonym, never more."""
    if "not" not in text.lower() and "lack of" not in text.lower():
        return text
    split = words(other)
    unnegated = set(split) - {after for w, after in zip(split, split[1:], strict=False) if w == "not"}
    prefixed = [w for w in sorted(unnegated) if _prefix_negated(w)]
    if not prefixed and not antonyms:
        return text

    def written(match: re.Match) -> str:
        denied = match.group(1).lower()
        said = next((w for w in prefixed if are_opposites(denied, w)), None)
        if not said and antonyms and denied not in _quantifier_words(whole_only=True):  # "not all": quantifiers
            opposed = direct_opposites_of(denied)
            said = next((w for w in sorted(unnegated) if opposed & set(base_forms(w))), None) if opposed else None
        return said or match.group(0)

    return _NOT_WORD.sub(written, text)


_TOO_WORD = re.compile(r"(?<![A-Za-z'’])too ([a-z]+)\b", re.IGNORECASE)


def _too_as_not_enough(text: str, other: str) -> str:
    """`text` with "too B" written "not A enough" when `other` says "A enough" and A is B's opposite: "too late" is
    "not early enough", so the two say one thing and neither a negation nor an opposite differs."""
    if "too" not in text.lower() or "enough" not in other.lower():
        return text
    split = words(other)
    enough = {w for w, after in zip(split, split[1:], strict=False) if after == "enough"}

    def written(match: re.Match) -> str:
        said = next((a for a in sorted(enough) if are_opposites(match.group(1).lower(), a)), None)
        return f"not {said} enough" if said else match.group(0)

    return _TOO_WORD.sub(written, text)


_NOT_UNTIL = re.compile(r"\bnot\b([^,;:.]{0,80}?)\buntil\b", re.IGNORECASE)


def _not_until_as_only(text: str, other: str) -> str:
    """`text` with "not X until Y" written "only X Y" when `other` says "only" and no "not ... until": the two say one
    thing ("are not allocated a worker until close to leaving care" is "are only given a worker shortly before
    they leave care"), so neither a negation nor an "only" differs."""
    if "until" not in text.lower() or not re.search(r"\bonly\b", other, re.IGNORECASE) or _NOT_UNTIL.search(other):
        return text
    return _NOT_UNTIL.sub(lambda match: f"only{match.group(1)}", text)


def _years_of_months(folded: str) -> set[tuple[str, str]]:
    """The (month, year) pairs a folded text dates things to ("june 2023")."""
    split = folded.split()
    months = set(known_words().months) - known_words().ambiguous_months
    return {(m, y) for m, y in zip(split, split[1:], strict=False) if m in months and YEAR.fullmatch(y)}


def _counted_by_article(claim: str, source: str) -> tuple[str, str]:
    """(unit, the source's count of it) when the folded claim counts a unit of time with "a" or "an" that the source
    counts with another number ("within a week" for "within three weeks"): the article states one. ("", "") else."""
    units = set(known_words().time_units)
    split, said = claim.split(), source.split()
    articled = {w for a, w in zip(split, split[1:], strict=False) if a in ("a", "an") and w in units}
    if not articled or articled & {w for a, w in zip(said, said[1:], strict=False) if a in ("a", "an")}:
        return "", ""
    counts = sorted(
        (w.removesuffix("s"), f"{n} {w}")
        for n, w in zip(said, said[1:], strict=False)
        if w.removesuffix("s") in articled and numbers(n) - {"1"}
    )
    return counts[0] if counts else ("", "")


def _one_as_article(claim: str, source: str) -> bool:
    """Whether every "one" of the folded claim counts a thing the source counts with "a" or "an" ("one month" for "a
    month's"): the article states one. So does "one of" a plural ("one of Sheffield's strengths" for "are a
    strength")."""
    split, said = claim.split(), source.split()
    counted = [_partitive_noun(split, i + 1) for i, w in enumerate(split[:-1]) if w == "one"]
    articled = {_bare_word(w) for a, w in zip(said, said[1:], strict=False) if a in ("a", "an")}
    return bool(counted) and all(_bare_word(w) in articled for w in counted)


def _partitive_noun(split: list[str], at: int) -> str:
    """The word "one" counts when it stands at `at`; after "one of", the plural noun past its determiners and
    possessives, made singular ("one of its key strengths" -> "strength"); adjectives between stay unmatched."""
    if split[at] != "of":
        return split[at]
    determiners = known_words().determiners
    rest = [w for w in split[at + 1 :] if not (w in determiners or w.endswith(("'s", "’s")))]
    return rest[0].removesuffix("s") if rest else ""


def _bare_word(word: str) -> str:
    return word.removesuffix("'s")


def find_alterations(
    claim: str,
    source: str,
    local: bool = True,
    sentence: str = "",
    explained_years: frozenset[str] = frozenset(),
    qualifier_reach: int = ClaimSettings.claim_qualifier_reach,
) -> list[Alteration]:
    """What in `claim` changes the meaning of `source` (empty when nothing does).

    `local` says `source` is the stretch the claim was aligned to, not a whole sentence that may say more: only
    then does dropping a restricting quantifier ("some care leavers" -> "care leavers") count. `sentence` is the
    whole sentence around `source`: a qualifying clause in it ("but not those placed out of area") is part of
    the evidence, and a claim that leaves it out widens the source, when it starts within `qualifier_reach` words
    after `source`. `explained_years` are the years and months (lower case) the evidence's
    document is about (its date, its inspection): a claim may name them though the sentence does not.
    """
    known = known_words()
    claim, source, sentence = (_spelled_out(_without_asides(text)) for text in (claim, source, sentence))
    claim = _too_as_not_enough(claim, sentence or source)
    source, sentence = _too_as_not_enough(source, claim), _too_as_not_enough(sentence, claim)
    claim = _not_until_as_only(claim, sentence or source)
    source, sentence = _not_until_as_only(source, claim), _not_until_as_only(sentence, claim)
    claim = _negated_as_prefixed(claim, source, antonyms=True)
    source, sentence = _negated_as_prefixed(source, claim), _negated_as_prefixed(sentence, claim)
    c, s = _fold_scope_pair(fold_synonyms(claim), fold_synonyms(source))
    whole = _fold_not_all(fold_synonyms(sentence)) if sentence else s
    found: list[Alteration] = []
    # A negation inside a qualifying clause ("but not those placed out of area") limits scope: checked below.
    # On the stretch the claim was aligned to each negation counts ("saw no evidence of children ... who did not
    # need to be" is not "saw evidence of children ... who did not"); a whole sentence may negate more than a claim
    # that paraphrases part of it, so there only presence counts.
    cn, sn = negations(_without_qualifiers(c)), negations(_without_qualifiers(s))
    if local and cn > sn and _negated_alike(_without_qualifiers(c), _without_qualifiers(whole)):
        cn = sn  # the claim put the sentence's negation before the stretch it was aligned to (reordered)
    if cn != sn and negations(c) == negations(s) and _negations_of_one_clause(c, s):
        # The same negations of the same clauses, one opening a qualifying clause and the other not ("but they are not
        # putting improvements in place quickly enough" for "However, improvements are not being made with pace").
        cn = sn
    if (cn != sn) if local else (cn > 0) != (sn > 0):
        more, fewer = (s, c) if sn > cn else (c, s)
        neg = list((negating(more) - negating(fewer)).elements()) or list(negating(more))
        change = "drops the source's negation" if sn > cn else "adds a negation the source does not have"
        found.append(Alteration("negation", f"the claim {change} (“{', '.join(neg)}”)", tuple(neg), added=not sn))
    # A qualifying clause with a negation that the claim adds ("... and are applied consistently" -> "... but are
    # not applied consistently") denies part of what the source says.
    elif (
        len(_qualifying_negation().findall(c)) > len(_qualifying_negation().findall(whole))
        and negations(c) > negations(whole)  # not the source's negation moved into such a clause
    ):
        found.append(Alteration("negation", "the claim adds a negation the source does not have (“not”)", ("not",)))
    claimed_q, said_q = _phrases(c, known.quantifiers), _phrases(s, known.quantifiers)
    wq = set(_phrases(whole, known.quantifiers))
    if local and sentence:  # a fronted phrase ("In most cases seen, ...") limits the clause after it
        said_q += _phrases(_fold_not_all(fold_synonyms(_fronted(sentence, source, c))), known.quantifiers)
    cq, sq = set(claimed_q), set(said_q)
    # Counted, not only kinds: "too high for some social workers and unsustainable in some teams" puts a second
    # "some" where the source's "too high for most social workers" had its "most".
    # (A restricting quantifier the stretch stops short of, later in its sentence, is the source's too: "... too many
    # changes of social worker for some children".)
    later = Counter(q for q in _phrases(_after(whole, s), known.quantifiers) if q in known.restricting)
    new_q = set(Counter(claimed_q) - (Counter(said_q) + later)) if local else cq - sq
    # A claim that reorders the sentence keeps its quantifier with the word it governs ("records are generally weak,
    # because of poor record-keeping" for "Poor record-keeping ... means that records are generally weak"), when it
    # replaces none of the stretch's ("in most cases plans are poor" for "..., but in some cases plans are poor").
    if local and not Counter(said_q) - Counter(claimed_q):
        new_q = {q for q in new_q if not _governs_alike(q, c, whole)}
    # Strength: all > nearly all > most > many > some > few. A claim may keep or weaken the source's quantifier,
    # never strengthen it; dropping a restricting one ("some care leavers" -> "care leavers") widens it.
    # "Few" is not a weaker "most": a restricting quantifier the source does not use changes the claim.
    # Compared with the source quantifiers the claim does not keep (those it replaced: "a small number of" ->
    # "many"), else with all of them: an "all" elsewhere in the sentence ("all risks") does not license "many".
    replaced = set(Counter(said_q) - Counter(claimed_q)) if local else sq - cq
    stronger = bool(new_q) and _strongest(new_q) > _strongest(replaced or (sq | (wq if not local else set())))
    narrowing = bool(new_q & known.restricting) or bool(new_q and _strongest(new_q) <= known.strength["few"])
    # Dropping any quantifier short of "all" ("mostly timely" -> "timely") widens the claim.
    # (On a paraphrase, only of a sentence short enough for all of it to be what the claim restates.)
    short = len(whole.split()) <= 2 * len(c.split())
    limits = sq if local else (wq if short else _opening_quantifiers(sentence, c))
    dropped_limit = bool(limits) and not cq and _strongest(limits) < known.strength["all"]
    # Keeping one of the source's quantifiers while dropping a restricting one ("In a few cases, thresholds were not
    # applied, and some children ..." -> "thresholds were not applied, and some children ...") widens the rest.
    # (On the stretch the claim follows only: a paraphrase of part of a longer sentence keeps its own clause's.)
    # Counted: "visits, for some children, do not consistently meet ..." has two, the claim one ("not consistently").
    dropped_one = (
        local and bool(cq) and not new_q and bool(set(Counter(said_q) - Counter(claimed_q)) & known.restricting)
    )
    if stronger or narrowing or (new_q and not sq) or dropped_limit or dropped_one:
        said = ", ".join(sorted(cq)) or "no quantifier"
        message = f"the claim says {said}; the source says {', '.join(sorted(sq)) or 'none'}"
        fewer = sorted(set(Counter(said_q) - Counter(claimed_q)))
        if cq == sq and fewer:  # the same kinds, one fewer of them
            message = f"the source says “{fewer[0]}” {said_q.count(fewer[0])} times; the claim leaves one out"
        found.append(Alteration("quantifier", message, added=not sq))
    c_only, s_only = _only_words(c), _only_words(s)
    if bool(c_only) != bool(s_only):
        word = sorted(c_only or s_only)[0]
        change = "adds" if c_only else "drops the source's"
        found.append(Alteration("scope", f"the claim {change} “{word}”", (word,)))
    # A qualifying clause counts where it limits what the claim took: inside the stretch, or right after it.
    if local and sentence:
        limiting = _fold_not_all(fold_synonyms(_following(sentence, source, qualifier_reach)))
    else:  # a paraphrase of a sentence no longer than twice the claim: its qualifiers limit what it says
        limiting = whole if len(whole.split()) <= 2 * len(c.split()) else ""
    condition = fronted_condition(sentence or source, c)
    if condition:
        found.append(Alteration("scope", f"the claim drops the condition “{condition}”", tuple(condition.split()[:1])))
    # Findings limited to the work inspectors saw ("in cases seen", "those spoken to") in the part of the sentence
    # the claim took, or in its opening: dropping the limit makes them about every case.
    short = sentence if sentence and len(words(sentence)) <= 2 * len(c.split()) else ""
    sampled = _fronted(sentence, source, c) + " " + source if local and sentence else (short or source)
    for message, marked in _dropped_limits(claim, c, source if local else short, sampled, limiting, sentence or source):
        found.append(Alteration("scope", message, marked))
    c_numbers, s_numbers = numbers(c), numbers(s)
    if local and not s_numbers:  # a number the stretch does not reach ("aged 16 and 17 ... who present as homeless")
        s_numbers = numbers(whole)
    elif local and whole:  # a year the sentence states outside the stretch ("During 2013–14, these conferences ...")
        s_numbers = s_numbers | {n for n in numbers(whole) if YEAR.fullmatch(n)}
    years = {n for n in c_numbers | s_numbers if YEAR.fullmatch(n)}
    # The document's own year explains a year the claim adds, not one it puts in place of the source's ("a review
    # published in 2021" in a 2021 letter that says "published in 2020").
    replaced_year = bool((s_numbers - c_numbers) & years)
    new_years = (c_numbers - s_numbers) & years - (frozenset() if replaced_year else explained_years)
    if not new_years:  # "in June 2022" where the source dates the same month to 2023 (and 2022 is its other year)
        said = _years_of_months(whole) | _years_of_months(s)
        new_years = {y for m, y in _years_of_months(c) - said if m in {month for month, _ in said}}
    if new_years:
        found.append(
            Alteration(
                "date",
                f"the claim gives {', '.join(sorted(c_numbers & years))}; "
                f"the source gives {', '.join(sorted(s_numbers & years | explained_years)) or 'no year'}",
                tuple(sorted((c_numbers | s_numbers) & years)),
                added=not (s_numbers & years | explained_years),
            )
        )
    if "1" in c_numbers - s_numbers and _one_as_article(c, s):
        c_numbers = c_numbers - {"1"}  # "a one-month sabbatical" for "a month's paid sabbatical"
    unit, counted = _counted_by_article(c, s)
    if counted:  # "within a week" where the source says "within three weeks"
        message = f"the claim says “a {unit}” where the source says “{counted}”"
        found.append(Alteration("number", message, tuple(counted.split())))
    elif (c_numbers - s_numbers) - years:
        found.append(
            Alteration(
                "number",
                f"the claim says {', '.join(sorted(c_numbers - years))}; "
                f"the source says {', '.join(sorted(s_numbers - years)) or 'no number'}",
                added=not s_numbers - years,
            )
        )
    c_months = {m for m in known.months if m in c.split()} - known.ambiguous_months
    s_months = {m for m in known.months if m in s.split()} - known.ambiguous_months
    if local and not s_months:  # as for numbers: a month the stretch does not reach ("... care plan as of April 2018")
        s_months = {m for m in known.months if m in whole.split()} - known.ambiguous_months
    if c_months - s_months - explained_years:
        found.append(
            Alteration("date", f"the claim says {', '.join(sorted(c_months))}; the source does not", added=not s_months)
        )
    # Grades are read before synonym folding ("requires improvement" must stay whole).
    cg = set(_phrases(" ".join(words(claim)), grade_table()))
    sg = set(_phrases(" ".join(words(source)), grade_table()))
    moved = _grade_in_place_of_another(claim, source, cg, sg)
    if ((cg - sg) and (sg or (cg - sg) - everyday_grades())) or moved:
        said = f"the claim says {', '.join(sorted(cg))}"
        found.append(
            Alteration(
                "grade",
                f"{said} where the source says {moved}" if moved and not cg - sg
                else f"{said}; the source says {', '.join(sorted(sg)) or 'no grade'}",
                tuple(sorted(cg | sg)),
                added=not sg,
            )
        )  # fmt: skip
    return found + _opposite_words((" ".join(words(claim)), " ".join(words(source))), (c, s))


def _grade_in_place_of_another(claim: str, source: str, claim_grades: set[str], source_grades: set[str]) -> str:
    """The source grade the claim's grade stands in place of, when the source grades two things and the claim
    keeps one grade where the source has the other ("judged outstanding both in help and protection and overall"
    for "judged good in help and protection and outstanding overall"); "" otherwise."""
    claim_words, source_words = " ".join(words(claim)), " ".join(words(source))
    for grade in sorted(claim_grades & source_grades):
        for other in sorted(source_grades - claim_grades):
            # Three words each side: a grade's neighbours are mostly stop words ("was judged ... in").
            if _in_its_place(grade.split()[0], other.split()[0], claim_words, source_words, reach=3):
                return other
    return ""


def find_opposites(claim: str, source: str) -> list[Alteration]:
    """The words `claim` puts where `source` has their opposites (the opposite check of `find_alterations` alone)."""
    claim, source = _spelled_out(claim), _spelled_out(source)
    claim = _too_as_not_enough(claim, source)
    source = _too_as_not_enough(source, claim)
    claim, source = _negated_as_prefixed(claim, source, antonyms=True), _negated_as_prefixed(source, claim)
    return _opposite_words(
        (" ".join(words(claim)), " ".join(words(source))),
        _fold_scope_pair(fold_synonyms(claim), fold_synonyms(source)),
    )


_AGE_OLD = re.compile(r"\b(years?) olds?\b")


def _opposite_words(written: tuple[str, str], folded: tuple[str, str]) -> list[Alteration]:
    """Opposites, on the words as written and as folded (a synonym group may hide "inconsistent" as "variable");
    the "old" of an age ("17- to 18-year-olds") is no adjective, nor a verb before a particle ("coming down") the
    word alone."""
    found: list[Alteration] = []
    seen = set()
    particles, auxiliaries = known_words().particles, known_words().auxiliaries
    # An auxiliary before a participle ("has reduced") is no verb of having: not the opposite of "want".
    as_written = written[0].split()
    helping_verbs = {
        w
        for w, after in zip(as_written, as_written[1:], strict=False)
        if w in auxiliaries and (after.endswith(("ed", "en")) or after in auxiliaries)
    }
    for claim_text, source_text in (written, folded):
        claim_text, source_text = (_AGE_OLD.sub(r"\1", text) for text in (claim_text, source_text))
        claim_stems, source_stems = _stems(claim_text), _stems(source_text)
        split = claim_text.split()
        # A source word the claim keeps, as itself or as a synonym ("begun" for "started"), is not the one an
        # opposite replaced ("has begun ... finishing it is delayed" for "has been started ... delay in completion").
        only_source = [
            w for stem, w in source_stems.items() if stem not in claim_stems and not explained_by_synonym(w, split)
        ]
        not_adjectives = {w for w, after in zip(split, split[1:], strict=False) if after in particles}
        not_adjectives |= helping_verbs
        # A word of a group of people the claim names ("social workers") is part of that name, not an adjective.
        not_adjectives |= {w for g in known_words().people_groups if f" {g} " in f" {claim_text} " for w in g.split()}
        for stem, word in claim_stems.items():
            if word in seen or word in not_adjectives or word in _quantifier_words(whole_only=True):
                continue  # "some" for "not all": compared by the quantifier check, as folded
            if any(fold_synonyms(said) == word for said in seen):
                continue  # found as written ("increasing"), not again as folded ("increase")
            swapped = [other for other in only_source if _opposites(word, other)]
            # (An auxiliary is no pole: "has declined", though WordNet opposes have/decline.)
            if (
                swapped
                and stem not in source_stems
                and any(_opposites(word, other) for other in split if other != word and other not in auxiliaries)
            ):
                # The claim says both ("a rise in assessments ... a fall in contacts"): its word of the source's side
                # restates the source's ("reduction in contacts"); the other is about something else.
                swapped = []
            if stem in source_stems:
                # The source has the word, but perhaps elsewhere: it is swapped where the opposite stands among the
                # claim word's own neighbours ("services ... have significantly improved" for "have significantly
                # deteriorated", the sentence's "needs to improve" being another clause).
                swapped = [other for other in swapped if _in_its_place(word, other, claim_text, source_text)]
            if swapped:
                seen.add(word)
                message = f"the claim says “{word}” where the source says “{swapped[0]}”"
                found.append(Alteration("opposite", message, (word,), (swapped[0],)))
    return found + [a for a in _degree_opposites(*written) if not seen & set(a.words)]


def _degree_opposites(claim_text: str, source_text: str) -> list[Alteration]:
    """ "well developed" in the claim where the source says "underdeveloped" or "under developed" (words.toml
    `degree_opposites`): the adverb of one degree before a word the other degree's prefix is joined to."""
    found = []
    claim_words = f" {claim_text} "
    for adverb, prefix in known_words().degree_opposites:
        for said in re.finditer(rf"(?<![a-z']){prefix} ?([a-z]+)", source_text):
            word = said.group(1)
            if f" {adverb} {word} " in claim_words:
                message = f"the claim says “{adverb} {word}” where the source says “{said.group(0)}”"
                found.append(Alteration("opposite", message, (word,), tuple(said.group(0).split())))
    return found


def _neighbours(tokens: list[str], at: int, reach: int = 2) -> set[str]:
    """The content words within `reach` tokens of a position (stop words say nothing about where a word stands)."""
    stop = known_words().stop
    return {t for t in tokens[max(at - reach, 0) : at] + tokens[at + 1 : at + 1 + reach] if t not in stop}


def _in_its_place(word: str, opposite: str, claim: str, source: str, reach: int = 2) -> bool:
    """Whether the source's `opposite` shares more of the claim word's neighbours (within `reach` words) than the
    source's own occurrences of the word do: then the claim put its word where the source has the opposite."""
    claim_tokens, source_tokens = claim.split(), source.split()
    if word not in claim_tokens or opposite not in source_tokens:
        return False
    around = _neighbours(claim_tokens, claim_tokens.index(word), reach)
    own_stem = stems([word])[0]
    own = [i for i, t in enumerate(source_tokens) if stems([t])[0] == own_stem]
    beside_opposite = len(around & _neighbours(source_tokens, source_tokens.index(opposite), reach))
    beside_own = max((len(around & _neighbours(source_tokens, i, reach)) for i in own), default=0)
    return beside_opposite >= 1 and beside_opposite > beside_own


def swapped_opposites(diff: list[DiffOp]) -> list[Alteration]:
    """Opposites the claim puts in place of a source word, one word for one ("higher caseloads" for "lower
    caseloads"), though the sentence has the claim's word elsewhere ("a higher standard")."""
    found = []
    for op in diff:
        claim_words, source_words = words(op.claim_text), words(op.source_text)
        if op.op != "replace" or len(claim_words) != 1 or len(source_words) != 1:
            continue
        if claim_words[0] not in _quantifier_words(whole_only=True) and _opposites(claim_words[0], source_words[0]):
            message = f"the claim says “{claim_words[0]}” where the source says “{source_words[0]}”"
            found.append(Alteration("opposite", message, (claim_words[0],), (source_words[0],)))
    return found[:1]


def universal_unnegated(diff: list[DiffOp]) -> list[Alteration]:
    """ "With all schools" for "with most, but not all, schools": the claim keeps the source's "all" (or "every")
    and drops the negation right before it, so what the source denies of some it says of every one. (Counted as
    quantifiers, the two agree whenever the sentence has another "all".)"""
    known = known_words()
    for before, after in zip(diff, diff[1:], strict=False):
        dropped = words(before.source_text) if before.op in ("delete", "replace") else []
        kept = words(after.source_text) if after.op == "equal" else []
        negated = bool(dropped) and dropped[-1] in known.negators and not known.negators & set(words(before.claim_text))
        if negated and kept and kept[0] in known.universal_determiners:
            message = f"the claim says “{kept[0]}” where the source says “{dropped[-1]} {kept[0]}”"
            return [Alteration("quantifier", message, (kept[0],), (dropped[-1],))]
    return []


# The words on each side of a preference marker that are compared: "opting in" / "opting out".
PREFERENCE_SIDE_WORDS = 2


def swapped_preference(claim: str, source: str) -> list[Alteration]:
    """ "A rather than B" in the source said as "B rather than A" in the claim (markers in words.toml
    `preference_markers`): the claim prefers what the source sets aside."""
    texts = [" ".join(words(text)) for text in (claim, source)]
    for marker in known_words().preference_markers:
        sides = []
        for said in texts:
            at = f" {said} ".find(f" {marker} ")
            if at < 0:
                break
            before, after = said[: max(at - 1, 0)].split(), said[at + len(marker) :].split()
            sides.append((tuple(before[-PREFERENCE_SIDE_WORDS:]), tuple(after[:PREFERENCE_SIDE_WORDS])))
        if len(sides) == 2 and sides[0][0] != sides[0][1] and sides[0] == sides[1][::-1]:
            first, second = (" ".join(side) for side in sides[0])
            message = f"the claim prefers “{first}” to “{second}”; the source the reverse"
            return [Alteration("opposite", message, sides[0][0], sides[1][0])]
    return []


def age_limits(folded: str) -> list[str]:
    """The age ranges a folded text limits itself to ("over 14 years old", "17 to 18 year olds", "aged 16"), and a
    bound right after a group ("care leavers under 21", "children over 5"; not "under 12 months")."""
    found = [match.group(0) for match in age_pattern().finditer(folded)]
    return found + [m.group(2) for m in _group_bound().finditer(folded) if plural_noun(m.group(1))]


def reduce_ages(folded: str) -> str:
    """The folded text without its age ranges."""
    for age in age_limits(folded):
        folded = folded.replace(age, " ")
    return folded


def age_numbers(folded: str) -> set[str]:
    """The figures of a text's numbers and age limits ("under 18s" says 18, as "under the age of 18" does)."""
    cardinals = known_words().cardinals
    return numbers(folded) | {
        figure if figure.isdigit() else str(cardinals[figure])
        for age in age_limits(folded)
        for figure in re.findall(r"\d+|[a-z]+", age)
        if figure.isdigit() or figure in cardinals
    }


@lru_cache(maxsize=1)
def _group_bound() -> re.Pattern:
    """A word, then "under" or "over" and a number, in figures or words, that no unit of time or share follows
    ("leavers under 21", "children under five")."""
    known = known_words()
    units = alternation(tuple(known.time_units) + ("per cent", "percent"))
    bounds = alternation(tuple(known.age_bounds))
    ages = alternation(tuple(word for word, value in known.cardinals.items() if 1 <= value <= 25))
    return re.compile(rf"([a-z']+) ((?:{bounds}) (?:\d{{1,2}}|{ages}))(?![\d%a-z])(?! (?:{units})\b)")


def plural_noun(word: str) -> bool:
    """Whether a word reads as a plural noun, a group of people or things: a word whose base form drops its "-s"
    ("teams"; not "process", "status") or an irregular plural ("children")."""
    regular = word.endswith("s") and word[:-1] in base_forms(word) and "'" not in word
    return (regular or irregular_plural(word)) and word not in english_stop_words()


# "Care leavers who receive a service are ...": "who" right after the subject's noun (no comma between them).
RESTRICTIVE_WORDS = 8  # the most words of such a clause read
_RESTRICTIVE = re.compile(rf"^\W*(?:[\w'’-]+ ){{1,4}}?who ((?:[\w'’-]+ ?){{1,{RESTRICTIVE_WORDS}}})")


def restrictive_clause(text: str) -> str:
    """The restrictive "who" clause of a sentence's subject ("receive a service" in "Care leavers who receive a
    service are well supported"): up to the main clause's auxiliary verb or punctuation, at most eight words; ""
    when there is none."""
    match = _RESTRICTIVE.match(text)
    if not match:
        return ""
    clause = match.group(1).split()
    ends = [at for at, word in enumerate(clause) if at and word.lower() in known_words().auxiliaries]
    return " ".join(clause[: ends[0]] if ends else clause)


def _dropped_limits(
    claim: str, c: str, restated: str, sampled: str, limiting: str, sentence: str
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(message, words) for each limit of the source the claim leaves out, which widens what the claim says:
    the work inspectors saw ("in the cases seen") and conditions ("where possible") in `sampled`; the subject's
    "who" clause of `restated`; an age range and a qualifying clause in `limiting` (quoted from `sentence`)."""
    known = known_words()
    stated = " ".join(words(claim))
    if not known.sample_kept & set(stated.split()):  # "every case they looked at" keeps the limit
        for phrase in sample_limits(" ".join(words(sampled)))[:1]:
            yield (
                f"the source speaks only of the work inspectors saw (“{phrase}”); the claim leaves that out",
                tuple(phrase.split()),
            )
    conditions = tuple((phrase, phrase) for phrase in known.conditions)
    # A claim stating any condition keeps it, in its own words too ("when it's needed" for "when needed").
    # (In any form of its words: "if they need it" for "if needed".)
    kept = _phrases(stated, conditions) or [p for p in known.conditions if _stems(p).keys() <= _stems(stated).keys()]
    # ... or in a clause of its own: "Where care leavers need them, ..." for "..., if required, ...".
    kept = kept or bool(re.search(rf"(?:^|,)\s*(?:{alternation(known.condition_openers)})\b", claim.strip(), re.I))
    for phrase in _phrases(" ".join(words(sampled)), conditions)[:1] if not kept else []:
        yield f"the source says it holds only “{phrase}”; the claim leaves that out", tuple(phrase.split())
    clause = restrictive_clause(restated)
    # A stretch starting inside the subject's "who" clause ("... door services and identified as at risk of harm
    # receive ...") restates the sentence's subject: the whole clause is the group it speaks of.
    whole_clause = restrictive_clause(sentence) if not clause and restated != sentence else ""
    if whole_clause and 0 < sentence.find(restated) < sentence.find(whole_clause) + len(whole_clause):
        clause = whole_clause
    # Each of its conjuncts narrows the group ("who are referred ... and identified as at risk of harm"): the claim
    # keeps the clause only if it keeps a word of each.
    conjuncts = re.split(rf"\b(?:{alternation(known.coordinators)})\b", clause) if clause else []
    # (An age, "aged 16 or 17", is compared as an age below.)
    ageless = [reduce_ages(fold_synonyms(part)) for part in conjuncts]
    said = [{k: v for k, v in content_words(part).items() if not k.isdigit()} for part in ageless]
    if any(part and not part.keys() & _stems(c).keys() for part in said):
        yield f"the source speaks only of those “who {clause}”; the claim leaves that out", ("who",)
    clause, left_out = _relative_tail(restated, sentence, c)
    if clause:
        yield f"the source speaks only of those “{clause}”; the claim leaves out “{left_out}”", tuple(left_out.split())
    ages = age_limits(limiting) + [a for a in age_limits(" ".join(words(sampled))) if a not in limiting]
    for age in [a for a in ages if not age_numbers(a) <= age_numbers(c)][:1]:
        yield f"the source limits it by age (“{age}”); the claim leaves that out", (age,)
    # "However, ..." opening the sentence links it to the one before; it limits nothing in it.
    opening = words(sentence)[:1]
    # "While X, Y" / "Although X, Y" concede X: a claim restating Y alone drops no limit of it. A claim restating X
    # ("the number in care is decreasing, and so is ...") still answers to what the sentence says after it.
    conceded = content_words(fold_synonyms(sentence.split(",", 1)[0]))
    restates = len(conceded.keys() & _stems(c).keys()) * 2 > len(conceded)
    fronted = known.linking | (set(known.concessive) if not restates else set())
    linked = [q for q in opening if q in fronted and limiting.count(q) == 1]
    dropped = [q for q in qualifiers(limiting) if q not in linked] if not qualifiers(c) else []
    # A claim that says every word of the clause, and its negations, keeps it in its own linking words ("... aren't
    # closed to the service; instead they 'step back' when they feel ready" for "..., but 'step back' when they
    # feel ready to"); not one that drops its "not" or a word ("take longer" said as "take less time").
    clause = fold_synonyms(_clause_after(sentence, dropped[0])) if dropped else ""
    clause_words = content_words(clause)
    if clause_words and clause_words.keys() <= _stems(c).keys() and negations(c) >= negations(clause):
        dropped = []
    if dropped:
        quoted = _clause_after(sentence, dropped[0])
        yield f"the source limits what it says (“{quoted}”); the claim leaves that out", tuple(dropped[0].split())


# The most words of a "who" clause's part after the stretch the claim took ("... who go missing" + "from education").
RELATIVE_TAIL_WORDS = 6


def _relative_tail(restated: str, sentence: str, folded_claim: str) -> tuple[str, str]:
    """The whole "who" clause and its words the claim leaves out, when the stretch ends inside the clause and the
    claim keeps none of its words after the stretch ("those children who go missing" of "... who go missing from
    education."): the claim speaks of a wider group. The clause is still open at the stretch's end: no comma or
    auxiliary verb after its "who" (one would start the main clause: "care leavers who receive a service are ...").
    ("", "") otherwise."""
    at = sentence.find(restated)
    if not restated or at < 0 or restated == sentence:
        return "", ""
    known = known_words()
    # The last "who" of the stretch, with no comma before it (", who are deployed to ..." adds, it does not narrow).
    relative = alternation(tuple(known.relative_of_people))
    opened = list(re.finditer(rf"(?<![,;:(])\s(?:{relative})\b((?:(?!\b(?:{relative})\b)[^,;:()])*)$", restated))
    # (nor one longer than a group's clause: "who present as homeless routinely receive a joint assessment from
    # ... and housing" has reached its main verb, unmarked by an auxiliary)
    opened_words = opened[-1].group(1).split() if opened else []
    if (
        not opened
        or len(opened_words) > RESTRICTIVE_WORDS
        or any(w.lower() in known.auxiliaries for w in opened_words[1:])
    ):
        return "", ""
    tail = re.split(r"[,.;:!?()–—]", sentence[at + len(restated) :], maxsplit=1)[0].split()
    # (A tail opening with "to" may be the main verb's purpose: "... who live in X to help them progress".)
    if not tail or len(tail) > RELATIVE_TAIL_WORDS or tail[0].lower() in known.clause_breaks | known.purpose_openers:
        return "", ""
    said = content_words(fold_synonyms(" ".join(tail))).keys()
    if not said or said & content_words(folded_claim).keys():
        return "", ""
    return " ".join((opened[-1].group(0) + " " + " ".join(tail)).split()), " ".join(tail)


def sample_limits(text: str) -> list[str]:
    """The phrases of `text` (lower-case words) that limit a finding to the work inspectors saw, longest first."""
    return _phrases(text, tuple((phrase, phrase) for phrase in known_words().sample_limits))


# The most words a quantifier phrase has ("a small number of").
QUANTIFIER_WORDS = 4


def _fronted(sentence: str, source: str, folded_claim: str, max_words: int = 12) -> str:
    """The opening of the sentence before `source` that limits what the claim took: a short opening phrase ("In
    most recent cases seen by inspectors,", "For most, but not all children, there has been"), or a longer one
    the claim restates too (its content words are the claim's: "Most children now have a consistent social
    worker, providing ..." for a claim that says children have one); else "". When the part after the last "and"
    or "or" has a quantifier of its own, only that part counts: what comes before it is a clause of its own."""
    at = sentence.find(source)
    # Of a unit of two sentences, only the opening of the sentence the stretch is in limits it.
    prefix = re.split(r"(?<=[.!?])\s+", sentence[:at])[-1] if at > 0 else ""
    # "Not all children are well served and a small number ...": a clause after "and" with a quantifier of its own
    # is governed by it, not by the clause before ("Most children ... for trusting relationships and for ..." is).
    joins = [m.end() for m in re.finditer(r"[a-z]+", prefix.lower()) if m.group(0) in known_words().coordinators]
    own = prefix[joins[-1] :] if joins else ""
    # (The quantifier may open the stretch itself: "... and" + "a small number of children do not ...".)
    clause = own + " " + " ".join(source.split()[:QUANTIFIER_WORDS])
    prefix = own if joins and _phrases(fold_synonyms(clause), known_words().quantifiers) else prefix
    if len(prefix.split()) <= max_words or _opens_relative_clause(prefix):
        return prefix
    restated = content_words(fold_synonyms(prefix)).keys() & content_words(folded_claim).keys()
    return prefix if len(restated) >= RESTATED_WORDS else ""


def fronted_condition(text: str, folded_claim: str) -> str:
    """A condition fronted before a main clause the claim restates ("Where families access targeted programmes,"
    before "this is making a positive difference to children's lives") when the claim does not restate the
    condition itself; else ""."""
    claim_words, known = content_words(folded_claim).keys(), known_words()
    for statement in re.split(r"(?<=[.!?])\s+", text):
        opening = re.match(r"^\W*(?:\d{1,3}\.\s*)?([A-Za-z]+)\b([^,;:]{3,160}),(.+)$", statement.strip(), re.DOTALL)
        if not opening:
            continue
        opener = opening.group(1).lower()
        # "For children who are appropriately referred, ...", "For those going to university, ...": a group narrowed
        # by a relative clause or named by a pronoun that stands for a narrowed group.
        group = [w.lower() for w in re.findall(r"[A-Za-z]+", opening.group(2))]
        narrowed = bool(known.relative & set(group)) or (bool(group) and group[0] in known.narrowed_pronouns)
        # "For newly referred children, ...": a group of people with a word of its own before it.
        # (A quantifier is no such word: "For the majority of children" is compared as a quantifier.)
        people = next((g.split() for g in known.people_groups if group[-len(g.split()) :] == g.split()), None)
        modifying: set[str] = set()  # the words that narrow the group ("younger" of "For younger care leavers")
        if people and not narrowed:
            modifiers = _fold_not_all(fold_synonyms(" ".join(group[: -len(people)])))
            for phrase, _ in known.quantifiers:
                modifiers = re.sub(rf"(?<![a-z0-9']){re.escape(phrase)}(?![a-z0-9'])", " ", modifiers)
            modifying = set(content_words(modifiers).keys())
            narrowed = bool(set(modifiers.split()) - english_stop_words())
        restricting_for = opener == "for" and narrowed
        # "In stronger examples, ...": some of the cases (a quantifier's phrase, "In most cases", "In all cases", is
        # compared as a quantifier).
        some_cases = (
            opener == "in"
            and bool(group)
            and group[-1] in known.case_nouns
            and not _phrases(_fold_not_all(fold_synonyms(" ".join(group))), known.quantifiers)
        )
        # "When children are already in receipt of a service, ...": a time clause about a group of people.
        timed_group = opener in known.time_condition_openers and any(
            group[: len(g.split())] == g.split() for g in known.people_groups
        )
        if opener not in known.condition_openers and not restricting_for and not some_cases and not timed_group:
            continue
        if timed_group and re.match(rf"\W*(?:{alternation(tuple(known.time_condition_openers))})\b", folded_claim):
            continue  # the claim opens with a time clause of its own ("once children come into care, ...")
        condition = content_words(fold_synonyms(opening.group(1) + opening.group(2))).keys()
        main = fold_synonyms(opening.group(3))
        # The claim restates the condition with two of its words, or all of a shorter one's ("going to university"),
        # and with the words that narrow its group: "care leavers" does not restate "For younger care leavers".
        restated = len(condition & claim_words) >= min(RESTATED_WORDS, max(len(condition), 1)) and modifying <= set(
            claim_words
        )
        if len(content_words(main).keys() & claim_words) >= RESTATED_WORDS and not restated:
            return " ".join((opening.group(1) + opening.group(2)).split())
    return ""


def _opening_quantifiers(sentence: str, folded_claim: str) -> set[str]:
    """The quantifiers of a sentence's opening phrase (up to its first comma, at most `OPENING_WORDS` words: "Some
    aspects of practice, such as ...") when the claim restates that opening (shares a
    content word with it): they limit the whole sentence, so a paraphrase of it must keep them."""
    opening = re.split(r"[,;:(]", sentence, maxsplit=1)[0].split()[:OPENING_WORDS]
    folded = _fold_not_all(fold_synonyms(" ".join(opening)))
    if not content_words(folded).keys() & content_words(folded_claim).keys():
        return set()
    return set(_phrases(folded, known_words().quantifiers))


def _opens_relative_clause(prefix: str) -> bool:
    """Whether the stretch after `prefix` is a relative clause of it ("... some areas of the service, such as ...,
    where"): then all of the prefix is the head the clause is said of, however long."""
    last = re.findall(r"[a-z]+", prefix.lower())[-1:]
    return bool(last) and last[0] in known_words().relative


def _following(sentence: str, source: str, extra_words: int) -> str:
    """`source` (a stretch of `sentence`) and the first few words after it in the sentence."""
    at = sentence.find(source)
    if at < 0:
        return sentence
    after = sentence[at + len(source) :].split()
    return " ".join([source, *after[:extra_words]])


@lru_cache(maxsize=100_000)
def _opposites(a: str, b: str) -> bool:
    """Opposites, also through the domain's words of the same meaning: "consistent" is the opposite of
    "variable" because the vocabulary makes "variable" mean "inconsistent". Numbers are never opposites (WordNet
    opposes the cardinal "one" to the ordinal "third"): the number check compares them."""
    if _is_number_word(a) or _is_number_word(b):
        return False
    return any(are_opposites(a, form) for form in _same_meaning(b))


def _is_number_word(word: str) -> bool:
    known = known_words()
    return (
        _count(word.rstrip("%")) is not None
        or bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", word))
        or word in known.fractions
        or word in known.ordinals
    )


@lru_cache(maxsize=1)
def _one_word_forms() -> dict[str, tuple[str, ...]]:
    """canonical form -> the one-word forms the folding table gives it."""
    forms: dict[str, list[str]] = {}
    for form, canonical in _synonym_pattern()[1].items():
        if " " not in form:
            forms.setdefault(canonical, []).append(form)
    return {canonical: tuple(group) for canonical, group in forms.items()}


def _same_meaning(word: str) -> tuple[str, ...]:
    """The word and the one-word forms the domain vocabulary gives the same meaning."""
    canonical = _synonym_pattern()[1].get(word, word)
    return (word, *(form for form in _one_word_forms().get(canonical, ()) if form != word))


def _clause_after(text: str, marker: str) -> str:
    """The qualifying clause of `text` that starts at `marker` (to the end of the sentence), whitespace folded."""
    match = re.search(r"(?<![\w'])" + r"\W+".join(map(re.escape, marker.split())) + r"(?![\w'])", text, re.IGNORECASE)
    if not match:
        return marker
    clause = " ".join(text[match.start() :].split()).rstrip(".;:!? ")
    return clause if len(clause) <= 120 else clause[:117] + "..."


@lru_cache(maxsize=2)  # both forms: `content_words` and the opposite check alternate between them
def _quantifier_words(whole_only: bool = False) -> frozenset[str]:
    """Words of the quantifier phrases: the quantifier check compares them, so they are not swaps to explain. With
    `whole_only`, the one-word quantifiers only: "small" of "a small number" may still be swapped for its opposite
    ("a small minority" for "a large minority")."""
    phrases = [phrase.split() for phrase, _ in classed_quantifiers()]
    return frozenset(word for phrase in phrases if len(phrase) == 1 or not whole_only for word in phrase)


def content_words(folded: str) -> dict[str, str]:
    """stem -> word for the words of a folded text that carry meaning: not stop words, hedges, quantifiers or
    numbers (the explicit checks cover negators, quantifiers, numbers and "only")."""
    known = known_words()
    # (relative pronouns are function words too: "whose cases inspectors looked at" for "looked at during the visit")
    ignore = known.stop | known.hedges | known.phrasing | known.relative | _quantifier_words()
    found = {}
    for stem, word in _stems(folded).items():
        bare = word.removesuffix("'s")  # "ofsted's" says no more than "ofsted"
        if word in ignore or bare in ignore or word.isdigit() or len(word) < 3 or numbers(word):
            continue
        found[stem] = word
    return found


def unexplained(claim: str, source: str) -> tuple[list[str], list[str]]:
    """The claim's content words no word of the source explains (by stem after domain synonyms are folded, or as
    a WordNet synonym), and the source's content words the claim does not have. A word with a negating prefix is
    explained by "not" and its stem ("unaware" by "not aware"), either way round."""
    claim, source = _negated_as_prefixed(claim, source), _negated_as_prefixed(source, claim)
    c_folded, s_folded = fold_synonyms(claim), fold_synonyms(source)
    # A word that stands in the source as written is explained, though folding made it part of another form ("interview"
    # beside "return home interviews", folded to the abbreviation).
    return _not_in(c_folded, f"{s_folded} {' '.join(words(source))}"), _not_in(s_folded, c_folded)


def _not_in(folded: str, other: str) -> list[str]:
    """The content words of `folded` that no word of `other` explains: the same stem (irregular forms included:
    "met" / "meet") or a WordNet synonym."""
    other_stems, other_words = _with_irregular(other), other.split()
    return [
        word
        for stem, word in content_words(folded).items()
        if stem not in other_stems
        and not (_with_irregular(word) & other_stems)
        and not explained_by_synonym(word, other_words)
        and not (word in _contrast_words() and _phrases(other, _contrast_table()))
    ]


@lru_cache(maxsize=1)
def _contrast_words() -> frozenset[str]:
    """Words opening a contrasting or qualifying clause ("although", "though", "except", "despite", "however"):
    one stands for another, since which clause qualifies what is compared by the qualifier checks."""
    known = known_words()
    return frozenset(known.qualifying) | known.linking | frozenset(known.concessive)


@lru_cache(maxsize=1)
def _contrast_table() -> tuple[tuple[str, str], ...]:
    return tuple((phrase, phrase) for phrase in _contrast_words())


def _with_irregular(folded: str) -> set[str]:
    """The stems of a text's words and of the base forms of its irregular ones ("met" -> "meet")."""
    words_ = folded.split()
    bases = [base for word in words_ for base in irregular_bases(word)]
    return set(_stems(" ".join(words_ + bases)))
