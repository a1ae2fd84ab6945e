"""The action plan as CSV and XLSX, as at a date: one row per action, grouped as the plan page
groups them (standard, criterion), with real dates (ISO in CSV, date cells in XLSX) and numbers.

Text a spreadsheet would run as a formula stays text (CSV: a leading apostrophe; XLSX: a text
cell with Excel's quote prefix, as the return's workbook does)."""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font

from standards.action_plan import progress
from standards.action_plan import rules as action_plan
from standards.models import ActionStatus, ImprovementAction
from standards.spreadsheet.cells import FORMULA_TRIGGERS, put

DATE_FORMAT = "d mmm yyyy"


@dataclass(frozen=True)
class ExportColumn:
    heading: str
    width: float
    is_date: bool = False


COLUMNS = (
    ExportColumn("Standard", 10),
    ExportColumn("Criterion", 10),
    ExportColumn("Action", 50),
    ExportColumn("Detail of the action", 60),
    ExportColumn("Lead officer", 24),
    ExportColumn("Start date", 14, is_date=True),
    ExportColumn("Start shown as month", 12),
    ExportColumn("Target date", 14, is_date=True),
    ExportColumn("Laming deadline", 14, is_date=True),
    ExportColumn("Status", 14),
    ExportColumn("Date completed", 14, is_date=True),
    ExportColumn("Past its target date", 12),
    ExportColumn("Monitoring arrangements", 40),
    ExportColumn("Progress as at", 14, is_date=True),
    ExportColumn("Progress", 60),
    ExportColumn("Next action agreed", 40),
)


def as_at_from(value: str | None, today: datetime.date) -> datetime.date:
    """The ?as_at=YYYY-MM-DD of an export link; anything else is today (never an error)."""
    try:
        return datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return today


def plan_rows(actions: Iterable[ImprovementAction], on: datetime.date) -> list[list[object]]:
    """One row per action as at `on`, in the plan's order (actions from actions_with_detail)."""
    rows: list[list[object]] = []
    for action in actions:
        criterion = action.criterion
        status = progress.status_as_at(action, on)
        latest = progress.latest_progress(action, on)
        rows.append(
            [
                criterion.standard.number,
                criterion.code,
                action.title,
                action.action,
                action.lead_officer,
                action.start_date,
                "Yes" if action.start_as_month else "No",
                action.target_date,
                criterion.laming_deadline,
                str(ActionStatus(status).label),
                action.completed_on if status == ActionStatus.COMPLETE else None,
                "Yes" if action_plan.is_past_target_date(action, on) else "No",
                action.monitoring,
                latest.as_at if latest is not None else None,
                latest.text if latest is not None else "",
                latest.next_action if latest is not None else "",
            ]
        )
    return rows


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def as_csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.heading for c in COLUMNS])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue()


def as_xlsx(rows: list[list[object]], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = "Action plan"
    put(sheet.cell(row=1, column=1), title).font = Font(bold=True, size=14)
    for index, column in enumerate(COLUMNS, start=1):
        heading = sheet.cell(row=2, column=index, value=column.heading)
        heading.font = Font(bold=True)
        heading.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[heading.column_letter].width = column.width
    for row_number, row in enumerate(rows, start=3):
        for index, (column, value) in enumerate(zip(COLUMNS, row, strict=True), start=1):
            cell: Cell = sheet.cell(row=row_number, column=index)
            put(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.is_date and value is not None:
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "C3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
