"""Metadata read from the documents themselves, checked against the real values."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.authorities import find_authorities
from assistant.config import ROOT
from assistant.metadata import extract_metadata
from assistant.pdf import read_pdf
from assistant.types import Judgement

REPORTS = Path(__file__).parent / "data" / "ofsted-reports"

EXPECTED = {
    "ofsted-inspection-kirklees-2019-08-05.pdf": {
        "authority": "Kirklees",
        "kind": "inspection report",
        "visit_type": "ILACS inspection",
        "date": "2019-08-05",
        "lead_inspector": "Lisa Summers",
        "inspection_dates": "10 June 2019 to 21 June 2019",
        "judgements": [
            Judgement(
                "The impact of leaders on social work practice with children and families",
                "Requires improvement to be good",
            ),
            Judgement(
                "The experiences and progress of children who need help and protection",
                "Requires improvement to be good",
            ),
            Judgement(
                "The experiences and progress of children in care and care leavers", "Requires improvement to be good"
            ),
            Judgement("Overall effectiveness", "Requires improvement to be good"),
        ],
    },
    "ofsted-inspection-south-tyneside-2023-05-10.pdf": {
        "authority": "South Tyneside",
        "kind": "inspection report",
        "date": "2023-05-10",
        "lead_inspector": "Rebecca Quested",
    },
    "ofsted-inspection-rutland-2024-07-12.pdf": {
        "authority": "Rutland",
        "date": "2024-07-12",
        "lead_inspector": "Rachel Griffiths",
        "inspection_dates": "15 to 26 April 2024",
    },
    "ofsted-focused-visit-stockport-2024-02-28.pdf": {
        "authority": "Stockport",
        "kind": "inspection letter",
        "visit_type": "focused visit",
        "date": "2024-02-28",
        "lead_inspector": "Lisa Summers",
        "inspection_dates": "24 and 25 January 2024",
    },
    "ofsted-focused-visit-warwickshire-2018-08-09.pdf": {
        "authority": "Warwickshire",
        "kind": "inspection letter",
        "visit_type": "focused visit",
        "date": "2018-08-09",
        "lead_inspector": "Peter McEntee",
        "inspection_dates": "17 July 2018",
    },
    "ofsted-focused-visit-hammersmith-and-fulham-2022-02-23.pdf": {"authority": "Hammersmith and Fulham"},
    "ofsted-inspection-kingston-upon-hull-2019-05-17.pdf": {"authority": "Kingston upon Hull"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_of_real_reports(name):
    found = extract_metadata(read_pdf(REPORTS / name).text, name)
    for field, value in EXPECTED[name].items():
        assert found[field] == value, field
    assert found["publisher"] == "Ofsted"


def test_grades_of_every_full_inspection_are_read():
    overall = {}
    for path in sorted(REPORTS.glob("ofsted-inspection-*.pdf")):
        judgements = extract_metadata(read_pdf(path).text, path.name)["judgements"]
        assert len(judgements) >= 4, path.name
        overall[path.name.split("-", 2)[2][:-15]] = next(
            j.grade for j in judgements if j.area == "Overall effectiveness"
        )
    assert overall["south-tyneside"] == "Inadequate" and overall["kingston-upon-hull"] == "Inadequate"
    assert overall["rutland"] == "Good" and overall["bristol"] == "Requires improvement to be good"


def test_the_seed_letter_and_press_releases():
    letter = (ROOT / "corpus" / "ofsted-monitoring-visit-letter-rotherham-care-leavers-2017-06-13.txt").read_text()
    found = extract_metadata(letter)
    assert (found["authority"], found["visit_type"], found["date"], found["lead_inspector"]) == (
        "Rotherham",
        "monitoring visit",
        "2017-06-13",
        "Jansy Kelly",
    )
    release = (ROOT / "corpus" / "rotherham-council-press-release-ofsted-inspection-good-2022.txt").read_text()
    assert extract_metadata(release) == {}


def test_authorities_named_in_questions():
    assert find_authorities("What did Ofsted say about care leavers in stockport?") == ["Stockport"]
    assert find_authorities("compare Hull with St Helens") == ["Kingston upon Hull", "St Helens"]
    assert find_authorities("Leicestershire, not Leicester") == ["Leicestershire", "Leicester"]
    assert find_authorities("I was reading the report") == []
    assert find_authorities("Reading and Bath") == ["Reading", "Bath and North East Somerset"]
