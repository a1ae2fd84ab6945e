"""Uploading a completed workbook into the draft (issue 4, item 3)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standards.models import Answer, AuditReturn
from standards.self_audit.rules import save_answers, self_audit_for, submit
from standards.spreadsheet.cells import (
    COLUMN_INDEX,
    COVER_SHEET,
    FIRST_ROW,
    HEADER_ROW,
    RETURN_SHEET,
)
from tests.standards.spreadsheet.helpers import (
    cell_of,
    confirm,
    draft_for,
    edit,
    export,
    fill,
    history_count,
    problems_in,
    snapshot,
    submitted_return,
    template,
    upload,
)

pytestmark = pytest.mark.django_db

IMPORTED = "Imported from a spreadsheet"


@pytest.fixture
def draft(council_a, framework, officer):
    return fill(draft_for(council_a, framework, officer), officer, rating=3)


@pytest.fixture
def officer_client(client_for, officer):
    return client_for(officer)


def _check_page(client, council):
    return client.get(reverse("spreadsheet:upload-check", args=[council.code]))


# --- Round trips ---------------------------------------------------------------------------


def test_uploading_an_unchanged_export_changes_nothing(officer_client, officer, council_a, draft):
    awkward = {
        "evidence": '=HYPERLINK("http://evil.example","x")\r\nsecond line',
        "improvement": "-1 vacancy\tby April ",
        "lead_officer": "@Head of Service",
    }
    answer = draft.answers.get(criterion__code="2.10")
    save_answers(
        draft, officer, {answer.criterion_id: (answer.revision, answer.values() | awkward)}
    )
    before, history_before = snapshot(draft), history_count(draft)

    response = upload(officer_client, council_a, export(draft))
    assert response.status_code == 302
    page = _check_page(officer_client, council_a)

    assert page.status_code == 200
    assert "No criteria will change" in page.content.decode()
    assert "Apply these changes" not in page.content.decode()
    assert page.context["preview"].changes == []
    assert snapshot(draft) == before
    assert history_count(draft) == history_before


def test_three_edited_cells_become_exactly_three_changes_in_the_history(
    officer_client, officer, council_a, draft
):
    before = snapshot(draft)

    def three_edits(workbook):
        cell_of(workbook, "1.1", "rating").value = 4
        cell_of(workbook, "2.10", "evidence").value = "Referral audit, March 2003"
        cell_of(workbook, "7.8", "target_date").value = datetime.date(2003, 7, 1)

    upload(officer_client, council_a, edit(export(draft), three_edits))
    page = _check_page(officer_client, council_a)

    assert "3 criteria will change" in page.content.decode()
    shown = {
        change.criterion.code: [(f.label, f.old, f.new) for f in change.fields]
        for change in page.context["preview"].changes
    }
    assert shown == {
        "1.1": [("Rating", "3", "4")],
        "2.10": [("Evidence and comment", "None", "Referral audit, March 2003")],
        "7.8": [("Target date", "1 April 2003", "1 July 2003")],
    }
    assert snapshot(draft) == before  # nothing applied before confirmation

    response = confirm(officer_client, council_a)

    assert response.status_code == 302
    assert response["Location"] == reverse("self_audit:overview", args=[council_a.code])
    after = snapshot(draft)
    differences = {
        (code, name)
        for code, (values, _) in after.items()
        for name, value in values.items()
        if before[code][0][name] != value
    }
    assert differences == {("1.1", "rating"), ("2.10", "evidence"), ("7.8", "target_date")}
    assert after["1.1"][0]["rating"] == 4
    assert after["7.8"][0]["target_date"] == datetime.date(2003, 7, 1)
    records = Answer.history.filter(audit_return_id=draft.pk, history_change_reason=IMPORTED)
    assert sorted(r.criterion.code for r in records) == ["1.1", "2.10", "7.8"]
    assert {r.history_user for r in records} == {officer}
    assert {
        a.updated_by
        for a in Answer.objects.filter(audit_return=draft, pk__in=[r.id for r in records])
    } == {officer}

    history = officer_client.get(reverse("self_audit:history", args=[council_a.code, "2.10"]))
    assert IMPORTED in history.content.decode()


def test_preview_warns_when_empty_cells_empty_answers(officer_client, council_a, draft):

    def clear(workbook):
        cell_of(workbook, "3.1", "improvement").value = None
        cell_of(workbook, "3.2", "rating").value = None

    upload(officer_client, council_a, edit(export(draft), clear))
    page = _check_page(officer_client, council_a)

    assert "2 criteria will change" in page.content.decode()
    assert "2 answers will be emptied because their cells are empty" in page.content.decode()
    assert [(f.old, f.new) for f in page.context["preview"].changes[1].fields] == [
        ("3", "Not rated")
    ]


def test_a_filled_template_starts_a_councils_first_version(officer_client, council_a, framework):
    audit = self_audit_for(council_a, framework)

    def rate_all(workbook):
        sheet = workbook[RETURN_SHEET]
        for row in range(FIRST_ROW, FIRST_ROW + 54):
            sheet.cell(row=row, column=COLUMN_INDEX["rating"]).value = 4

    upload(officer_client, council_a, edit(template(audit), rate_all))
    assert "54 criteria will change" in _check_page(officer_client, council_a).content.decode()
    confirm(officer_client, council_a)

    draft = audit.returns.get()
    assert draft.number == 1 and not draft.is_submitted
    assert set(draft.answers.values_list("rating", flat=True)) == {4}


# --- Bad input: one test per failure, each leaves the return untouched ----------------------


def _assert_refused(response, client, council, draft, before, expected: list[str]):
    assert response.status_code == 400
    assert problems_in(response) == expected
    html = response.content.decode()
    assert "There is a problem" in html
    assert html.count('href="#workbook"') == len(expected)
    assert response.context["has_errors"]
    assert f"spreadsheet-import:{council.code}" not in client.session
    assert snapshot(draft) == before


def _refused_edit(client, council, draft, change, expected):
    before = snapshot(draft)
    response = upload(client, council, edit(export(draft), change))
    _assert_refused(response, client, council, draft, before, expected)
    return response


def test_unknown_criterion_code(officer_client, council_a, draft):

    def change(workbook):
        cell_of(workbook, "7.8", "code").value = "9.9"

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Return sheet, row 57, column Code: 9.9 is not a criterion of climbie-2003 version "
            "1.0. Check the code",
            "Return sheet, column Code: there is no row for criterion 7.8",
        ],
    )


def test_row_without_a_criterion_code(officer_client, council_a, draft):

    def change(workbook):
        cell_of(workbook, "7.8", "code").value = None

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Return sheet, row 57, column Code: enter the criterion code for this row",
            "Return sheet, column Code: there is no row for criterion 7.8",
        ],
    )


def test_missing_criterion_row(officer_client, council_a, draft):

    def change(workbook):
        row = cell_of(workbook, "4.2", "code").row
        workbook[RETURN_SHEET].delete_rows(row)

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        ["Return sheet, column Code: there is no row for criterion 4.2"],
    )


def test_duplicate_criterion_code(officer_client, council_a, draft):

    def change(workbook):
        cell_of(workbook, "7.8", "code").value = "7.7"

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Return sheet, row 57, column Code: criterion 7.7 appears more than once "
            "(also in row 56)",
            "Return sheet, column Code: there is no row for criterion 7.8",
        ],
    )


@pytest.mark.parametrize("rating", [7, 0, "three", 2.5, "=2+2"])
def test_rating_not_from_1_to_4(officer_client, council_a, draft, rating):

    def change(workbook):
        cell_of(workbook, "2.10", "rating").value = rating

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        ["Return sheet, row 20, column Rating: enter a rating from 1 to 4 for 2.10"],
    )


@pytest.mark.parametrize("value", ["31/02/2003", "next April", 37739])
def test_target_date_not_a_real_date(officer_client, council_a, draft, value):

    def change(workbook):
        cell = cell_of(workbook, "2.10", "target_date")
        cell.value = value
        cell.number_format = "General"

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Return sheet, row 20, column Target date: enter the target date for 2.10 as a "
            "real date, for example 28/04/2003"
        ],
    )


def test_text_too_long(officer_client, council_a, draft):

    def change(workbook):
        cell_of(workbook, "2.10", "lead_officer").value = "L" * 121

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Return sheet, row 20, column Lead officer: lead officer for 2.10 must be 120 "
            "characters or fewer"
        ],
    )


def test_formula_in_an_answer_is_refused(officer_client, council_a, draft):

    def change(workbook):
        cell_of(workbook, "2.10", "evidence").value = '=WEBSERVICE("http://evil.example")'

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Return sheet, row 20, column Evidence and comment: evidence and comment for 2.10 "
            "must be text, not a formula"
        ],
    )


def test_every_problem_is_reported_at_once(officer_client, council_a, draft):

    def change(workbook):
        cell_of(workbook, "1.1", "rating").value = 5
        cell_of(workbook, "3.2", "target_date").value = "soon"

    response = _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Return sheet, row 4, column Rating: enter a rating from 1 to 4 for 1.1",
            "Return sheet, row 27, column Target date: enter the target date for 3.2 as a real "
            "date, for example 28/04/2003",
        ],
    )
    assert "The selected file has 2 problems" in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1


def test_workbook_of_another_council(
    officer_client, council_a, council_b, officer_b, framework, draft
):
    theirs = draft_for(council_b, framework, officer_b)
    before = snapshot(draft)

    response = upload(officer_client, council_a, export(theirs))

    _assert_refused(
        response,
        officer_client,
        council_a,
        draft,
        before,
        [
            "Cover sheet, row 5, column B: this workbook is for Derby (510), not Leicester "
            "(509). Download the template from your own self-audit page"
        ],
    )


def test_workbook_of_another_framework(officer_client, council_a, draft):

    def change(workbook):
        workbook[COVER_SHEET]["B7"] = "climbie-2009"

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Cover sheet, row 7, column B: this workbook is for the framework “climbie-2009”, "
            "not climbie-2003. Download a new template from your self-audit page"
        ],
    )


def test_workbook_of_another_framework_version(officer_client, council_a, draft):

    def change(workbook):
        workbook[COVER_SHEET]["B8"] = "0.9"

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Cover sheet, row 8, column B: this workbook is for version 0.9 of the framework, "
            "not version 1.0. Download a new template from your self-audit page"
        ],
    )


@pytest.mark.parametrize(
    ("sheet", "expected"),
    [
        (
            "Return",
            "Return sheet: the workbook has no sheet called Return. Download the template "
            "again and copy your answers into it",
        ),
        (
            "Cover",
            "Cover sheet: the workbook has no sheet called Cover. Download the template "
            "again and copy your answers into it",
        ),
    ],
)
def test_missing_sheet(officer_client, council_a, draft, sheet, expected):

    def change(workbook):
        workbook[sheet].title = "Sheet1"

    _refused_edit(officer_client, council_a, draft, change, [expected])


def test_missing_column(officer_client, council_a, draft):

    def change(workbook):
        workbook[RETURN_SHEET].cell(
            row=HEADER_ROW, column=COLUMN_INDEX["target_date"]
        ).value = "When"

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Return sheet, row 3: there is no column headed “Target date”. Download the "
            "template again and copy your answers into it"
        ],
    )


def test_no_file_selected(officer_client, council_a, draft):
    before = snapshot(draft)

    response = officer_client.post(reverse("spreadsheet:upload", args=[council_a.code]), {})

    _assert_refused(
        response, officer_client, council_a, draft, before, ["Select a spreadsheet to upload"]
    )


def test_a_refused_file_does_not_start_a_return(officer_client, council_a, framework):
    audit = self_audit_for(council_a, framework)

    def change(workbook):
        cell_of(workbook, "1.1", "rating").value = 9

    response = upload(officer_client, council_a, edit(template(audit), change))

    assert response.status_code == 400
    assert not audit.returns.exists()


def test_columns_may_move_and_heading_rows_may_be_added(officer_client, council_a, draft):
    """Matching is by heading and code, not by position."""

    def change(workbook):
        sheet = workbook[RETURN_SHEET]
        sheet.insert_rows(1, amount=2)
        cell_of(workbook, "5.1", "rating").value = 4

    upload(officer_client, council_a, edit(export(draft), change))

    assert "1 criterion will change" in _check_page(officer_client, council_a).content.decode()


# --- Between preview and confirmation --------------------------------------------------------


def _edit_rating(draft, code, rating):
    def change(workbook):
        cell_of(workbook, code, "rating").value = rating

    return edit(export(draft), change)


def test_change_by_someone_else_after_the_preview_is_detected(
    officer_client, council_a, draft, director
):
    upload(officer_client, council_a, _edit_rating(draft, "1.1", 4))
    answer = draft.answers.get(criterion__code="1.1")
    save_answers(
        draft, director, {answer.criterion_id: (answer.revision, answer.values() | {"rating": 1})}
    )
    before = snapshot(draft)

    page = _check_page(officer_client, council_a)
    assert "Someone else changed 1.1 after you uploaded" in page.content.decode()
    assert "Apply these changes" not in page.content.decode()

    response = confirm(officer_client, council_a)

    assert response.status_code == 409
    assert problems_in(response) == [
        "Someone else changed 1.1 after you uploaded the spreadsheet. Nothing has been saved. "
        "Upload the spreadsheet again to compare it with the latest answers"
    ]
    assert snapshot(draft) == before
    assert snapshot(draft)["1.1"][0]["rating"] == 1


def test_a_change_to_another_criterion_in_between_does_not_block_the_import(
    officer_client, council_a, draft, director
):
    upload(officer_client, council_a, _edit_rating(draft, "1.1", 4))
    other = draft.answers.get(criterion__code="6.1")
    save_answers(
        draft, director, {other.criterion_id: (other.revision, other.values() | {"rating": 2})}
    )

    confirm(officer_client, council_a)

    after = snapshot(draft)
    assert after["1.1"][0]["rating"] == 4
    assert after["6.1"][0]["rating"] == 2


def test_submission_between_preview_and_confirmation_applies_nothing(
    officer_client, council_a, framework, director
):
    draft = fill(draft_for(council_a, framework, director), director, rating=4)
    upload(officer_client, council_a, _edit_rating(draft, "1.1", 3))
    submit(draft, director, notify=False)
    before = snapshot(draft)

    response = confirm(officer_client, council_a)

    assert response.status_code == 302
    assert snapshot(draft) == before
    assert not Answer.history.filter(history_change_reason=IMPORTED).exists()


def test_a_stale_token_applies_nothing(officer_client, council_a, draft):
    upload(officer_client, council_a, _edit_rating(draft, "1.1", 4))
    before = snapshot(draft)

    response = officer_client.post(
        reverse("spreadsheet:upload-check", args=[council_a.code]), {"token": "not-the-token"}
    )

    assert response.status_code == 302
    assert snapshot(draft) == before


def test_confirming_twice_applies_once(officer_client, council_a, draft):
    upload(officer_client, council_a, _edit_rating(draft, "1.1", 4))
    token = officer_client.session[f"spreadsheet-import:{council_a.code}"]["token"]
    url = reverse("spreadsheet:upload-check", args=[council_a.code])
    officer_client.post(url, {"token": token})

    again = officer_client.post(url, {"token": token})

    assert again.status_code == 302
    assert again["Location"] == reverse("spreadsheet:upload", args=[council_a.code])
    assert Answer.history.filter(history_change_reason=IMPORTED).count() == 1


# --- Who may upload, and into what ----------------------------------------------------------


def test_a_submitted_version_cannot_be_uploaded_into(client_for, director, council_a, framework):
    submitted = submitted_return(council_a, framework, director, rating=4)
    before = snapshot(submitted)

    response = upload(client_for(director), council_a, _edit_rating(submitted, "1.1", 2))

    assert response.status_code == 302
    assert response["Location"] == reverse("self_audit:overview", args=[council_a.code])
    assert snapshot(submitted) == before
    assert AuditReturn.objects.filter(self_audit=submitted.self_audit).count() == 1
    page = client_for(director).get(reverse("spreadsheet:upload", args=[council_a.code]))
    assert page.status_code == 302


def test_directors_upload_too(client_for, director, council_a, draft):
    client = client_for(director)
    upload(client, council_a, _edit_rating(draft, "1.1", 4))
    confirm(client, council_a)

    record = Answer.history.get(history_change_reason=IMPORTED)
    assert record.history_user == director


@pytest.mark.parametrize("who", ["officer_b", "director_b", "inspector", "administrator"])
def test_only_the_councils_own_people_upload(request, client_for, council_a, draft, who):
    client = client_for(request.getfixturevalue(who))
    before = snapshot(draft)
    upload_url = reverse("spreadsheet:upload", args=[council_a.code])

    assert client.get(upload_url).status_code == 404
    assert upload(client, council_a, _edit_rating(draft, "1.1", 4)).status_code == 404
    check_url = reverse("spreadsheet:upload-check", args=[council_a.code])
    assert client.post(check_url, {"token": "x"}).status_code == 404
    assert snapshot(draft) == before


def test_upload_page_renders_with_both_downloads(officer_client, council_a, draft):
    page = officer_client.get(reverse("spreadsheet:upload", args=[council_a.code]))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert reverse("spreadsheet:template", args=[council_a.code]) in html
    assert reverse("spreadsheet:download", args=[council_a.code, draft.number]) in html


def test_upload_and_preview_query_counts_do_not_grow_with_the_changes(
    officer_client, council_a, draft
):
    def rate_first(count):
        def change(workbook):
            sheet = workbook[RETURN_SHEET]
            for row in range(FIRST_ROW, FIRST_ROW + count):
                sheet.cell(row=row, column=COLUMN_INDEX["rating"]).value = 1

        return edit(export(draft), change)

    counts = []
    for changes in (1, 54):
        data = rate_first(changes)
        cache.clear()  # both counted with nothing cached: the most they ever run
        with CaptureQueriesContext(connection) as uploading:
            upload(officer_client, council_a, data)
        cache.clear()
        with CaptureQueriesContext(connection) as previewing:
            page = _check_page(officer_client, council_a)
        assert len(page.context["preview"].changes) == changes
        counts.append((len(uploading), len(previewing)))

    assert counts[0] == counts[1]
    assert counts[0][0] <= 16 and counts[0][1] <= 16  # with nothing cached


def test_content_below_the_return_is_refused(officer_client, council_a, draft):
    def change(workbook):
        workbook[RETURN_SHEET].cell(row=600, column=COLUMN_INDEX["code"]).value = "1.1"

    _refused_edit(
        officer_client,
        council_a,
        draft,
        change,
        [
            "Return sheet, row 600: a return has one row for each criterion and nothing below "
            "row 510. Remove this row"
        ],
    )
