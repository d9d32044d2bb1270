"""The table of authorities covers every council of the national record, under its names and short forms."""

import re
from pathlib import Path

import pytest

from assistant.domain.authorities import canonical_authority, find_authorities, known_authorities, unknown_councils

NATIONAL = Path(__file__).parent / "data" / "national-sample"


def test_names_aliases_and_file_name_slugs_resolve_to_one_canonical_name():
    names = known_authorities()
    assert 153 <= len(names) <= 156 and len(set(names)) == len(names)
    for slug, name in {
        "london-corporation": "City of London",
        "windsor-maidenhead": "Windsor and Maidenhead",
        "telford-wrekin": "Telford and Wrekin",
        "bournemouth-christchurch-poole": "Bournemouth, Christchurch and Poole",
        "bury": "Bury",
        "reading": "Reading",
        "stockton-on-tees": "Stockton-on-Tees",
        "bath-and-north-east-somerset": "Bath and North East Somerset",
    }.items():
        assert canonical_authority(slug) == name, slug
    assert canonical_authority("Narnia") == ""
    assert find_authorities("the Royal Borough of Windsor & Maidenhead and B&NES") == [
        "Windsor and Maidenhead",
        "Bath and North East Somerset",
    ]
    assert find_authorities("City of London Corporation") == ["City of London"]
    for pdf in NATIONAL.glob("*.pdf"):
        assert canonical_authority(re.sub(r"--.*", "", pdf.name)) in names, pdf.name


def test_every_name_of_a_council_is_known_from_any_of_them():
    from assistant.domain.authorities import aliases_of

    assert "Hull" in aliases_of("Kingston upon Hull") and "Kingston upon Hull" in aliases_of("Hull")
    assert "Kingston" in aliases_of("Kingston upon Thames")
    assert aliases_of("Atlantis") == []


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("What grade did the London Borough of Thamesmead get for children in care?", ["Thamesmead"]),
        ("Did Narnia County Council get a good rating?", ["Narnia"]),
        # Councils the table knows, in their council forms
        ("What did Leicester City Council say?", []),
        ("the Royal Borough of Kensington and Chelsea", []),
        ("Rotherham Metropolitan Borough Council and the City of London", []),
        # A council that is not a local authority: a bare "X Council" names no place
        ("What does the Children in Care Council do?", []),
        # Councils outside England, which Ofsted does not inspect; a first name is not a council
        ("What grade did Cardiff council's children's services get?", ["Cardiff"]),
        ("how is glasgow doing on child protection", ["Glasgow City"]),
        ("Did Angus Council improve?", ["Angus"]),
        ("Cllr Angus Smith welcomed the report", []),
        ("Newport Pagnell and Milton Keynes", []),
    ],
)
def test_places_named_as_councils_that_are_not_local_authorities(text, unknown):
    assert unknown_councils(text) == unknown


def test_councils_outside_england_name_their_nation():
    from assistant.domain.authorities import councils_outside_england

    assert councils_outside_england("Belfast, the Vale of Glamorgan and Fife") == [
        ("Belfast", "Northern Ireland"),
        ("Vale of Glamorgan", "Wales"),
        ("Fife", "Scotland"),
    ]
    assert councils_outside_england("Newcastle, Durham and Leeds") == []


def test_a_question_about_a_council_outside_england_is_declined_saying_why(fast_assistant):
    answer = fast_assistant.ask("What grade did Cardiff council's children's services get from Ofsted?")
    assert answer.abstained and not answer.citations
    assert "English councils" in answer.answer and "Cardiff is in Wales" in answer.answer


def test_a_question_about_an_unknown_council_is_declined_naming_it(fast_assistant):
    answer = fast_assistant.ask("How did Narnia County Council do for care leavers at its last inspection?")
    assert answer.abstained and "Narnia" in answer.answer and not answer.citations


def test_a_possessive_typed_without_its_apostrophe_names_the_council():
    from assistant.domain.authorities import find_authorities, with_possessives

    assert find_authorities(with_possessives("how did rotherhams care leavers rating change?")) == ["Rotherham"]
    assert with_possessives("wigans NEET rate") == "wigan's NEET rate"
    # A name ending in "s" is left as it is.
    assert with_possessives("Leeds care leavers") == "Leeds care leavers"


def test_a_council_name_may_open_a_compound_adjective_but_not_a_longer_place_name():
    assert find_authorities("An Enfield-led project run jointly with Barnet and Haringey") == [
        "Enfield",
        "Barnet",
        "Haringey",
    ]
    assert find_authorities("a Leeds-based charity") == ["Leeds"]
    assert find_authorities("Newcastle-under-Lyme") == []
    assert find_authorities("Stockton-on-Tees") == ["Stockton-on-Tees"]
