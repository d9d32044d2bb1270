"""The regions of England: every council in exactly one, the regions and neighbours a question names, and the
filter that keeps a region's councils (fast tier: no model)."""

from __future__ import annotations

import pytest

from assistant.domain.authorities import known_authorities
from assistant.domain.regions import asks_about_neighbours, councils_in, region_of, regions, regions_named
from assistant.search.backends.milvus_backend import milvus_filter
from assistant.search.filters import document_matches
from assistant.types import Document, Kind, SearchFilters


def test_every_council_stands_in_exactly_one_region():
    assert len(regions()) == 9
    placed = [council for region in regions() for council in region.councils]
    assert sorted(placed) == sorted(known_authorities())
    assert region_of("Rotherham") == "Yorkshire and the Humber" and region_of("City of London") == "London"
    assert region_of("Atlantis") == ""


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Which councils in the North East were judged inadequate?", ("North East",)),
        ("which london councils are outstanding", ("London",)),
        ("councils in the Midlands", ("East Midlands", "West Midlands")),
        ("councils in the East Midlands", ("East Midlands",)),  # the longest name, not also "Midlands"
        # a council's own name is not its region
        ("What grade did North East Lincolnshire get?", ()),
        ("What did Ofsted say about the City of London?", ()),
        ("North Yorkshire care leavers", ()),
    ],
)
def test_the_regions_a_question_names(text, named):
    assert regions_named(text) == named


def test_a_question_about_a_councils_neighbours():
    assert asks_about_neighbours("Which councils near Rotherham are inadequate?")
    assert asks_about_neighbours("How does Leeds compare with its neighbours?")
    assert not asks_about_neighbours("What did Ofsted say about Leeds?")
    # "near" words ask about neighbours only right before a council's name
    assert not asks_about_neighbours("Are children in Leeds placed close to home?")
    assert not asks_about_neighbours("concerns around exploitation in Leeds")


def test_a_region_filter_keeps_its_councils_on_every_backend():
    leeds = Document(doc_id="a", path="a", title="a", kind=Kind.INSPECTION_REPORT, text="", authority="Leeds")
    kent = Document(doc_id="b", path="b", title="b", kind=Kind.INSPECTION_REPORT, text="", authority="Kent")
    yorkshire = SearchFilters(regions=("Yorkshire and the Humber",))
    assert document_matches(leeds, yorkshire) and not document_matches(kent, yorkshire)
    assert yorkshire.describe() == "region: Yorkshire and the Humber"
    expression = milvus_filter(yorkshire, 1)
    assert '"leeds"' in expression and '"kent"' not in expression
    assert len(councils_in(("Yorkshire and the Humber",))) == 15
