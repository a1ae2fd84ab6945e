"""A submitted version of the return as a PDF and a Word copy, laid out like SSI's return: every
criterion with its rating, evidence, improvement, lead officer and target date; tagged and
titled; a draft is not a document; another council's people get 404."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from standards.self_audit.documents import return_document
from tests.reports.documents import pdf_text
from tests.standards.helpers import draft_for, submitted_return

RATINGS = {"1.1": 2, "2.10": 3}


@pytest.fixture
def version_1(council_a, framework, officer, director):
    return submitted_return(council_a, framework, officer, director, RATINGS)


def test_the_layout_has_every_criterion_in_framework_order(version_1):
    layout = return_document(version_1)
    codes = [row.code for part in layout.standards for row in part.rows]
    assert len(codes) == 54 and codes.index("2.9") + 1 == codes.index("2.10")
    row = next(r for p in layout.standards for r in p.rows if r.code == "1.1")
    assert (row.rating, row.evidence, row.improvement) == ("2", "Evidence for 1.1", "Improve 1.1")
    assert (row.lead_officer, row.target_date) == ("Service manager", "1 Apr 2003")
    assert row.deadline  # the Laming deadline, derived from the recommendations


def test_the_layout_is_read_in_a_fixed_number_of_queries(version_1):
    with CaptureQueriesContext(connection) as queries:
        return_document(version_1)
    assert len(queries) <= 8  # not one per criterion (54)


def test_the_pdf_is_tagged_titled_and_carries_every_answer(client_for, officer, version_1):
    response = client_for(officer).get(reverse("self_audit:version_pdf", args=["509", 1]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="self-audit-509-v1.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == ("Leicester: Victoria Climbié self-audit return, version 1")
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB" and "/StructTreeRoot" in catalog
    text = " ".join(pdf_text(response.content).split())
    for needed in ("Evidence for 2.10", "Improve 2.10", "Service manager", "Standard 7"):
        assert needed in text


def test_the_word_copy_has_the_same_rows_with_repeating_headers(client_for, officer, version_1):
    response = client_for(officer).get(reverse("self_audit:version_docx", args=["509", 1]))
    assert response.status_code == 200
    assert 'filename="self-audit-509-v1.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert document.core_properties.language == "en-GB"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[0].startswith("Standard 1:") and len(headings) == 7
    criteria = [t for t in document.tables if t.rows[0].cells[0].text == "Code"]
    assert all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in criteria)
    rows = {r.cells[0].text: [c.text for c in r.cells] for t in criteria for r in t.rows[1:]}
    assert len(rows) == 54
    assert rows["2.10"][2:] == [
        "3",
        "Evidence for 2.10",
        "Improve 2.10",
        "Service manager",
        "1 Apr 2003",
    ]


def test_the_versions_page_offers_documents_for_submitted_versions_only(
    client_for, officer, director, framework, council_a, version_1
):
    draft_for(council_a, framework, officer)  # version 2, a draft
    client = client_for(officer)
    page = client.get(reverse("self_audit:versions", args=["509"])).content.decode()
    assert reverse("self_audit:version_pdf", args=["509", 1]) in page
    assert reverse("self_audit:version_docx", args=["509", 1]) in page
    assert reverse("self_audit:version_pdf", args=["509", 2]) not in page
    assert client.get(reverse("self_audit:version_pdf", args=["509", 2])).status_code == 404
    assert client.get(reverse("self_audit:version_docx", args=["509", 2])).status_code == 404


def test_another_council_gets_404(client_for, director_b, version_1):
    client = client_for(director_b)
    for name in ("self_audit:version_pdf", "self_audit:version_docx"):
        assert client.get(reverse(name, args=["509", 1])).status_code == 404
