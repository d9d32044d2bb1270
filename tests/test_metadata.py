"""Metadata read from the documents themselves, checked against the real values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.config import ROOT
from assistant.ingest.metadata import extract_metadata, find_authorities, known_authorities, stated_date
from assistant.ingest.pdf import read_pdf
from assistant.types import Judgement

REPORTS = Path(__file__).parent / "data" / "ofsted-reports"
LEADERS = "The impact of leaders on social work practice with children and families"
HELP = "The experiences and progress of children who need help and protection"
IN_CARE = "The experiences and progress of children in care"
CARE_LEAVERS = "The experiences and progress of care leavers"
IN_CARE_AND_LEAVERS = "The experiences and progress of children in care and care leavers"
RI = "Requires improvement to be good"

EXPECTED = {
    "ofsted-focused-visit-warwickshire-2018-08-09.pdf": {
        "title": "Focused visit to Warwickshire children’s services",
        "kind": "inspection letter",
        "visit_type": "focused visit",
        "authority": "Warwickshire",
        "date": "2018-08-09",
        "inspection_dates": "17 July 2018",
        "lead_inspector": "Peter McEntee",
    },
    "ofsted-focused-visit-coventry-2021-06-25.pdf": {
        "kind": "inspection letter",
        "authority": "Coventry",
        "date": "2021-06-25",
        "inspection_dates": "12 and 13 May 2021",
        "lead_inspector": "John Roughton",  # signs "Yours sincerely,"
    },
    "ofsted-focused-visit-milton-keynes-2020-11-13.pdf": {
        "authority": "Milton Keynes",
        "date": "2020-11-13",
        "inspection_dates": "29 September and 1 October 2020",
        "lead_inspector": "Joy Howick",
    },
    "ofsted-focused-visit-stockport-2024-02-28.pdf": {
        "title": "Focused visit to Stockport children’s services",
        "kind": "inspection letter",
        "visit_type": "focused visit",
        "authority": "Stockport",
        "date": "2024-02-28",
        "inspection_dates": "24 and 25 January 2024",
        "lead_inspector": "Lisa Summers",
    },
    "ofsted-focused-visit-hammersmith-and-fulham-2022-02-23.pdf": {
        "authority": "Hammersmith and Fulham",
        "title": "Focused visit to Hammersmith & Fulham children’s services",
    },
    "ofsted-inspection-kirklees-2019-08-05.pdf": {
        "title": "Inspection of children’s social care services: Kirklees Metropolitan Borough Council",
        "kind": "inspection report",
        "visit_type": "ILACS inspection",
        "authority": "Kirklees",
        "date": "2019-08-05",
        "lead_inspector": "Lisa Summers",
        "inspection_dates": "10 June 2019 to 21 June 2019",
        "judgements": [
            Judgement(LEADERS, RI),
            Judgement(HELP, RI),
            Judgement(IN_CARE_AND_LEAVERS, RI),
            Judgement("Overall effectiveness", RI),
        ],
    },
    "ofsted-inspection-south-tyneside-2023-05-10.pdf": {
        "kind": "inspection report",
        "authority": "South Tyneside",
        "date": "2023-05-10",
        "lead_inspector": "Rebecca Quested",
        "inspection_dates": "5 to 9 December 2022 and 14 to 15 February 2023",
        "judgements": [
            Judgement(LEADERS, "Inadequate"),
            Judgement(HELP, RI),
            Judgement(IN_CARE_AND_LEAVERS, "Inadequate"),
            Judgement("Overall effectiveness", "Inadequate"),
        ],
    },
    "ofsted-inspection-rutland-2024-07-12.pdf": {
        "title": "Inspection of Rutland local authority children’s services",
        "visit_type": "ILACS inspection",
        "authority": "Rutland",
        "date": "2024-07-12",
        "lead_inspector": "Rachel Griffiths",
        "inspection_dates": "15 to 26 April 2024",
        "judgements": [
            Judgement(LEADERS, "Good"),
            Judgement(HELP, "Good"),
            Judgement(IN_CARE, "Good"),
            Judgement(CARE_LEAVERS, "Good"),
            Judgement("Overall effectiveness", "Good"),
        ],
    },
    "ofsted-inspection-st-helens-2023-09-04.pdf": {
        "authority": "St Helens",
        "judgements": [
            Judgement(LEADERS, "Good"),
            Judgement(HELP, RI),
            Judgement(IN_CARE, "Good"),
            Judgement(CARE_LEAVERS, "Outstanding"),
            Judgement("Overall effectiveness", "Good"),
        ],
    },
    "ofsted-inspection-kingston-upon-hull-2019-05-17.pdf": {
        "authority": "Kingston upon Hull",
        "lead_inspector": "Jan Edwards",
    },
    "ofsted-inspection-west-berkshire-2022-05-04.pdf": {"lead_inspector": "Máire Atherton"},
}


@pytest.fixture(scope="module")
def texts():
    return {path.name: read_pdf(path).text for path in sorted(REPORTS.glob("*.pdf"))}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_of_real_reports(texts, name):
    found = extract_metadata(texts[name], name)
    assert found["publisher"] == "Ofsted"
    for field, value in EXPECTED[name].items():
        assert found[field] == value, field


def test_every_real_pdf_agrees_with_its_file_name(texts):
    """File names say kind, authority and publication date: ofsted-<focused-visit|inspection>-<name>-<date>.pdf."""
    assert len(texts) == 36
    for name, text in texts.items():
        kind, slug, date = re.fullmatch(
            r"ofsted-(focused-visit|inspection)-(.+)-(\d{4}-\d{2}-\d{2})\.pdf", name
        ).groups()
        found = extract_metadata(text, name)
        letter = kind == "focused-visit"
        assert found["kind"] == ("inspection letter" if letter else "inspection report"), name
        assert found["visit_type"] == ("focused visit" if letter else "ILACS inspection"), name
        assert found["authority"] == find_authorities(slug.replace("-", " "))[0], name
        assert found["date"] == date, name
        assert found["lead_inspector"] and found["inspection_dates"] and found["title"], name
        # Letters state their date and authority in the text; reports print no publication date.
        text_only = extract_metadata(text)
        assert text_only["authority"] == found["authority"], name
        if letter:
            assert text_only["date"] == date, name
        else:  # reports print no publication date: dated by the last day of the inspection they state
            assert text_only["date"] < date and text_only["date"][:4] in found["inspection_dates"], name
            assert [j.area for j in found["judgements"]][-1] == "Overall effectiveness", name


def test_the_seed_letter_and_press_releases():
    letter = (ROOT / "corpus" / "ofsted-monitoring-visit-letter-rotherham-care-leavers-2017-06-13.txt").read_text()
    found = extract_metadata(letter)
    assert (found["authority"], found["kind"], found["visit_type"], found["date"], found["lead_inspector"]) == (
        "Rotherham",
        "inspection letter",
        "monitoring visit",
        "2017-06-13",
        "Jansy Kelly",
    )
    assert found["inspection_dates"] == "3 and 4 May 2017"
    assert found["title"] == "Monitoring visit of Rotherham Metropolitan Borough Council children's services"
    # A press release is not an Ofsted document: only its dateline is read ("Published on Monday, August 1, 2016").
    for release, dated in (
        ("rotherham-council-press-release-ofsted-inspection-good-2022.txt", {}),
        ("rotherham-council-press-release-care-leavers-monitoring-visit-2017-06-13.txt", {"date": "2017-06-13"}),
        ("leicester-city-council-press-release-care-leavers-monitoring-visit-2016-08-01.txt", {"date": "2016-08-01"}),
    ):
        assert extract_metadata((ROOT / "corpus" / release).read_text(), "upload.txt") == dated


def test_a_dateline_is_read_only_near_the_top():
    assert stated_date("Council news\n\n12 March 2023\n\nDear Sir") == "2023-03-12"
    assert stated_date("Posted: 3rd May 2021\nText") == "2021-05-03"
    assert stated_date("A sentence that mentions 12 March 2023 in passing.\n") == ""
    assert stated_date("x\n" * 400 + "12 March 2023\n") == ""
    assert stated_date("31 February 2023\n") == ""


def test_known_authorities():
    names = known_authorities()
    assert 153 <= len(names) <= 156 and len(set(names)) == len(names)
    for name in ("Stockport", "Hammersmith and Fulham", "Kingston upon Hull", "Rotherham", "Leicester", "St Helens"):
        assert name in names
    assert "Hull" not in names  # an alias, not a canonical name


def test_authorities_named_in_questions():
    assert find_authorities("What did Ofsted say about care leavers in Stockport?") == ["Stockport"]
    assert find_authorities("what did ofsted say about stockport") == ["Stockport"]
    assert find_authorities("compare Hull with St Helens") == ["Kingston upon Hull", "St Helens"]
    assert find_authorities("Hull City Council and St. Helens") == ["Kingston upon Hull", "St Helens"]
    assert find_authorities("Bristol City Council's front door") == ["Bristol"]
    assert find_authorities("Leicester City Council") == ["Leicester"]
    assert find_authorities("Leicestershire, not Leicester") == ["Leicestershire", "Leicester"]
    assert find_authorities("Hammersmith & Fulham and Kingston upon Thames") == [
        "Hammersmith and Fulham",
        "Kingston upon Thames",
    ]
    assert find_authorities("I was reading the report") == []  # everyday words only count capitalised
    assert find_authorities("Reading and Bath") == ["Reading", "Bath and North East Somerset"]
    assert find_authorities("Rotherhamshire Lancastrians") == []  # whole words only


NATIONAL = Path(__file__).parent / "data" / "national-sample"
ADOPTION = "Adoption performance"
LSCB = "The effectiveness of the Local Safeguarding Children Board"
# Read from the text alone (no file name), as for Ofsted's numbered downloads; the file names are the truth.
NATIONAL_EXPECTED = {
    "barking-and-dagenham--focused-visit-03-april-2018.pdf": ("Barking and Dagenham", "focused visit", "2018-04-03"),
    "barnsley--focused-visit-01-march-2023.pdf": ("Barnsley", "focused visit", "2023-03-01"),
    "london-corporation--focused-visit-13-december-2022.pdf": ("City of London", "focused visit", "2022-12-13"),
    "barnsley--inspection-08-august-2014.pdf": ("Barnsley", "SIF inspection", "2014-08-08"),
    "coventry--inspection-13-june-2017.pdf": ("Coventry", "SIF re-inspection", "2017-06-13"),
    "surrey--inspection-03-august-2015.pdf": ("Surrey", "LSCB review", "2015-08-03"),
    "bath-and-north-east-somerset--inspection-19-april-2022.pdf": (
        "Bath and North East Somerset",
        "ILACS inspection",
        "2022-03-04",
    ),
    "bracknell-forest--inspection-29-july-2022.pdf": ("Bracknell Forest", "ILACS inspection", "2022-06-17"),
    "bradford--inspection-21-may-2026.pdf": ("Bradford", "ILACS inspection", "2026-01-23"),
    "plymouth--inspection-15-march-2024.pdf": ("Plymouth", "ILACS inspection", "2024-02-02"),
}


@pytest.mark.parametrize("name", sorted(NATIONAL_EXPECTED))
def test_national_record_sample_from_the_text_alone(name):
    authority, visit_type, date = NATIONAL_EXPECTED[name]
    found = extract_metadata(read_pdf(NATIONAL / name).text)
    assert (found["authority"], found["visit_type"], found["date"]) == (authority, visit_type, date)
    assert found["kind"] == ("inspection letter" if "focused-visit" in name else "inspection report")
    assert found["lead_inspector"] and found["inspection_dates"]


def test_sif_judgements_map_to_the_ilacs_scheme():
    barnsley = extract_metadata(read_pdf(NATIONAL / "barnsley--inspection-08-august-2014.pdf").text)
    assert barnsley["inspection_dates"] == "2 June 2014 – 25 June 2014"
    assert barnsley["lead_inspector"] == "Jansy Kelly"
    assert barnsley["judgements"] == [
        Judgement(HELP, RI),
        Judgement(IN_CARE, RI),
        Judgement(ADOPTION, RI),
        Judgement(CARE_LEAVERS, "Good"),
        Judgement(LEADERS, RI),
        Judgement(LSCB, RI),
        Judgement("Overall effectiveness", RI),
    ]
    coventry = extract_metadata(read_pdf(NATIONAL / "coventry--inspection-13-june-2017.pdf").text)
    assert coventry["judgements"][-1] == Judgement("Overall effectiveness", RI)
    bradford = extract_metadata(read_pdf(NATIONAL / "bradford--inspection-21-may-2026.pdf").text)
    assert bradford["judgements"][-1] == Judgement("Overall effectiveness", RI)


def test_a_judgement_the_summary_table_lost_is_read_from_its_section_heading():
    # Leeds 2025: the page layout drops the care leavers row from the summary table; the section heading
    # "The experiences and progress of care leavers: outstanding" still states it.
    leeds = ROOT / "tests" / "data" / "claims-national" / "leeds--inspection-12-august-2025.pdf"
    judgements = extract_metadata(read_pdf(leeds).text)["judgements"]
    assert Judgement(CARE_LEAVERS, "Outstanding") in judgements
    assert judgements[-1] == Judgement("Overall effectiveness", "Outstanding") and len(judgements) == 5


def test_a_report_without_a_publication_date_also_belongs_to_the_year_it_came_out():
    """An ILACS report prints its inspection dates, not its publication date: East Riding's inspection of 2 to 6
    December 2019 was published in March 2020, and "East Riding 2020" asks for it."""
    from assistant.search.filters import document_matches
    from assistant.types import Document, Kind, SearchFilters

    def report(date: str, dates: str) -> Document:
        return Document("d", "d.pdf", "Inspection", Kind.INSPECTION_REPORT, "", date=date, inspection_dates=dates)

    december = report("2019-12-06", "2 to 6 December 2019")
    assert december.inspection_years == {"2019", "2020"}
    assert document_matches(december, SearchFilters(years=("2020",)))
    assert report("2019-05-10", "6 to 10 May 2019").inspection_years == {"2019"}
    # a letter dated after its visit prints its own date: that is its year
    assert report("2019-12-20", "20 and 21 November 2019").inspection_years == {"2019"}
