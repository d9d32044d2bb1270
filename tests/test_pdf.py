"""Clean text from real Ofsted PDFs, and a clear error for PDFs that cannot be read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.errors import UnsupportedDocument
from assistant.pdf import read_pdf

REPORTS = Path(__file__).parent / "data" / "ofsted-reports"
SAMPLES = [
    "ofsted-inspection-kirklees-2019-08-05.pdf",
    "ofsted-inspection-rutland-2024-07-12.pdf",
    "ofsted-inspection-south-tyneside-2023-05-10.pdf",
    "ofsted-focused-visit-stockport-2024-02-28.pdf",
    "ofsted-focused-visit-warwickshire-2018-08-09.pdf",
]


@pytest.fixture(scope="module")
def extracted():
    return {name: read_pdf(REPORTS / name) for name in SAMPLES}


@pytest.mark.parametrize("name", SAMPLES)
def test_no_page_numbers_headers_footers_or_address_blocks(extracted, name):
    text = extracted[name].text
    lines = text.split("\n")
    assert not [line for line in lines if re.fullmatch(r"\s*\d{1,3}\s*", line)]
    for furniture in ("Piccadilly Gate", "M1 2WD", "Textphone", "www.gov.uk/ofsted", "Aviation House"):
        assert furniture not in text
    assert "\ufffe" not in text and "\uf0b7" not in text and "◼" not in text


def test_words_and_sentences_are_rejoined(extracted):
    stockport = extracted["ofsted-focused-visit-stockport-2024-02-28.pdf"].text
    assert "through trauma-informed approaches with families." in stockport  # hyphen broken across lines in the PDF
    assert "His Majesty’s Inspectors for this visit were Lisa Summers and Gareth Dakin." in stockport
    kirklees = extracted["ofsted-inspection-kirklees-2019-08-05.pdf"].text
    # A sentence that runs from page 2 onto page 3 of the report stands whole in one paragraph.
    assert re.search(
        r"- The response to disabled children, children in private fostering arrangements, and "
        r"children at risk from professionals",
        kirklees,
    )


def test_bullets_headings_and_judgement_tables(extracted):
    stockport = extracted["ofsted-focused-visit-stockport-2024-02-28.pdf"]
    assert (
        "\n\n- The quality of supervision so that this is reflective, challenging and child-focused" in stockport.text
    )
    assert {"Headline findings", "Main findings"} <= {h.text for h in stockport.headings}
    rutland = extracted["ofsted-inspection-rutland-2024-07-12.pdf"].text
    for line in (
        "The impact of leaders on social work practice with children and families: Good",
        "The experiences and progress of children in care: Good",
        "The experiences and progress of care leavers: Good",
        "Overall effectiveness: Good",
    ):
        assert f"\n\n{line}\n\n" in rutland
    assert (
        "\n\nOverall effectiveness: Inadequate\n\n" in extracted["ofsted-inspection-south-tyneside-2023-05-10.pdf"].text
    )


def test_page_offsets(extracted):
    stockport = extracted["ofsted-focused-visit-stockport-2024-02-28.pdf"]
    assert len(stockport.page_starts) == 5 and list(stockport.page_starts) == sorted(stockport.page_starts)
    from assistant.types import Document, Kind

    document = Document("s", "s.pdf", "s", Kind.INSPECTION_LETTER, stockport.text, page_starts=stockport.page_starts)
    assert document.page_at(stockport.text.index("Headline findings")) == 1
    assert document.page_at(stockport.text.index("Main findings")) == 2
    assert document.page_at(stockport.text.index("Yours sincerely")) == 5


def test_corrupt_encrypted_and_textless_pdfs(tmp_path):
    from pypdf import PdfWriter

    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes((REPORTS / SAMPLES[0]).read_bytes()[:2000])
    with pytest.raises(UnsupportedDocument, match="truncated.pdf: not a valid PDF"):
        read_pdf(truncated)

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    blank = tmp_path / "scan.pdf"
    with blank.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UnsupportedDocument, match="scan.pdf: the PDF has no text layer"):
        read_pdf(blank)

    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UnsupportedDocument, match="locked.pdf: the PDF is encrypted"):
        read_pdf(locked)
