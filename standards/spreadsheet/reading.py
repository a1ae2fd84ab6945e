"""Reading an uploaded return workbook back: every row checked, every problem reported, values
returned only for a wholly valid workbook.

Uploaded bytes reach `read_return` only after standards.spreadsheet.upload_safety has checked
them. openpyxl parses XML through defusedxml whenever defusedxml is installed (it is a
dependency).
"""

import datetime
import io
import logging
from dataclasses import dataclass
from typing import Any, Literal

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from climbie_audit import limits
from climbie_audit.limits import normalise_text
from standards.models import RATING_LEVELS, Criterion, SelfAudit
from standards.spreadsheet.cells import (
    COLUMN,
    COVER_COUNCIL,
    COVER_COUNCIL_CODE,
    COVER_FRAMEWORK_CODE,
    COVER_FRAMEWORK_VERSION,
    COVER_SHEET,
    IDENTIFYING_LABELS,
    REQUIRED_COLUMNS,
    RETURN_SHEET,
    Column,
)

logger = logging.getLogger(__name__)

# Where to look for the heading row if someone inserted rows above it.
HEADER_SEARCH_ROWS = 10
MAX_DATA_ROWS = 500
SCAN_PAST_LAST_ROWS = 5000
MAX_READ_COLUMNS = 40
MAX_REPORTED_PROBLEMS = 100

UNREADABLE = (
    "The selected file could not be read as an Excel workbook. "
    "Save it again as an Excel Workbook (.xlsx)"
)


@dataclass
class Problem:
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.sheet is None:
            return self.message
        where = f"{self.sheet} sheet"
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class WorkbookRejected(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:3]))
        self.problems = problems


# openpyxl ships no types: its workbooks, sheets and cells are Any here.


def read_return(data: bytes, audit: SelfAudit) -> dict[int, dict[str, object]]:
    """{criterion id: answer values} from an uploaded workbook, or WorkbookRejected.

    Every row is checked and every problem reported; values are returned only for a wholly
    valid workbook, so nothing can be half-applied.
    """
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False, rich_text=False
        )
    except Exception as error:  # hostile or damaged files fail in many different ways
        logger.info("Unreadable workbook upload: %r", error)
        raise WorkbookRejected([Problem(UNREADABLE)]) from error
    try:
        return _read_workbook(workbook, audit)
    except WorkbookRejected:
        raise
    except Exception as error:  # openpyxl parses lazily: damage can surface while reading rows
        # A damaged upload is the user's problem, not the service's: log it quietly.
        logger.info("Workbook upload failed while reading", exc_info=True)
        raise WorkbookRejected([Problem(UNREADABLE)]) from error
    finally:
        workbook.close()


def _read_workbook(workbook: Any, audit: SelfAudit) -> dict[int, dict[str, object]]:
    framework = audit.framework
    if COVER_SHEET not in workbook.sheetnames:
        raise WorkbookRejected(
            [
                Problem(
                    f"the workbook has no sheet called {COVER_SHEET}. "
                    "Download the template again and copy your answers into it",
                    sheet=COVER_SHEET,
                )
            ]
        )
    problems = _check_cover(workbook[COVER_SHEET], audit)
    if problems:
        raise WorkbookRejected(problems)
    if RETURN_SHEET not in workbook.sheetnames:
        raise WorkbookRejected(
            [
                Problem(
                    f"the workbook has no sheet called {RETURN_SHEET}. "
                    "Download the template again and copy your answers into it",
                    sheet=RETURN_SHEET,
                )
            ]
        )
    sheet = workbook[RETURN_SHEET]
    criteria = {
        c.code: c
        for c in Criterion.objects.filter(standard__framework=framework).order_by(
            "standard__number", "number"
        )
    }
    # Rows beyond the last allowed one are read only to refuse content there; the scan is
    # bounded so a sheet claiming a million rows costs no more than this.
    last_allowed = HEADER_SEARCH_ROWS + MAX_DATA_ROWS
    rows = sheet.iter_rows(
        min_row=1, max_row=last_allowed + SCAN_PAST_LAST_ROWS, max_col=MAX_READ_COLUMNS
    )
    header_row: int | None = None
    positions: dict[str, int] = {}
    problems = []
    values_by_criterion: dict[int, dict[str, object]] = {}
    first_row_of: dict[str, int] = {}
    for row_number, cells in enumerate(rows, start=1):
        if header_row is None:
            headings = [_heading(cell.value) for cell in cells]
            if "code" in headings:
                header_row = row_number
                positions, missing = _column_positions(headings)
                if missing:
                    raise WorkbookRejected(
                        [
                            Problem(
                                f"there is no column headed “{column.heading}”. Download the "
                                "template again and copy your answers into it",
                                sheet=RETURN_SHEET,
                                row=header_row,
                            )
                            for column in missing
                        ]
                    )
            elif row_number >= HEADER_SEARCH_ROWS:
                break
            continue
        row = {key: cells[index] for key, index in positions.items()}
        if all(_is_blank(cell.value) for cell in row.values()):
            continue
        if row_number > last_allowed:
            problems.append(
                Problem(
                    f"a return has one row for each criterion and nothing below row "
                    f"{last_allowed}. Remove this row",
                    RETURN_SHEET,
                    row_number,
                )
            )
            break
        code = cell_text(row["code"].value)
        if not code:
            problems.append(
                Problem(
                    "enter the criterion code for this row",
                    RETURN_SHEET,
                    row_number,
                    COLUMN["code"].label,
                )
            )
            continue
        criterion = criteria.get(code)
        if criterion is None:
            problems.append(
                Problem(
                    f"{code} is not a criterion of {framework.code} version {framework.version}. "
                    "Check the code",
                    RETURN_SHEET,
                    row_number,
                    COLUMN["code"].label,
                )
            )
            continue
        if code in first_row_of:
            problems.append(
                Problem(
                    f"criterion {code} appears more than once (also in row {first_row_of[code]})",
                    RETURN_SHEET,
                    row_number,
                    COLUMN["code"].label,
                )
            )
            continue
        first_row_of[code] = row_number
        values, row_problems = _row_values(row, code, row_number)
        problems.extend(row_problems)
        values_by_criterion[criterion.pk] = values
        if len(problems) > MAX_REPORTED_PROBLEMS:
            break
    if header_row is None:
        raise WorkbookRejected(
            [
                Problem(
                    f"there is no heading row with a “{COLUMN['code'].heading}” column. "
                    "Download the template again and copy your answers into it",
                    sheet=RETURN_SHEET,
                )
            ]
        )
    if len(problems) <= MAX_REPORTED_PROBLEMS:
        problems.extend(
            Problem(
                f"there is no row for criterion {code}",
                RETURN_SHEET,
                column=COLUMN["code"].label,
            )
            for code in criteria
            if code not in first_row_of
        )
    if problems:
        raise WorkbookRejected(problems)
    return values_by_criterion


def _heading(value: object) -> str:
    return " ".join(str(value).split()).lower() if value is not None else ""


def _column_positions(headings: list[str]) -> tuple[dict[str, int], list[Column]]:
    positions: dict[str, int] = {}
    missing: list[Column] = []
    for column in REQUIRED_COLUMNS:
        accepted = {_heading(column.heading), _heading(column.label)}
        index = next((i for i, heading in enumerate(headings) if heading in accepted), None)
        if index is None:
            missing.append(column)
        else:
            positions[column.key] = index
    return positions, missing


def _check_cover(cover: Any, audit: SelfAudit) -> list[Problem]:
    council, framework = audit.council, audit.framework
    found: dict[str, tuple[int, object]] = {}
    for row_number, cells in enumerate(cover.iter_rows(min_row=1, max_row=40, max_col=2), 1):
        if len(cells) < 2:
            continue
        label = _heading(cells[0].value)
        if label and label not in found:
            found[label] = (row_number, cells[1].value)
    problems: list[Problem] = []
    for label in IDENTIFYING_LABELS:
        if _heading(label) not in found:
            problems.append(
                Problem(
                    f"there is no “{label}” row, so the workbook cannot be matched to your "
                    "return. Download the template again and copy your answers into it",
                    sheet=COVER_SHEET,
                )
            )
    if problems:
        return problems

    def value_of(label: str) -> tuple[int, str]:
        row, value = found[_heading(label)]
        return row, cell_text(value)

    row, code = value_of(COVER_FRAMEWORK_CODE)
    if code != framework.code:
        problems.append(
            Problem(
                f"this workbook is for the framework “{code or 'none'}”, not {framework.code}. "
                "Download a new template from your self-audit page",
                COVER_SHEET,
                row,
                "B",
            )
        )
    row, version = value_of(COVER_FRAMEWORK_VERSION)
    if not problems and version != framework.version:
        problems.append(
            Problem(
                f"this workbook is for version {version or 'none'} of the framework, not version "
                f"{framework.version}. Download a new template from your self-audit page",
                COVER_SHEET,
                row,
                "B",
            )
        )
    row, code = value_of(COVER_COUNCIL_CODE)
    if code != council.code:
        name = cell_text(found.get(_heading(COVER_COUNCIL), (None, ""))[1])
        other = f"{name} ({code})" if name else f"council {code or 'none'}"
        problems.append(
            Problem(
                f"this workbook is for {other}, not {council.name} ({council.code}). "
                "Download the template from your own self-audit page",
                COVER_SHEET,
                row,
                "B",
            )
        )
    return problems


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return normalise_text(value)  # as a form post is: unchanged text stays unchanged
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _is_formula(cell: object) -> bool:
    return getattr(cell, "data_type", None) == "f"


DATE_INPUT_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")


def _row_values(
    row: dict[str, Any], code: str, row_number: int
) -> tuple[dict[str, object], list[Problem]]:
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(message, RETURN_SHEET, row_number, COLUMN[key].label))

    values: dict[str, object] = {}
    cell = row["rating"]
    rating = _rating(cell.value) if not _is_formula(cell) else False
    if rating is False:
        problem("rating", f"enter a rating from 1 to 4 for {code}")
        rating = None
    values["rating"] = rating

    # The same limits as the standard page's form (climbie_audit.limits), said per cell.
    for key, limit in (
        ("evidence", limits.EVIDENCE),
        ("improvement", limits.PARAGRAPH),
        ("lead_officer", limits.NAME),
    ):
        cell = row[key]
        label = COLUMN[key].label
        if _is_formula(cell):
            problem(key, f"{label.lower()} for {code} must be text, not a formula")
            values[key] = ""
            continue
        text: str = ILLEGAL_CHARACTERS_RE.sub("", cell_text(cell.value))
        if len(text) > limit:
            problem(key, f"{label.lower()} for {code} must be {limit:,} characters or fewer")
        values[key] = text

    cell = row["target_date"]
    target = _date(cell.value) if not _is_formula(cell) else False
    if target is False:
        problem(
            "target_date",
            f"enter the target date for {code} as a real date, for example 28/04/2003",
        )
        target = None
    values["target_date"] = target
    return values, problems


def _rating(value: object) -> int | Literal[False] | None:
    """1–4, None for an empty cell, False for anything else."""
    if _is_blank(value):
        return None
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    else:
        return False
    return number if number in RATING_LEVELS else False


def _date(value: object) -> datetime.date | Literal[False] | None:
    """A date, None for an empty cell, False for anything that is not a real date."""
    if _is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = " ".join(value.split())
        for pattern in DATE_INPUT_FORMATS:
            try:
                parsed = datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
            if parsed.year >= 1000:
                return parsed
    return False
