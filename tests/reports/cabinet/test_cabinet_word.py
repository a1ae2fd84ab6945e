"""The cabinet paper as a Word file: for every report kind the same numbered paragraphs as the
PDF, in Word's own heading styles and named paragraph styles, tables with repeating header
rows, "Page N of M" fields in the footer, a title and en-GB; a final report keeps its Word file
byte for byte."""

import io

import pytest
from django.db import connection, transaction
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from demo.seed import SEED_003
from evaluations.models import Inspection
from reports.cabinet.drafting import draft_report
from reports.cabinet.final import mark_final
from reports.cabinet.rendering import render_report_pdf
from reports.cabinet.saving import save_section
from reports.cabinet.word import render_report_docx, report_docx_bytes
from reports.models import CabinetReport, ReportKind
from reports.roles import rules as roles
from standards.action_plan import rules as action_plan
from standards.models import Framework, ImmutableRecordError
from tests import factories
from tests.evaluations.helpers import issued_like_seed
from tests.reports.documents import numbered_in_docx, numbered_in_text, pdf_text
from tests.standards.helpers import submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3, "3.4": 1, "7.2": 3}
KINDS = (ReportKind.EVALUATION, ReportKind.PROGRESS, ReportKind.INSPECTION)


@pytest.fixture(scope="module")
def papers(django_db_setup, django_db_blocker):
    """One report of each kind with every appendix it can have, rendered once as PDF and Word;
    the rows are rolled back straight after."""
    rendered = {}
    with django_db_blocker.unblock(), transaction.atomic():
        council = factories.council_a()
        officer, director = factories.officer_a(council), factories.director_a(council)
        audit_return = submitted_return(
            council, Framework.objects.current(), officer, director, BELOW_FOUR
        )
        issued_like_seed(audit_return, factories.inspector_a(council))
        action_plan.draft_actions_from(audit_return, director)
        roles.start_from_template(council, director)
        inspection = Inspection.objects.create(council=council, **SEED_003)
        for kind in KINDS:
            report = draft_report(
                council, kind, director, inspection=inspection if kind == "inspection" else None
            )
            rendered[kind] = (report, render_report_pdf(report), render_report_docx(report))
        transaction.set_rollback(True)
    return rendered


@pytest.mark.parametrize("kind", KINDS)
def test_the_word_file_has_the_pdfs_numbered_paragraphs(papers, kind):
    _, pdf, docx = papers[kind]
    in_pdf = numbered_in_text(pdf_text(pdf))
    assert len(in_pdf) > 10  # sections and their paragraphs, not an empty match
    assert numbered_in_docx(docx) == in_pdf


@pytest.mark.parametrize("kind", KINDS)
def test_sections_are_word_headings_and_paragraphs_numbered_styles(papers, kind):
    report, _, docx = papers[kind]
    document = Document(io.BytesIO(docx))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Heading 1"][0] == report.title
    assert by_style["Heading 2"][0].startswith("1.\t")
    assert "Decision status" in by_style["Heading 2"]
    assert all(text.split("\t")[0].count(".") == 1 for text in by_style["Numbered paragraph"])
    assert by_style["Numbered paragraph"][0].startswith("1.1\t")


def test_tables_mark_their_header_rows_to_repeat_and_rows_never_split(papers):
    _, _, docx = papers[ReportKind.PROGRESS]
    document = Document(io.BytesIO(docx))
    headed = [
        t
        for t in document.tables
        if t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    ]
    headers = [[c.text for c in t.rows[0].cells] for t in headed]
    assert ["Criterion", "Action", "Lead officer", "Target date", "Status", "Latest progress"] in (
        headers
    )
    assert any(h[0] == "Other implications" for h in headers)
    for table in document.tables:
        for row in table.rows[1:]:
            assert row._tr.trPr.find(qn("w:tblHeader")) is None
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_the_footer_numbers_pages_with_fields_and_the_file_has_a_title_and_language(papers):
    report, _, docx = papers[ReportKind.EVALUATION]
    document = Document(io.BytesIO(docx))
    footer = document.sections[0].footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert document.core_properties.title == f"Leicester City Council: {report.title}"
    assert document.core_properties.language == "en-GB"
    assert 'w:val="en-GB"' in document.styles.element.xml
    assert "(DRAFT)" in document.sections[0].header.paragraphs[0].text


# --- Download and the final report --------------------------------------------------------------


@pytest.fixture
def leicester_report(council_a, framework, officer, director, inspector):
    audit_return = submitted_return(council_a, framework, officer, director, BELOW_FOUR)
    issued_like_seed(audit_return, inspector)
    return draft_report(council_a, ReportKind.EVALUATION, director)


def test_bold_words_and_line_breaks_survive(director, leicester_report):
    section = leicester_report.sections.get(key="summary")
    body = "First **strong** line\nsecond line"
    save_section(section, director, section.revision, {"heading": section.heading, "body": body})
    document = Document(io.BytesIO(render_report_docx(leicester_report)))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("2.1\tFirst"))
    assert [r.text for r in paragraph.runs if r.bold] == ["strong"]
    assert paragraph.text == "2.1\tFirst strong line\nsecond line"


def test_the_word_copy_downloads_beside_the_pdf(client_for, director, leicester_report):
    client = client_for(director)
    page = client.get(reverse("cabinet:report", args=["509", leicester_report.pk])).content
    url = reverse("cabinet:docx", args=["509", leicester_report.pk])
    assert url.encode() in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"].endswith('-draft.docx"')
    assert Document(io.BytesIO(response.content)).paragraphs


def test_a_final_report_keeps_its_word_file_unchanged(
    client_for, director, officer, leicester_report
):
    final = mark_final(leicester_report, director, "Cabinet, 21 July 2003")
    kept = CabinetReport.objects.get(pk=final.pk).docx_bytes
    assert kept.startswith(b"PK")
    assert "(DRAFT)" not in Document(io.BytesIO(kept)).sections[0].header.paragraphs[0].text
    # The data the report was drawn from moves on: a statement of roles, progress on the plan.
    roles.start_from_template(final.council, director)
    action = action_plan.plan_of(final.audit_return.self_audit).actions.first()
    action_plan.record_progress(action, officer, action.revision, text="Done.", status="complete")
    stored = CabinetReport.objects.get(pk=final.pk)
    assert report_docx_bytes(stored) == kept
    stored.docx = b"changed"
    with pytest.raises(ImmutableRecordError):
        stored.save()
    client = client_for(director)
    url = reverse("cabinet:docx", args=["509", final.pk])
    response = client.get(url)
    assert response.content == kept
    assert response["Content-Disposition"].endswith('-final.docx"')
    # A report marked final before Word copies were kept (set below the model's guard, as the
    # migration leaves those rows) offers no Word file rather than one drawn from today's data.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE reports_cabinetreport SET docx = NULL WHERE id = %s", [final.pk])
    assert url.encode() not in client.get(reverse("cabinet:report", args=["509", final.pk])).content
    assert client.get(url).status_code == 404
