"""Shared helpers for the spreadsheet tests (no tests here)."""

import datetime
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from standards.models import Answer, AuditReturn
from standards.self_audit.rules import open_draft, save_answers, self_audit_for, submit
from standards.spreadsheet.cells import COLUMN_INDEX, FIRST_ROW, RETURN_SHEET, XLSX_CONTENT_TYPE
from standards.spreadsheet.export import return_workbook, workbook_bytes

XLSX = XLSX_CONTENT_TYPE


def draft_for(council, framework, user) -> AuditReturn:
    return open_draft(self_audit_for(council, framework), user)


def fill(draft, user, rating=4, **extra):
    """Rate every criterion; below 4 also gets a plan, so the return can be submitted."""
    changes = {}
    for answer in draft.answers.select_related("criterion"):
        values = answer.values() | {"rating": rating}
        if rating < 4:
            values |= {
                "improvement": f"Improve {answer.criterion.code}",
                "target_date": datetime.date(2003, 4, 1),
            }
        values |= extra
        changes[answer.criterion_id] = (answer.revision, values)
    save_answers(draft, user, changes, reason="Test data")
    return draft


def submitted_return(council, framework, director, rating=4, **extra) -> AuditReturn:
    draft = fill(draft_for(council, framework, director), director, rating, **extra)
    return submit(draft, director, notify=False)


def export(draft) -> bytes:
    return workbook_bytes(return_workbook(draft.self_audit, draft))


def template(audit) -> bytes:
    return workbook_bytes(return_workbook(audit))


def edit(data: bytes, change) -> bytes:
    """Open a workbook with openpyxl as a person's spreadsheet program would, change, save."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell_of(workbook, code: str, key: str):
    """The Return sheet cell of a criterion's column (by column key)."""
    sheet = workbook[RETURN_SHEET]
    column = COLUMN_INDEX[key]
    for row in range(FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row=row, column=COLUMN_INDEX["code"]).value == code:
            return sheet.cell(row=row, column=column)
    raise AssertionError(f"no row for {code}")


def upload(client, council, data: bytes, name="return.xlsx", follow=False):
    return client.post(
        reverse("spreadsheet:upload", args=[council.code]),
        {"workbook": SimpleUploadedFile(name, data, content_type=XLSX)},
        follow=follow,
    )


def confirm(client, council):
    check_url = reverse("spreadsheet:upload-check", args=[council.code])
    token = client.session[f"spreadsheet-import:{council.code}"]["token"]
    return client.post(check_url, {"token": token})


def snapshot(audit_return) -> dict:
    """Everything an import could touch, by criterion code."""
    return {
        a.criterion.code: (a.values(), a.revision)
        for a in Answer.objects.filter(audit_return=audit_return).select_related("criterion")
    }


def history_count(audit_return) -> int:
    return Answer.history.filter(audit_return_id=audit_return.pk).count()


def problems_in(response) -> list[str]:
    return [message for _, message in response.context["error_links"]]
