"""Clean text from real Ofsted PDFs, and a clear error for PDFs that cannot be read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.errors import UnsupportedDocument
from assistant.ingest.pdf import read_pdf
from assistant.types import Document, Kind

REPORTS = Path(__file__).parent / "data" / "ofsted-reports"
# Letters and full reports from 2018 to 2024, old and new layouts, every grade.
SAMPLES = [
    "ofsted-focused-visit-warwickshire-2018-08-09.pdf",
    "ofsted-focused-visit-coventry-2021-06-25.pdf",
    "ofsted-focused-visit-stockport-2024-02-28.pdf",
    "ofsted-inspection-kirklees-2019-08-05.pdf",
    "ofsted-inspection-west-berkshire-2022-05-04.pdf",
    "ofsted-inspection-south-tyneside-2023-05-10.pdf",
    "ofsted-inspection-rutland-2024-07-12.pdf",
]
PAGES = {  # as pdfium counts them
    "ofsted-focused-visit-warwickshire-2018-08-09.pdf": 5,
    "ofsted-focused-visit-coventry-2021-06-25.pdf": 5,
    "ofsted-focused-visit-stockport-2024-02-28.pdf": 5,
    "ofsted-inspection-kirklees-2019-08-05.pdf": 13,
    "ofsted-inspection-west-berkshire-2022-05-04.pdf": 10,
    "ofsted-inspection-south-tyneside-2023-05-10.pdf": 11,
    "ofsted-inspection-rutland-2024-07-12.pdf": 11,
}


@pytest.fixture(scope="module")
def extracted():
    return {name: read_pdf(REPORTS / name) for name in SAMPLES}


def page_of(pdf, phrase: str) -> int:
    document = Document("d", "d.pdf", "d", Kind.INSPECTION_REPORT, pdf.text, page_starts=pdf.page_starts)
    return document.page_at(pdf.text.index(phrase))


@pytest.mark.parametrize("name", SAMPLES)
def test_no_page_numbers_address_blocks_or_stray_glyphs(extracted, name):
    text = extracted[name].text
    assert not [line for line in text.split("\n") if re.fullmatch(r"\s*(Page )?\d{1,3}( of \d{1,3})?\s*", line)]
    for furniture in ("Piccadilly Gate", "Store Street", "M1 2WD", "Textphone", "www.gov.uk/ofsted", "Aviation House"):
        assert furniture not in text
    # pdfium's hyphenation mark, Wingdings/Symbol bullets (private use area), the report's square bullets.
    assert not re.search(r"[\ufffe\uf000-\uf8ff\u25fc\x00-\x08]", text)
    assert "\n\n\n" not in text and text == text.strip()


def test_running_headers_are_removed(extracted):
    # Every page of a full report after the first starts "Inspection of Rutland local authority children’s
    # services" / "15 to 26 April 2024 <page>": only the title and the dates line on page one remain.
    rutland = extracted["ofsted-inspection-rutland-2024-07-12.pdf"].text
    assert rutland.count("Inspection of Rutland local authority children’s services") == 1
    assert rutland.count("15 to 26 April 2024") == 1 and "15 to 26 April 2024 3" not in rutland
    tyneside = extracted["ofsted-inspection-south-tyneside-2023-05-10.pdf"].text
    assert tyneside.count("5 to 9 December 2022 and 14 to 15 February 2023") == 1
    assert tyneside.count("Inspection of South Tyneside local authority children’s services") == 1


def test_hyphenated_words_are_rejoined(extracted):
    # Each was split at a line end in the PDF ("trauma-" / "informed"): pdfium gives U+FFFE there.
    for name, words in {
        "ofsted-focused-visit-stockport-2024-02-28.pdf": ["trauma-informed approaches", "task-orientated"],
        "ofsted-focused-visit-coventry-2021-06-25.pdf": ["pre-proceedings"],
        "ofsted-inspection-west-berkshire-2022-05-04.pdf": ["information-sharing", "semi-independent"],
        "ofsted-inspection-kirklees-2019-08-05.pdf": ["well-coordinated", "whole-service"],
    }.items():
        for word in words:
            assert word in extracted[name].text, (name, word)


def test_sentences_are_rejoined_across_lines_and_pages(extracted):
    stockport = extracted["ofsted-focused-visit-stockport-2024-02-28.pdf"].text
    assert "His Majesty’s Inspectors for this visit were Lisa Summers and Gareth Dakin." in stockport
    # "... aware of service shortfalls and, in" / "October 2023, they refreshed ...": a line left open.
    assert "aware of service shortfalls and, in October 2023, they refreshed their plans" in stockport
    berkshire = extracted["ofsted-inspection-west-berkshire-2022-05-04.pdf"]
    # A line ends "... child and adolescent mental health services" and the next starts "(CAMHS), children ...".
    assert "mental health services (CAMHS), children are helped by a range of other innovative services" in (
        berkshire.text
    )
    tyneside = extracted["ofsted-inspection-south-tyneside-2023-05-10.pdf"].text
    assert "the pre-proceedings stage of the public law outline (PLO). Effective tracking prevents drift" in tyneside
    coventry = extracted["ofsted-focused-visit-coventry-2021-06-25.pdf"].text
    assert "to enter the Public Law Outline (PLO), and their circumstances" in coventry
    kirklees = extracted["ofsted-inspection-kirklees-2019-08-05.pdf"].text
    assert "There is clear evidence of IROs’ oversight. However, IROs do not routinely challenge" in kirklees


def test_paragraphs_bullets_and_headings(extracted):
    stockport = extracted["ofsted-focused-visit-stockport-2024-02-28.pdf"]
    assert (
        "\n\n- The quality of supervision so that this is reflective, challenging and child-focused, with clear "
        "timescales for actions that are consistently reviewed to ensure completion.\n\n" in stockport.text
    )
    assert [h.text for h in stockport.headings] == [
        "Focused visit to Stockport children’s services",
        "Headline findings",
        "What needs to improve in this area of social work practice?",
        "Main findings",
    ]
    for heading in stockport.headings:
        assert stockport.text[heading.start : heading.start + len(heading.text) + 2] == heading.text + "\n\n"
    assert stockport.text.endswith("\n\nYours sincerely\n\nLisa Summers\n\nHis Majesty’s Inspector")
    # The 2018 letter's Wingdings bullets become "- " items.
    warwickshire = extracted["ofsted-focused-visit-warwickshire-2018-08-09.pdf"].text
    assert "\n\n- Caseloads are too high and, although reduced since the last inspection, remain in the mid-" in (
        warwickshire
    )
    assert len(re.findall(r"^- ", warwickshire, re.MULTILINE)) == 18  # every bullet in the PDF
    coventry = extracted["ofsted-focused-visit-coventry-2021-06-25.pdf"].text
    assert coventry.endswith("visit.\n\nYours sincerely,\n\nJohn Roughton\n\nHer Majesty’s Inspector")


def test_report_headings_and_judgement_table(extracted):
    rutland = extracted["ofsted-inspection-rutland-2024-07-12.pdf"]
    assert rutland.text.startswith(
        "Inspection of Rutland local authority children’s services\n\nInspection dates: 15 to 26 April 2024\n\n"
        "Lead inspector: Rachel Griffiths, His Majesty’s Inspector\n\nJudgements\n\n"
        "The impact of leaders on social work practice with children and families: Good\n\n"
        "The experiences and progress of children who need help and protection: Good\n\n"
        "The experiences and progress of children in care: Good\n\n"
        "The experiences and progress of care leavers: Good\n\n"
        "Overall effectiveness: Good\n\n"
    )
    headings = [h.text for h in rutland.headings]
    assert headings[:3] == [
        "Inspection of Rutland local authority children’s services",
        "Judgements",
        "What needs to improve?",
    ]
    assert "The impact of leaders on social work practice with children and families: good" in headings
    tyneside = extracted["ofsted-inspection-south-tyneside-2023-05-10.pdf"].text
    assert "\n\nThe experiences and progress of children in care and care leavers: Inadequate\n\n" in tyneside
    assert "\n\nOverall effectiveness: Inadequate\n\n" in tyneside
    kirklees = extracted["ofsted-inspection-kirklees-2019-08-05.pdf"].text
    assert "\n\nOverall effectiveness: Requires improvement to be good\n\n" in kirklees
    # A section heading wrapped over two lines stands on its own, not glued to the paragraph before it.
    berkshire = extracted["ofsted-inspection-west-berkshire-2022-05-04.pdf"].text
    assert "\n\nThe impact of leaders on social work practice with children and families: good\n\n35. " in berkshire


@pytest.mark.parametrize("name", SAMPLES)
def test_page_starts(extracted, name):
    pdf = extracted[name]
    assert len(pdf.page_starts) == PAGES[name]
    assert pdf.page_starts[0] == 0
    assert all(a < b for a, b in zip(pdf.page_starts[:-1], pdf.page_starts[1:-1], strict=False))
    assert pdf.page_starts[-2] < pdf.page_starts[-1] <= len(pdf.text)


def test_phrases_are_on_their_pages(extracted):
    stockport = extracted["ofsted-focused-visit-stockport-2024-02-28.pdf"]
    assert page_of(stockport, "Headline findings") == 1
    assert page_of(stockport, "Main findings") == 2
    assert page_of(stockport, "Yours sincerely") == 5
    rutland = extracted["ofsted-inspection-rutland-2024-07-12.pdf"]
    assert page_of(rutland, "What needs to improve?") == 2
    assert page_of(rutland, "8. Child protection enquiries start promptly.") == 3
    # Page 7 ends "... the joint funding agreement reached with the" and page 8 goes on "Clinical Commissioning
    # Group ...": one paragraph, and page 8 starts at its first word.
    berkshire = extracted["ofsted-inspection-west-berkshire-2022-05-04.pdf"]
    assert "joint funding agreement reached with the Clinical Commissioning Group to improve access" in berkshire.text
    assert berkshire.text.index("Clinical Commissioning Group to improve") == berkshire.page_starts[7]
    assert page_of(berkshire, "Clinical Commissioning Group to improve") == 8
    assert page_of(berkshire, "joint funding agreement reached") == 7
    # The last page is Ofsted's standard back page, dropped: it starts (empty) at the end of the text.
    assert berkshire.page_starts[-1] == len(berkshire.text)
    assert page_of(berkshire, "They said that they feel valued and ‘heard’.") == 9


def _blank_pdf(path: Path, password: str = "") -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_corrupt_pdf(tmp_path):
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes((REPORTS / SAMPLES[0]).read_bytes()[:2000])
    with pytest.raises(UnsupportedDocument, match=r"^truncated\.pdf: not a valid PDF: "):
        read_pdf(truncated)
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("just some text, not a PDF")
    with pytest.raises(UnsupportedDocument, match=r"^notes\.pdf: not a valid PDF: "):
        read_pdf(not_pdf)


def test_encrypted_pdf(tmp_path):
    with pytest.raises(UnsupportedDocument, match=r"^locked\.pdf: encrypted"):
        read_pdf(_blank_pdf(tmp_path / "locked.pdf", password="secret"))


def test_pdf_without_text_layer(tmp_path):
    with pytest.raises(UnsupportedDocument, match=r"^scan\.pdf: no text layer: scanned image\?"):
        read_pdf(_blank_pdf(tmp_path / "scan.pdf"))


NATIONAL = Path(__file__).parent / "data" / "national-sample"


def test_letters_lose_their_address_block_and_salutation_but_keep_their_date():
    text = read_pdf(NATIONAL / "barnsley--focused-visit-01-march-2023.pdf").text
    assert text.startswith("1 March 2023\n\nFocused visit to Barnsley children’s services\n\nThis letter summarises")
    for furniture in ("Eldon Street", "S70 2JL", "Dear Carly", "Executive Director"):
        assert furniture not in text[:400]


def test_contents_pages_and_wrapped_titles():
    barnsley = read_pdf(NATIONAL / "barnsley--inspection-08-august-2014.pdf").text
    assert "\nContents\n" not in barnsley and "Information about this inspection 9" not in barnsley
    bath = read_pdf(NATIONAL / "bath-and-north-east-somerset--inspection-19-april-2022.pdf").text
    assert bath.startswith("Inspection of Bath and North East Somerset local authority children’s services\n\n")
    # The title repeats as the running header of every page: page one keeps it, once.
    bracknell = read_pdf(NATIONAL / "bracknell-forest--inspection-29-july-2022.pdf").text
    assert bracknell.startswith("Inspection of Bracknell Forest local authority children’s services\n\n")
    assert bracknell.count("Inspection of Bracknell Forest local authority children’s services") == 1


LAYOUT = Path(__file__).parent / "data" / "pdf-layout"  # national-record PDFs whose text order is unusual


def test_an_address_block_printed_inside_the_first_paragraphs_is_dropped():
    # The page's text order puts the letterhead, date and addressee after the first paragraphs.
    text = read_pdf(LAYOUT / "north-northamptonshire--focused-visit-31-october-2024.pdf").text
    assert text.startswith("31 October 2024\n\nFocused visit to North Northamptonshire children’s services\n\n")
    assert "North Northamptonshire have substantially improved. The improvements" in text
    for furniture in ("Charisse Monero", "Municipal Offices", "Bowling Green Road", "NN15 7QX"):
        assert furniture not in text


def test_a_full_width_line_without_a_sentence_end_runs_on():
    text = read_pdf(LAYOUT / "plymouth--inspection-07-january-2019.pdf").text
    assert "contact and referral services on 10 September 2018, bringing together" in text


def test_a_judgement_table_without_an_overall_row_ends_where_the_text_starts():
    # 2026 reports grade four areas and no overall effectiveness: the first page's summary used to be swallowed.
    text = read_pdf(LAYOUT / "brent--inspection-17-june-2026.pdf").text
    assert "The experiences and progress of care leavers: Good\n\nChildren in Brent benefit from responsive" in text
