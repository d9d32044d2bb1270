"""Audits of the seed press releases and article: claims split out, checked against primary sources only."""

from __future__ import annotations

import csv
import io
import json

import pytest

from assistant.claims.audit import is_ofsted_problem, split_claims
from assistant.errors import InvalidInput
from assistant.render import render_audit
from assistant.types import Verdict

pytestmark = pytest.mark.slow

LETTER = "ofsted-monitoring-visit-letter-rotherham-care-leavers-2017-06-13"
ROTHERHAM_2017 = "rotherham-council-press-release-care-leavers-monitoring-visit-2017-06-13"
ROTHERHAM_2022 = "rotherham-council-press-release-ofsted-inspection-good-2022"
LEICESTER = "leicester-city-council-press-release-care-leavers-monitoring-visit-2016-08-01"
ARTICLE = "community-care-article-rotherham-then-and-now-2014-2017"
SECONDARY = [ROTHERHAM_2017, ROTHERHAM_2022, LEICESTER, ARTICLE]


@pytest.fixture(scope="module")
def audits(assistant):
    return {doc_id: assistant.audit(doc_id) for doc_id in SECONDARY}


def row_for(report, start_of_claim: str):
    return next(r for r in report.rows if r.claim.startswith(start_of_claim))


@pytest.mark.parametrize("doc_id", SECONDARY)
def test_every_audit_checks_only_against_primary_sources(assistant, audits, doc_id):
    report = audits[doc_id]
    assert report.rows and sum(report.counts.values()) == len(report.rows)
    text = assistant.documents[doc_id].text
    for row in report.rows:
        assert text[row.start : row.end] == row.claim
        for evidence in row.check.evidence:
            assert evidence.doc_id != doc_id and evidence.primary


@pytest.mark.parametrize("doc_id", SECONDARY)
def test_boilerplate_is_not_a_claim(audits, doc_id):
    claims = " ".join(r.claim for r in audits[doc_id].rows).lower()
    for boilerplate in ("skip to content", "go to ofsted", "please visit", "link to instagram", "comments are closed"):
        assert boilerplate not in claims
    assert not any(r.claim.lower().startswith("published") for r in audits[doc_id].rows)


def test_rotherham_2017_release_against_the_letter(audits):
    report = audits[ROTHERHAM_2017]
    assert report.against and "inspection letter" in report.against[0]
    assert row_for(report, "Rotherham Council is making progress").check.verdict is Verdict.SUPPORTED
    assert row_for(report, "a clear focus").check.verdict is Verdict.VERBATIM
    assert row_for(report, "a clear focus").attribution == "inspectors"
    councillor = row_for(report, "Councillor Gordon Watson")
    assert councillor.attribution == "council spokesperson" and councillor.check.verdict is Verdict.NOT_FOUND
    # The councillor's quote runs on into the next paragraphs: still his words, not the inspectors'.
    assert row_for(report, "We are striving for excellence").attribution == "council spokesperson"
    # The release claims inspectors praised quick identification of exploitation risk; the letter does not say so.
    praised = row_for(report, "In particular inspectors praised")
    assert praised.check.verdict in (Verdict.NOT_FOUND, Verdict.ALTERED)
    assert report.counts["verbatim"] + report.counts["supported"] >= 4


def test_leicester_release_has_no_primary_source_about_leicester(audits, assistant):
    report = audits[LEICESTER]
    assert report.against == []
    assert any("No inspection letter or report about Leicester" in w for w in report.warnings)
    assert report.counts["not_found"] == len(report.rows)
    # Naming Rotherham's letter explicitly does not let it confirm claims about Leicester.
    forced = assistant.audit(LEICESTER, against=LETTER)
    assert forced.against == [] and any("about Rotherham" in w for w in forced.warnings)


def test_2022_release_is_flagged_as_far_from_the_2017_letter(audits):
    report = audits[ROTHERHAM_2022]
    assert any("months from this document" in w for w in report.warnings)
    quote = row_for(report, "Children’s services are a clear priority for the Council")
    assert quote.attribution == "inspectors"
    assert quote.check.verdict is Verdict.NOT_FOUND
    assert "attributed to inspectors" in quote.check.source_note


def test_headlines_quotes_and_own_statements_are_marked_not_failed(audits):
    report = audits[ROTHERHAM_2017]
    assert row_for(report, "Council improving services for its care leavers").attribution == "headline"
    others = [r for r in report.rows if r.attribution != "inspectors" and r.check.verdict is Verdict.NOT_FOUND]
    assert others and all("not attributed to Ofsted" in r.check.source_note for r in others)
    table = render_audit(report, "md")
    assert "| quote |" in table or "| own statement |" in table


@pytest.mark.parametrize("doc_id", SECONDARY)
def test_ofsted_attributed_claims_not_confirmed_come_first(audits, doc_id):
    report = audits[doc_id]
    flags = [is_ofsted_problem(r) for r in report.rows]
    assert flags == sorted(flags, reverse=True)
    assert sorted(r.n for r in report.rows) == list(range(1, len(report.rows) + 1))
    assert "Attributed to Ofsted:" in render_audit(report, "md")


def test_quoted_spans_become_claims():
    text = "Inspectors said there was “a clear focus on training” for staff in the service.\n"
    claims = split_claims(text)
    assert [c.text for c in claims] == [text.strip(), "a clear focus on training"]
    assert all(c.attribution == "inspectors" for c in claims)


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_audit_renders_in_every_format(audits, fmt):
    report = audits[ROTHERHAM_2017]
    out = render_audit(report, fmt)
    if fmt == "json":
        assert len(json.loads(out)["rows"]) == len(report.rows)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == len(report.rows) and {r["verdict"] for r in rows} <= {v.value for v in Verdict}
    else:
        assert out.startswith("# Audit: ") and "| # | verdict | claim |" in out
        assert out.count("\n| ") == len(report.rows) + 1
        assert "Counts: verbatim" in out


def test_audit_of_a_file_outside_the_corpus(assistant, tmp_path):
    path = tmp_path / "draft-release.txt"
    path.write_text(
        "Draft release\n\nOfsted said there is a clear focus on engaging young people in education, employment "
        "and training.\n\nInspectors found that most young people have experienced a lack of support from their "
        "social workers.\n",
        encoding="utf-8",
    )
    report = assistant.audit(str(path), against=LETTER)
    verdicts = [r.check.verdict for r in sorted(report.rows, key=lambda r: r.n)]
    assert verdicts == [Verdict.VERBATIM, Verdict.ALTERED]
    # The altered claim attributed to inspectors comes first; downloads and tables keep that order.
    assert report.rows[0].check.verdict is Verdict.ALTERED and report.rows[0].attribution == "inspectors"
    assert report.against[0].startswith("Monitoring visit of Rotherham")


def test_audit_refuses_bad_arguments(assistant):
    with pytest.raises(InvalidInput, match="neither a file nor an indexed document"):
        assistant.audit("no-such-document")
    with pytest.raises(InvalidInput, match="cannot confirm itself"):
        assistant.audit(ROTHERHAM_2017, against=ROTHERHAM_2017)
    with pytest.raises(InvalidInput, match="neither a kind"):
        assistant.audit(ROTHERHAM_2017, against="gossip")
    with pytest.raises(InvalidInput, match="format"):
        render_audit(assistant.audit(ROTHERHAM_2017), "xlsx")
