"""The WordNet-derived opposite-word table and its loader (no model, no WordNet needed except for regeneration)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain import opposites
from assistant.domain.opposites import NOT_OPPOSITES_PATH, OPPOSITES_PATH, are_opposites, base_forms, load_opposites
from assistant.domain.synonyms import SYNONYMS_PATH, explained_by_synonym

WORDNET_DIR = Path("/usr/share/wordnet")
POS_TAGS = {"a", "r", "v", "n"}


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


def test_shipped_table_parses_and_is_well_formed() -> None:
    rows = _rows(OPPOSITES_PATH)
    assert len(rows) > 10_000
    assert OPPOSITES_PATH.stat().st_size < 5_000_000
    sources = {"antonym", "antonym-synset", "similar-head", "similar-satellite", "derived"}
    for row in rows:
        assert len(row) == 4, row
        word, other, pos, source = row
        assert word < other and pos in POS_TAGS and source in sources, row
        assert word.isalpha() and word.islower() and len(word) >= 3, row
        assert other.isalpha() and other.islower() and len(other) >= 3, row
    keys = [(w, o, p) for w, o, p, _ in rows]
    assert len(keys) == len(set(keys))
    assert all(len(row) == 4 for row in _rows(NOT_OPPOSITES_PATH))


def test_tables_carry_the_wordnet_notice() -> None:
    for path in (OPPOSITES_PATH, NOT_OPPOSITES_PATH):
        header = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
        assert "WordNet 3.0" in header and "Princeton University" in header
        assert "licence" in header.lower() and "build_opposites" in header
    licence = (OPPOSITES_PATH.parent / "WORDNET_LICENSE.txt").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence


def test_loaded_map_is_symmetric_and_cached() -> None:
    table = load_opposites()
    assert load_opposites() is table
    assert all(word in table[other] for word, others in table.items() for other in others)
    assert all(word not in others for word, others in table.items())
    assert "weak" in table["strong"] and "strong" in table["weak"]


def test_load_from_explicit_path(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text("# comment\nhot\tcold\ta\tantonym\n", encoding="utf-8")
    assert load_opposites(path) == {"hot": frozenset({"cold"}), "cold": frozenset({"hot"})}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("strong", "weak"),
        ("Stronger", "weaker"),
        ("increase", "decrease"),
        ("improve", "worsen"),
        ("improving", "worsening"),
        ("improving", "deteriorating"),  # derived: deteriorate -> deterioration, a mate of worsening (worsen)
        ("improvement", "deterioration"),  # derived from the verbs improve/worsen
        ("rose", "fell"),  # irregular past forms, from WordNet's exception lists
        ("better", "worse"),
        ("consistent", "inconsistent"),
        ("effective", "ineffective"),
        ("adequate", "inadequate"),
        ("timely", "untimely"),
        ("helpful", "unhelpful"),
        ("helpful", "helpless"),
        ("robust", "frail"),  # WordNet's antonym of robust; fragile is not linked to it
        ("robustly", "frail"),
        ("compliant", "non-compliant"),
        ("compliant", "noncompliant"),
        ("underestimate", "overestimate"),
        ("good", "bad"),
    ],
)
def test_real_opposites_are_found(a: str, b: str) -> None:
    assert are_opposites(a, b)
    assert are_opposites(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("good", "well"),
        ("strong", "strong"),
        ("valuable", "invaluable"),
        ("flammable", "inflammable"),
        ("inspect", "expect"),
        ("interest", "rest"),
        ("spire", "inspire"),
        ("children", "child"),
        ("increase", "increasing"),
        ("", "weak"),
    ],
)
def test_non_pairs_are_not_opposites(a: str, b: str) -> None:
    assert not are_opposites(a, b)
    assert not are_opposites(b, a)


def test_facts_about_wordnet_coverage() -> None:
    """Pin what WordNet 3.0 does and does not support, so the checker's expectations stay honest."""
    table = load_opposites()
    assert "fragile" not in table["robust"]
    assert "deteriorate" in table["improve"]  # only by derivation: no antonym link joins the two
    assert "deterioration" in table["improvement"]
    assert "delayed" not in table.get("timely", frozenset())
    assert "worsen" in table["improve"]


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("improving", "improve"),
        ("delayed", "delay"),
        ("weaker", "weak"),
        ("robustly", "robust"),
        ("stopped", "stop"),
        ("rose", "rise"),
        ("worse", "bad"),
    ],
)
def test_base_forms(word: str, base: str) -> None:
    assert base in base_forms(word)


@pytest.mark.skipif(not (WORDNET_DIR / "data.adj").is_file(), reason="WordNet 3.0 not installed (apt wordnet-base)")
def test_regenerating_reproduces_the_shipped_tables(tmp_path: Path) -> None:
    from assistant.domain.build_opposites import build

    out = tmp_path / "opposites.tsv"
    build(WORDNET_DIR, out)
    assert out.read_bytes() == OPPOSITES_PATH.read_bytes()
    assert (tmp_path / "not_opposites.tsv").read_bytes() == NOT_OPPOSITES_PATH.read_bytes()
    assert (tmp_path / "synonyms.tsv").read_bytes() == SYNONYMS_PATH.read_bytes()
    assert (tmp_path / "inflections.tsv").read_bytes() == opposites.INFLECTIONS_PATH.read_bytes()
    assert opposites.MIN_MORPH_STEM == 4


def test_synonyms_explain_a_word_only_one_way_and_never_a_checked_word():
    assert explained_by_synonym("assisted", ["helping"]) and explained_by_synonym("difficult", ["hard"])
    assert explained_by_synonym("changed", ["improved"])  # the broader verb for the narrower: a weaker claim
    assert not explained_by_synonym("improved", ["changed"])  # the narrower for the broader: a stronger one
    assert not explained_by_synonym("outstanding", ["striking"])  # a grade word is compared by the grade check
    assert not explained_by_synonym("robust", ["fragile"])
