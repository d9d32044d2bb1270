"""Generate the opposite-word table from the WordNet 3.0 database files.

Usage::

    .venv/bin/python -m assistant.domain.build_opposites [/usr/share/wordnet] [--out assistant/domain/opposites.tsv]

Reads WordNet's ``data.*`` and ``index.*`` files with a small parser of the wndb(5) format (no nltk, no
network) and writes two tab-separated tables next to each other:

* ``opposites.tsv`` -- ``word<TAB>opposite<TAB>pos<TAB>source``, one unordered pair per line (``word < opposite``).
* ``not_opposites.tsv`` -- ``word<TAB>other<TAB>pos<TAB>relation``: pairs that *look* like opposites by
  prefix/suffix morphology (``valuable``/``invaluable``, ``flammable``/``inflammable``) but which WordNet lists
  as synonyms (same synset) or similar (similar-to). The loader uses it to veto the morphological fallback.

Only the standard library is used; the product reads the generated tables, never WordNet itself.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.domain.opposites import (
    MIN_MORPH_STEM,
    NEGATING_PREFIXES,
    PREFIX_PAIRS,
    SUFFIX_PAIRS,
    morphological_opposites,
)

DEFAULT_WORDNET_DIR = Path("/usr/share/wordnet")
DEFAULT_OUT = Path(__file__).with_name("opposites.tsv")
NOT_OPPOSITES_NAME = "not_opposites.tsv"
SYNONYMS_NAME = "synonyms.tsv"
INFLECTIONS_NAME = "inflections.tsv"
DERIVATION_HOPS = 2  # improve ! worsen -> worsening (1 hop) -> deteriorate (2 hops); 3 hops reach unrelated senses
FIRST_SENSES = 2  # opposites are carried along the first two (most frequent) senses of each word
# A synonym pair shares one of the first six senses of each word (fifth session: two left "fallen"/"reduced"-like
# honest swaps unexplained; three explained three more claims of the spent sets; tenth session: six explained seven
# more of the 1,799 spent national claims and let no altered claim pass; every sense was measured in the eighth).
SYNONYM_SENSES = 6
PERSON_LEXFILE = 18  # noun.person

# WordNet file suffix -> the pos tag written to the table.
POS_FILES = {"adj": "a", "adv": "r", "noun": "n", "verb": "v"}
POS_ORDER = ("a", "r", "v", "n", "-")
MIN_LEN = 3


@dataclass
class Synset:
    """One line of a WordNet ``data.*`` file (only what the table needs)."""

    offset: int
    pos: str  # n, v, a, s (adjective satellite) or r
    words: list[str]
    # (symbol, target offset, target pos, source word number (1-based, 0 = whole synset), target word number)
    pointers: list[tuple[str, int, str, int, int]] = field(default_factory=list)
    lexfile: int = 0  # WordNet's lexicographer file (18: noun.person)

    @property
    def base_pos(self) -> str:
        """The pos with satellites folded into adjectives."""
        return "a" if self.pos == "s" else self.pos


def _clean_lemma(raw: str) -> str:
    """Lower-case a data-file lemma and drop the adjective syntactic marker, e.g. ``galore(ip)``."""
    if raw.endswith(")") and "(" in raw:
        raw = raw[: raw.index("(")]
    return raw.lower()


def parse_data_line(line: str) -> Synset | None:
    """Parse one ``data.*`` line per wndb(5); return None for the licence header lines."""
    if line.startswith(" ") or not line.strip():
        return None
    head = line.split(" | ", 1)[0].split()
    offset, lexfile, pos = int(head[0]), int(head[1]), head[2]
    w_cnt = int(head[3], 16)
    words = [_clean_lemma(head[4 + 2 * i]) for i in range(w_cnt)]
    i = 4 + 2 * w_cnt
    p_cnt = int(head[i])
    i += 1
    pointers = []
    for _ in range(p_cnt):
        symbol, target, target_pos, source_target = head[i : i + 4]
        i += 4
        target_pos = "a" if target_pos == "s" else target_pos
        pointers.append((symbol, int(target), target_pos, int(source_target[:2], 16), int(source_target[2:], 16)))
    return Synset(offset, pos, words, pointers, lexfile)


def read_synsets(wordnet_dir: Path) -> dict[tuple[str, int], Synset]:
    """All synsets keyed by (base pos, offset); satellites are keyed under ``a``."""
    synsets: dict[tuple[str, int], Synset] = {}
    for suffix in POS_FILES:
        with open(wordnet_dir / f"data.{suffix}", encoding="utf-8") as handle:
            for line in handle:
                synset = parse_data_line(line)
                if synset is not None:
                    synsets[(synset.base_pos, synset.offset)] = synset
    return synsets


def read_senses(wordnet_dir: Path) -> dict[str, dict[str, tuple[list[int], int]]]:
    """``pos -> lemma -> (its synset offsets, most frequent first; how many are tagged senses)`` from index.*."""
    senses: dict[str, dict[str, tuple[list[int], int]]] = {}
    for suffix, pos in POS_FILES.items():
        per_pos: dict[str, tuple[list[int], int]] = {}
        with open(wordnet_dir / f"index.{suffix}", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(" "):
                    continue
                fields = line.split()
                lemma, synset_cnt, p_cnt = fields[0], int(fields[2]), int(fields[3])
                offsets = [int(x) for x in fields[6 + p_cnt : 6 + p_cnt + synset_cnt]]
                per_pos[lemma.lower()] = (offsets, int(fields[5 + p_cnt]))
        senses[pos] = per_pos
    return senses


def tagged_senses(senses: dict[str, dict[str, tuple[list[int], int]]]) -> dict[str, dict[str, set[int]]]:
    """``pos -> lemma -> offsets of the senses with a semantic-concordance frequency count`` (the first
    ``tagsense_cnt`` of the lemma's senses)."""
    return {pos: {lemma: set(offsets[:tagged]) for lemma, (offsets, tagged) in per_pos.items()}
            for pos, per_pos in senses.items()}  # fmt: skip


def first_senses(
    senses: dict[str, dict[str, tuple[list[int], int]]], count: int = FIRST_SENSES
) -> dict[str, dict[str, set[int]]]:
    """``pos -> lemma -> offsets of its first `count` (most frequent) senses``."""
    return {pos: {lemma: set(offsets[:count]) for lemma, (offsets, _) in per_pos.items()}
            for pos, per_pos in senses.items()}  # fmt: skip


def synonym_pairs(
    synsets: dict[tuple[str, int], Synset], first: dict[str, dict[str, set[int]]], opposites: dict[Pair, str]
) -> dict[Pair, str]:
    """Members of one synset that is among the most frequent senses of both words ("help"/"assist",
    "suitable"/"appropriate" are; "good"/"full" share only a rare sense and are not). Opposite pairs never."""
    opposed = {(a, b) for a, b, _pos in opposites}
    pairs: dict[Pair, str] = {}
    for synset in synsets.values():
        pos = synset.base_pos
        members = [w for w in synset.words if synset.offset in first[pos].get(w, ())]
        for pair in _cross(members, members, pos):
            if pair[:2] not in opposed:
                pairs[pair] = "synset"
    return pairs


def broader_pairs(synsets: dict[tuple[str, int], Synset], first: dict[str, dict[str, set[int]]]) -> dict[Pair, str]:
    """(verb, broader verb): the broader verb names the direct hypernym of one of the word's most frequent senses,
    and that is one of its own ("supported" is a kind of "helped"). Ordered: a claim may say the broader word
    where its source says the narrower one, never the reverse."""
    pairs: dict[Pair, str] = {}
    for synset in synsets.values():
        pos = synset.base_pos
        for symbol, target, target_pos, _src, _dst in synset.pointers:
            if symbol != "@" or target_pos != pos or pos != "v":  # verbs: nouns would triple the table
                continue
            broader = synsets[(target_pos, target)]
            for word in synset.words:
                if not usable(word) or synset.offset not in first[pos].get(word, ()):
                    continue
                for other in broader.words:
                    if usable(other) and other != word and broader.offset in first[pos].get(other, ()):
                        pairs[(word, other, pos)] = "hypernym"
    return pairs


def derived_pairs(synsets: dict[tuple[str, int], Synset], first: dict[str, dict[str, set[int]]]) -> dict[Pair, str]:
    """(word, other) joined by WordNet's derivation link (+) between a verb or adjective and a noun, each in one of
    the other's most frequent senses ("decide"/"decision", "intervene"/"intervention", "aware"/"awareness"): one
    names the act or state the other says. Not a noun for a person ("employ"/"employer", "adopt"/"adopter"): the
    doer is not the deed."""
    pairs: dict[Pair, str] = {}
    for synset in synsets.values():
        pos = synset.base_pos
        if pos not in ("v", "a"):
            continue
        for symbol, target, target_pos, source_word, target_word in synset.pointers:
            if symbol != "+" or target_pos != "n" or not source_word or not target_word:
                continue
            noun = synsets[(target_pos, target)]
            if noun.lexfile == PERSON_LEXFILE:
                continue
            word, other = synset.words[source_word - 1], noun.words[target_word - 1]
            if (
                usable(word)
                and usable(other)
                and word != other
                and synset.offset in first[pos].get(word, ())
                and noun.offset in first["n"].get(other, ())
            ):
                pairs[(word, other, "-")] = "derived"
    return pairs


def irregular_forms(wordnet_dir: Path) -> dict[Pair, str]:
    """(inflected, base, pos) from WordNet's exception lists (``verb.exc``: rose -> rise, fell -> fall;
    ``adj.exc``: worse -> bad), which suffix stripping cannot find."""
    rows: dict[Pair, str] = {}
    for suffix, pos in POS_FILES.items():
        with open(wordnet_dir / f"{suffix}.exc", encoding="utf-8") as handle:
            for line in handle:
                inflected, *bases = line.split()
                for base in bases:
                    if usable(inflected) and usable(base) and inflected != base:
                        rows[(inflected, base, pos)] = "exception"
    return rows


def usable(word: str) -> bool:
    """Single lower-case words of at least three letters (no collocations, digits or punctuation)."""
    return len(word) >= MIN_LEN and word.isalpha() and word.isascii()


Pair = tuple[str, str, str]  # (word, other, pos) with word < other


def _pair(a: str, b: str, pos: str) -> Pair | None:
    if a == b or not (usable(a) and usable(b)):
        return None
    return (a, b, pos) if a < b else (b, a, pos)


def _cross(left: Iterable[str], right: Iterable[str], pos: str) -> Iterator[Pair]:
    right = list(right)
    for a in left:
        for b in right:
            pair = _pair(a, b, pos)
            if pair is not None:
                yield pair


def related_pairs(synsets: dict[tuple[str, int], Synset]) -> dict[Pair, str]:
    """Pairs WordNet calls the same or alike: members of one synset ("synonym") or similar-to ("similar")."""
    related: dict[Pair, str] = {}
    for synset in synsets.values():
        pos = synset.base_pos
        for pair in _cross(synset.words, synset.words, pos):
            related[pair] = "synonym"
        for symbol, target, target_pos, _src, _dst in synset.pointers:
            if symbol == "&":
                for pair in _cross(synset.words, synsets[(target_pos, target)].words, pos):
                    related.setdefault(pair, "similar")
    return related


def opposite_pairs(
    synsets: dict[tuple[str, int], Synset],
    tagged: dict[str, dict[str, set[int]]],
    frequent: dict[str, dict[str, set[int]]],
) -> dict[Pair, str]:
    """Derive the opposite pairs and the strongest source for each.

    Sources, strongest first: ``antonym`` (a lexical antonym pointer between the two lemmas, or a semantic one
    between their synsets), ``antonym-synset`` (other members of two synsets joined by an antonym pointer),
    ``similar-head`` (an adjective satellite of head A against head B, the antonym of A), ``similar-satellite``
    (a satellite of A against a satellite of B). The two similar-* sources only keep satellite senses that are
    tagged senses of their lemma (see :func:`tagged_senses`), which keeps the expansion precise and small.
    """
    rank = {"antonym": 0, "antonym-synset": 1, "similar-head": 2, "similar-satellite": 3, "derived": 4}
    found: dict[Pair, str] = {}

    def add(pairs: Iterable[Pair], source: str) -> None:
        for pair in pairs:
            if pair not in found or rank[source] < rank[found[pair]]:
                found[pair] = source

    satellites: dict[int, list[Synset]] = defaultdict(list)
    for synset in synsets.values():
        if synset.pos == "s":
            for symbol, target, _tpos, _src, _dst in synset.pointers:
                if symbol == "&":
                    satellites[target].append(synset)

    def tagged_words(synset: Synset) -> list[str]:
        per_pos = tagged["a"]
        return [w for w in synset.words if synset.offset in per_pos.get(w, ())]

    antonym_heads: set[tuple[int, int]] = set()
    antonym_synsets: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    for synset in synsets.values():
        pos = synset.base_pos
        for symbol, target, target_pos, src, dst in synset.pointers:
            if symbol != "!" or target_pos != pos:
                continue
            other = synsets[(target_pos, target)]
            antonym_synsets.add(((pos, synset.offset), (target_pos, target)))
            if src and dst:
                add(_cross([synset.words[src - 1]], [other.words[dst - 1]], pos), "antonym")
                add(_cross(synset.words, other.words, pos), "antonym-synset")
            else:
                add(_cross(synset.words, other.words, pos), "antonym")
            if synset.pos == "a" and other.pos == "a":
                antonym_heads.add((synset.offset, other.offset))

    for head_a, head_b in antonym_heads:
        b_words = synsets[("a", head_b)].words
        sats_b = [w for sat in satellites[head_b] for w in tagged_words(sat)]
        for sat in satellites[head_a]:
            words = tagged_words(sat)
            add(_cross(words, b_words, "a"), "similar-head")
            add(_cross(words, sats_b, "a"), "similar-satellite")

    for one, other in antonym_synsets:
        left, right = derived_family(synsets, frequent, synsets[one]), derived_family(synsets, frequent, synsets[other])
        for pos in POS_FILES.values():
            shared = left[pos] & right[pos]
            add(_cross(left[pos] - shared, right[pos] - shared, pos), "derived")
    return found


def derived_family(
    synsets: dict[tuple[str, int], Synset], frequent: dict[str, dict[str, set[int]]], start: Synset
) -> dict[str, set[str]]:
    """``pos -> words`` derived from ``start``'s words: a derivation link (+) from one of them, with the target's
    synset-mates, then one more link from those words back to ``start``'s pos (worsen -> worsening, with its mate
    deterioration -> deteriorate).
    A word is kept only where the synset is one of its most frequent senses; links are followed word to word,
    so a rare sense of a mate does not bring its whole family."""

    def frequent_words(synset: Synset) -> list[int]:
        return [i for i, w in enumerate(synset.words, 1) if synset.offset in frequent[synset.base_pos].get(w, ())]

    def links(synset: Synset, numbers: list[int]) -> Iterator[tuple[Synset, int]]:
        for symbol, target, target_pos, src, dst in synset.pointers:
            if symbol == "+" and src in numbers:
                yield synsets[(target_pos, target)], dst

    family: dict[str, set[str]] = defaultdict(set)
    first_hop: list[tuple[Synset, list[int]]] = []
    for synset, number in links(start, frequent_words(start)):
        mates = frequent_words(synset)
        if number in mates:
            first_hop.append((synset, mates))
            family[synset.base_pos].update(synset.words[i - 1] for i in mates)
    for synset, numbers in first_hop:
        for target, number in links(synset, numbers):
            if target.base_pos == start.base_pos and number in frequent_words(target):
                family[target.base_pos].add(target.words[number - 1])
    family[start.base_pos].update(start.words[i - 1] for i in frequent_words(start))
    return family


def morphological_variants(word: str) -> set[str]:
    """Words that the loader's prefix/suffix morphology would call opposite to ``word`` (guarded as it is)."""
    variants: set[str] = set()
    if len(word) >= MIN_MORPH_STEM:
        variants.update(prefix + word for prefix in NEGATING_PREFIXES)
    for left, right in PREFIX_PAIRS:
        for one, two in ((left, right), (right, left)):
            if word.startswith(one) and len(word) - len(one) >= MIN_MORPH_STEM:
                variants.add(two + word[len(one) :])
    for left, right in SUFFIX_PAIRS:
        for one, two in ((left, right), (right, left)):
            if word.endswith(one) and len(word) - len(one) >= MIN_MORPH_STEM:
                variants.add(word[: -len(one)] + two)
    return variants


def morphological_exceptions(
    synsets: dict[tuple[str, int], Synset], related: dict[Pair, str], opposites: dict[Pair, str]
) -> dict[Pair, str]:
    """Pairs the loader's morphology would wrongly call opposite.

    * ``synonym`` / ``similar``: WordNet lists the two words in one synset or as similar-to
      (``flammable``/``inflammable``, ``valuable``/``invaluable``);
    * ``different-pos`` (pos ``-``): both words are WordNet lemmas but never in the same part of speech, so the
      affix is not a negation of the word (``spire``/``inspire``, ``ward``/``inward``, ``doubtful``/``doubtless``).
      ``un-`` and ``non-`` are left out of this rule: they negate participles and nouns productively
      (``feeling``/``unfeeling``, ``ending``/``unending``).
    """
    exceptions: dict[Pair, str] = {}
    for (a, b, pos), relation in related.items():
        if (a, b, pos) in opposites:
            continue
        if morphological_opposites(a, b):
            exceptions[(a, b, pos)] = relation
    lemma_pos: dict[str, set[str]] = defaultdict(set)
    for synset in synsets.values():
        for word in synset.words:
            if usable(word):
                lemma_pos[word].add(synset.base_pos)
    for word, pos_set in lemma_pos.items():
        for variant in morphological_variants(word):
            if variant.startswith(("un", "non")) and variant.endswith(word):
                continue
            if variant in lemma_pos and not pos_set & lemma_pos[variant]:
                a, b = sorted((word, variant))
                exceptions[(a, b, "-")] = "different-pos"
    return exceptions


def _sort_key(item: tuple[Pair, str]) -> tuple[str, str, int]:
    (a, b, pos), _source = item
    return a, b, POS_ORDER.index(pos)


def _write(path: Path, header: list[str], rows: dict[Pair, str]) -> None:
    lines = [f"# {text}".rstrip() for text in header]
    lines += ["\t".join((a, b, pos, source)) for (a, b, pos), source in sorted(rows.items(), key=_sort_key)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


NOTICE = [
    "Derived from WordNet 3.0, Copyright 2006 by Princeton University. All rights reserved.",
    "Used and redistributed under the WordNet 3.0 licence; see WORDNET_LICENSE.txt next to this file.",
    "WordNet is provided AS IS; Princeton University makes no representations or warranties.",
]


def build(wordnet_dir: Path, out: Path) -> dict[str, dict[str, int]]:
    """Write ``out`` and ``not_opposites.tsv`` beside it; return counts by pos for both tables."""
    synsets = read_synsets(wordnet_dir)
    senses = read_senses(wordnet_dir)
    tagged = tagged_senses(senses)
    related = related_pairs(synsets)
    first = first_senses(senses)
    opposites = {pair: src for pair, src in opposite_pairs(synsets, tagged, first).items() if pair not in related}
    exceptions = morphological_exceptions(synsets, related, opposites)

    _write(
        out,
        [
            "Opposite word pairs: word<TAB>opposite<TAB>pos<TAB>source (pos: a adjective, r adverb, v verb, n noun).",
            "Generated by `python -m assistant.domain.build_opposites` from the WordNet 3.0 data.* and index.* files;",
            "do not edit by hand. Each unordered pair appears once per pos with word < opposite; base lemmas only",
            "(single lower-case words of 3+ letters, no inflections). Sources, strongest kept:",
            "  antonym            WordNet antonym pointer (!) between the two lemmas (or their synsets)",
            "  antonym-synset     other members of two synsets joined by an antonym pointer",
            "  similar-head       adjective satellite (&) of head A against head B, the antonym of A",
            "  similar-satellite  satellite of A against satellite of B",
            "  derived            words within two derivation links (+) of two antonym synsets, same pos",
            "                     (improvement/deterioration from improve/worsen; tagged senses only)",
            "The similar-* expansion keeps only satellite senses that are tagged senses of their lemma",
            "(within the lemma's tagsense_cnt in index.adj), to stay precise and small.",
            "Pairs WordNet also lists as synonyms (same synset) or similar (&) are left out.",
            *NOTICE,
        ],
        opposites,
    )
    _write(
        out.with_name(NOT_OPPOSITES_NAME),
        [
            "Not opposites: word<TAB>other<TAB>pos<TAB>relation -- pairs that look like opposites by prefix/suffix",
            "morphology (un-/in-/im-/il-/ir-/non-/dis-/mis-, under-/over-, -less/-ful) but which WordNet lists as",
            "synonyms (same synset) or similar (&), e.g. valuable/invaluable, flammable/inflammable, or which are",
            "both WordNet lemmas but never in the same part of speech (pos -, relation different-pos; not applied to",
            "un-/non-, which negate participles and nouns productively), e.g. spire/inspire, doubtful/doubtless.",
            "Generated by `python -m assistant.domain.build_opposites` together with opposites.tsv; do not edit.",
            *NOTICE,
        ],
        exceptions,
    )
    common = first_senses(senses, SYNONYM_SENSES)
    synonyms = synonym_pairs(synsets, common, opposites)
    synonyms.update(broader_pairs(synsets, common))
    synonyms.update(derived_pairs(synsets, first))
    _write(
        out.with_name(SYNONYMS_NAME),
        [
            "Synonyms: word<TAB>other<TAB>pos<TAB>relation. synset: two words of one WordNet synset that is among",
            f"the first {SYNONYM_SENSES} (most frequent) senses of both, so one may stand for the other in a claim",
            "(help/assist, hard/difficult); opposite pairs are left out. hypernym: `other` names the direct hypernym",
            "of one of the first senses of `word` (support -> help), so a claim may say `other` for `word` only.",
            f"derived (pos -): a verb or adjective and the noun WordNet derives from it, in the first {FIRST_SENSES}",
            "senses of both (decide/decision, aware/awareness), not a noun for a person (employ/employer).",
            "Generated by",
            "`python -m assistant.domain.build_opposites` together with opposites.tsv; do not edit.",
            *NOTICE,
        ],
        synonyms,
    )
    inflections = irregular_forms(wordnet_dir)
    _write(
        out.with_name(INFLECTIONS_NAME),
        [
            "Irregular inflections: inflected<TAB>base<TAB>pos<TAB>source, from WordNet's exception lists (*.exc),",
            "for the forms suffix stripping cannot find (rose -> rise, fell -> fall, worse -> bad).",
            "Generated by `python -m assistant.domain.build_opposites` together with opposites.tsv; do not edit.",
            *NOTICE,
        ],
        inflections,
    )
    counts: dict[str, dict[str, int]] = {"opposites": {}, "not_opposites": {}, "synonyms": {}, "inflections": {}}
    for name, rows in (
        ("opposites", opposites),
        ("not_opposites", exceptions),
        ("synonyms", synonyms),
        ("inflections", inflections),
    ):
        for pos in POS_ORDER:
            counts[name][pos] = sum(1 for (_a, _b, p) in rows if p == pos)
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wordnet_dir", nargs="?", type=Path, default=DEFAULT_WORDNET_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.wordnet_dir / "data.adj").is_file():
        parser.error(f"no WordNet data files in {args.wordnet_dir} (apt-get install wordnet-base)")
    counts = build(args.wordnet_dir, args.out)
    for name, per_pos in counts.items():
        total = sum(per_pos.values())
        detail = ", ".join(f"{pos}={n}" for pos, n in per_pos.items() if n)
        print(f"{name}: {total} pairs ({detail})", file=sys.stderr)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
