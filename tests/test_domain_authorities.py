"""The table of authorities covers every council of the national record, under its names and short forms."""

import re
from pathlib import Path

from assistant.domain.authorities import canonical_authority, find_authorities, known_authorities

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
