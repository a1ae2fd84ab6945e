"""The SSI electronic return as an XLSX workbook: build it, read it back, plan and apply an import,
and the national workbook of every council's submitted return.

Uploaded bytes reach `read_return` only after standards.upload_safety has checked them. openpyxl
parses XML through defusedxml whenever defusedxml is installed (it is a dependency).
"""

import datetime
import io
import logging
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import openpyxl
from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from standards.models import RATING_LEVELS, Answer, AuditReturn, Criterion, Framework, SelfAudit
from standards.self_audit import scoring
from standards.self_audit.rules import FIELD_LABELS, save_answers

logger = logging.getLogger(__name__)

IMPORT_REASON = "Imported from a spreadsheet"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

COVER_SHEET = "Cover"
RETURN_SHEET = "Return"
TITLE_ROW, HINT_ROW, HEADER_ROW = 1, 2, 3
FIRST_ROW = HEADER_ROW + 1
# Where to look for the heading row if someone inserted rows above it.
HEADER_SEARCH_ROWS = 10
MAX_DATA_ROWS = 500
SCAN_PAST_LAST_ROWS = 5000
MAX_READ_COLUMNS = 40
MAX_TEXT_LENGTH = 32_767  # the most Excel keeps in one cell
LEAD_OFFICER_MAX_LENGTH = Answer._meta.get_field("lead_officer").max_length
MAX_REPORTED_PROBLEMS = 100

# Spreadsheet programs treat text starting with these as a formula when it is typed or pasted.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

UNREADABLE = (
    "The selected file could not be read as an Excel workbook. "
    "Save it again as an Excel Workbook (.xlsx)"
)


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    width: float
    name: str = ""  # as error messages call it
    field: str | None = None  # the Answer field an input column carries

    @property
    def label(self) -> str:
        return self.name or self.heading


RETURN_COLUMNS = (
    Column("standard", "Standard", 14),
    Column("code", "Code", 7),
    Column("criterion", "Criterion", 44),
    Column("recommendations", "Laming recommendations and timescales", 22),
    Column("deadline", "Laming deadline", 13),
    *(Column(f"descriptor_{level}", f"Rating {level} means", 20) for level in RATING_LEVELS),
    Column("rating", "Rating (1 to 4)", 9, name="Rating", field="rating"),
    Column("evidence", FIELD_LABELS["evidence"], 44, field="evidence"),
    Column("improvement", FIELD_LABELS["improvement"], 36, field="improvement"),
    Column("lead_officer", FIELD_LABELS["lead_officer"], 18, field="lead_officer"),
    Column("target_date", FIELD_LABELS["target_date"], 12, field="target_date"),
)
COLUMN = {column.key: column for column in RETURN_COLUMNS}
COLUMN_INDEX = {column.key: index for index, column in enumerate(RETURN_COLUMNS, start=1)}
INPUT_COLUMNS = tuple(column for column in RETURN_COLUMNS if column.field)
# Columns an upload must have: the code that identifies the row and the answers.
REQUIRED_COLUMNS = (COLUMN["code"], *INPUT_COLUMNS)

# Cover sheet labels; the three marked identify the workbook when it comes back.
COVER_COUNCIL = "Council"
COVER_COUNCIL_CODE = "Council code"
COVER_FRAMEWORK = "Framework"
COVER_FRAMEWORK_CODE = "Framework code"
COVER_FRAMEWORK_VERSION = "Framework version"
COVER_RETURN_VERSION = "Return version"
COVER_STATUS = "Status"
COVER_REFERENCE = "Reference"
COVER_EXPORTED_AT = "Exported at"
IDENTIFYING_LABELS = (COVER_COUNCIL_CODE, COVER_FRAMEWORK_CODE, COVER_FRAMEWORK_VERSION)

# GOV.UK colours, so the workbook looks like the service.
BLUE, BLACK, WHITE = "1D70B8", "0B0C0C", "FFFFFF"
LIGHT_GREY, MID_GREY, INPUT_YELLOW = "F3F2F1", "B1B4B6", "FFF7BF"
THIN = Side(style="thin", color=MID_GREY)
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
NO_WRAP = Alignment(vertical="center")
HEADER_FONT = Font(name="Arial", bold=True, color=WHITE, size=11)
HEADER_FILL = PatternFill("solid", fgColor=BLUE)
FIXED_FILL = PatternFill("solid", fgColor=LIGHT_GREY)
INPUT_FILL = PatternFill("solid", fgColor=INPUT_YELLOW)
BODY_FONT = Font(name="Arial", size=10, color=BLACK)
BOLD_FONT = Font(name="Arial", size=10, bold=True, color=BLACK)
TITLE_FONT = Font(name="Arial", size=16, bold=True, color=BLACK)
UNLOCKED = Protection(locked=False)
DATE_FORMAT = "dd/mm/yyyy"
LONG_DATE_FORMAT = "d mmmm yyyy"


# --- Writing cells safely ------------------------------------------------------------------


def put(cell, value):
    """Set a cell's value; text that a spreadsheet would run as a formula stays text.

    The text itself is kept exactly (no added apostrophe), so an exported answer reads back
    unchanged: the cell is stored as a string with Excel's "quote prefix" style.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        if value.startswith(FORMULA_TRIGGERS):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _style(cell, *, font=BODY_FONT, fill=None, alignment=WRAP_TOP, border=BOX, number_format=None):
    cell.font = font
    if fill is not None:
        cell.fill = fill
    cell.alignment = alignment
    if border is not None:
        cell.border = border
    if number_format:
        cell.number_format = number_format
    return cell


# Spreadsheet programs do not all size rows to wrapped text when they open a file, so rows get
# a height estimated from their longest text: about 1.2 characters of 10 pt Arial per unit of
# column width, 12.75 points a line. People can still resize rows; the sheet allows it.
LINE_POINTS = 12.75
MAX_ROW_POINTS = 409  # Excel's limit


def _lines(text, width: float) -> int:
    per_line = max(1, int(width * 1.2))
    return sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))


def _fit_row(sheet, row: int, texts_and_widths, at_least: int = 1) -> None:
    lines = max([at_least, *(_lines(t, w) for t, w in texts_and_widths if t not in (None, ""))])
    sheet.row_dimensions[row].height = min(MAX_ROW_POINTS, LINE_POINTS * lines + 4)


# --- Export: one return, or the blank template ---------------------------------------------


def criteria_of(framework: Framework) -> list[Criterion]:
    return list(
        Criterion.objects.with_framework_detail()
        .filter(standard__framework=framework)
        .order_by("standard__number", "number")
    )


def recommendations_text(criterion: Criterion) -> str:
    lines = []
    for recommendation in criterion.recommendations.all():
        months = recommendation.timescale_months
        timescale = f"{months} months" if months else "no timescale stated"
        lines.append(f"Recommendation {recommendation.number}: {timescale}")
    return "\n".join(lines)


def return_workbook(
    audit: SelfAudit, audit_return: AuditReturn | None = None, now=None
) -> openpyxl.Workbook:
    """The return as SSI's electronic form. Without a return: the blank template."""
    council, framework = audit.council, audit.framework
    now = timezone.localtime(now or timezone.now())
    criteria = criteria_of(framework)
    answers = {a.criterion_id: a for a in audit_return.answers.all()} if audit_return else {}

    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = COVER_SHEET
    sheet = workbook.create_sheet(RETURN_SHEET)
    _write_cover(cover, audit, audit_return, now, len(criteria))
    _write_return_sheet(sheet, audit, audit_return, criteria, answers)

    if audit_return is None:
        status, version, title = "Blank template", "Blank template", "blank template"
    else:
        status = audit_return.get_status_display()
        version = str(audit_return.number)
        title = f"version {audit_return.number} ({status.lower()})"
    workbook.properties.title = f"{council.name} ({council.code}) Climbié self-audit: {title}"
    workbook.properties.creator = "Climbié Audit"
    workbook.properties.subject = framework.title
    workbook.properties.created = now.replace(tzinfo=None)
    workbook.properties.modified = now.replace(tzinfo=None)
    for name, value in (
        ("ClimbieCouncilCode", council.code),
        ("ClimbieFrameworkCode", framework.code),
        ("ClimbieFrameworkVersion", framework.version),
        ("ClimbieReturnVersion", version),
        ("ClimbieStatus", status),
    ):
        workbook.custom_doc_props.append(StringProperty(name=name, value=value))
    workbook.active = 1  # open on the Return sheet; the cover explains it
    return workbook


def _write_cover(cover, audit, audit_return, now, criterion_count):
    council, framework = audit.council, audit.framework
    cover.sheet_properties.tabColor = BLACK
    cover.column_dimensions["A"].width = 24
    cover.column_dimensions["B"].width = 100
    _style(
        put(cover["A1"], "Victoria Climbié self-audit return"),
        font=TITLE_FONT,
        alignment=NO_WRAP,
        border=None,
    )
    cover.row_dimensions[1].height = 24
    put(cover["A2"], framework.title)
    _style(cover["A2"], border=None)
    cover.merge_cells("A2:B2")
    cover.row_dimensions[2].height = 28

    if audit_return is None:
        version, status, reference = "Blank template", "Blank template", ""
    else:
        version = str(audit_return.number)
        status = audit_return.get_status_display()
        reference = audit_return.reference
    rows = [
        (COVER_COUNCIL, council.name),
        (COVER_COUNCIL_CODE, council.code),
        (COVER_FRAMEWORK, framework.title),
        (COVER_FRAMEWORK_CODE, framework.code),
        (COVER_FRAMEWORK_VERSION, framework.version),
        (COVER_RETURN_VERSION, version),
        (COVER_STATUS, status),
        (COVER_REFERENCE, reference or "Not yet submitted"),
        (COVER_EXPORTED_AT, f"{now:%-d %B %Y at %H:%M}"),
        ("Return due with SSI", f"{framework.return_due:%-d %B %Y}"),
    ]
    for offset, (label, value) in enumerate(rows):
        row = 4 + offset
        _style(put(cover.cell(row=row, column=1), label), font=BOLD_FONT, fill=FIXED_FILL)
        _style(put(cover.cell(row=row, column=2), value))
        _fit_row(cover, row, [(value, 100)])

    row = 4 + len(rows) + 1
    _style(
        put(cover.cell(row=row, column=1), "How to fill in this form"), font=BOLD_FONT, border=None
    )
    instructions = [
        f"Use the Return sheet: one row for each of the {criterion_count} criteria. Fill in the "
        "yellow columns only; the grey columns are the framework and are locked.",
        "Rating: choose 1, 2, 3 or 4 from the drop-down. The four 'Rating … means' columns say "
        "what each point of the scale means for that criterion (4 is highest).",
        "Criteria rated below 4 need an intended improvement and a target date. Type dates as "
        "day/month/year, for example 28/04/2003. The Laming deadline column shows when "
        "Lord Laming's timescale for the criterion ends.",
        "Do not change the codes, add or remove rows, or rename the sheets: the upload matches "
        "each row to its criterion by its code.",
        "Save the file as an Excel Workbook (.xlsx), not a macro-enabled workbook, and upload it "
        "from your self-audit page. Files must be smaller than 5 MB.",
        "Every row is checked before anything is saved. You will see each change and confirm it "
        "before your return is updated. An empty cell empties that answer in your return.",
        "The sheets are protected against accidental changes to the framework text; "
        "there is no password.",
    ]
    for number, text in enumerate(instructions, start=1):
        row += 1
        _style(put(cover.cell(row=row, column=1), f"{number}."), border=None)
        _style(put(cover.cell(row=row, column=2), text), border=None)
        _fit_row(cover, row, [(text, 100)])
    row += 2
    _style(put(cover.cell(row=row, column=1), "The rating scale"), font=BOLD_FONT, border=None)
    for level in reversed(RATING_LEVELS):
        row += 1
        _style(put(cover.cell(row=row, column=1), str(level)), border=None)
        _style(
            put(cover.cell(row=row, column=2), framework.default_descriptors[str(level)]),
            border=None,
        )

    cover.protection.sheet = True
    cover.protection.formatColumns = False
    cover.protection.formatRows = False
    cover.page_setup.orientation = "portrait"
    cover.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    cover.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    cover.page_setup.fitToWidth = 1
    cover.page_setup.fitToHeight = 0


def _write_return_sheet(sheet, audit, audit_return, criteria, answers):
    council = audit.council
    last_column = get_column_letter(len(RETURN_COLUMNS))
    sheet.sheet_properties.tabColor = BLUE
    if audit_return is None:
        title = f"{council.name} ({council.code}): Victoria Climbié self-audit – blank template"
    else:
        title = (
            f"{council.name} ({council.code}): Victoria Climbié self-audit – "
            f"version {audit_return.number} ({audit_return.get_status_display().lower()})"
        )
    _style(
        put(sheet.cell(row=TITLE_ROW, column=1), title),
        font=TITLE_FONT,
        alignment=NO_WRAP,
        border=None,
    )
    sheet.merge_cells(f"A{TITLE_ROW}:{last_column}{TITLE_ROW}")
    sheet.row_dimensions[TITLE_ROW].height = 24
    _style(
        put(
            sheet.cell(row=HINT_ROW, column=1),
            "Fill in the yellow columns. Choose a rating from 1 to 4; criteria rated below 4 "
            "need an intended improvement and a target date (day/month/year). "
            "The Cover sheet explains the form.",
        ),
        border=None,
    )
    sheet.merge_cells(f"A{HINT_ROW}:{last_column}{HINT_ROW}")
    sheet.row_dimensions[HINT_ROW].height = 18

    for index, column in enumerate(RETURN_COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        _style(
            put(sheet.cell(row=HEADER_ROW, column=index), column.heading),
            font=HEADER_FONT,
            fill=HEADER_FILL,
            alignment=Alignment(wrap_text=True, vertical="center"),
        )
    sheet.row_dimensions[HEADER_ROW].height = 32

    row = FIRST_ROW - 1
    for row, criterion in enumerate(criteria, start=FIRST_ROW):
        answer = answers.get(criterion.pk)
        fixed = {
            "standard": f"{criterion.standard.number}. {criterion.standard.title}",
            "code": criterion.code,
            "criterion": criterion.text,
            "recommendations": recommendations_text(criterion),
            "deadline": criterion.laming_deadline or "None stated",
            **{f"descriptor_{level}": criterion.descriptor(level) for level in RATING_LEVELS},
        }
        for index, column in enumerate(RETURN_COLUMNS, start=1):
            cell = sheet.cell(row=row, column=index)
            if column.field:
                put(cell, getattr(answer, column.field) if answer else None)
                if column.field == "target_date":
                    _style(cell, fill=INPUT_FILL, number_format=DATE_FORMAT)
                elif column.field == "rating":
                    _style(
                        cell,
                        fill=INPUT_FILL,
                        alignment=Alignment(horizontal="center", vertical="top"),
                    )
                else:
                    _style(cell, fill=INPUT_FILL)
                cell.protection = UNLOCKED
            else:
                put(cell, fixed[column.key])
                _style(
                    cell,
                    fill=FIXED_FILL,
                    font=BOLD_FONT if column.key == "code" else BODY_FONT,
                    number_format=LONG_DATE_FORMAT if column.key == "deadline" else None,
                )
        texts = [*fixed.values(), *(answer.values().values() if answer else ())]
        widths = [COLUMN[key].width for key in fixed] + [c.width for c in INPUT_COLUMNS]
        # Two lines at least, so there is room to type in the template.
        _fit_row(sheet, row, [(t, w) for t, w in zip(texts, widths, strict=False)], at_least=2)

    last_row = max(row, FIRST_ROW)
    _add_validation(sheet, last_row)

    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=COLUMN_INDEX["criterion"])
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A{TITLE_ROW}:{last_column}{last_row}"
    sheet.page_setup.orientation = "landscape"
    # Fourteen columns of text are too small to read on A4, even landscape.
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A3
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.8
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.oddHeader.left.text = f"{council.name} ({council.code}) – Climbié self-audit"
    sheet.oddFooter.right.text = "Page &P of &N"
    sheet.protection.sheet = True
    # Let people widen columns and rows to read long text; everything else stays as designed.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _input_range(key: str, last_row: int) -> str:
    letter = get_column_letter(COLUMN_INDEX[key])
    return f"{letter}{FIRST_ROW}:{letter}{last_row}"


def _add_validation(sheet, last_row: int) -> None:
    rating = DataValidation(
        type="list",
        formula1='"1,2,3,4"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Rating",
        error="Choose a rating from 1 to 4.",
        showInputMessage=True,
        promptTitle="Rating",
        prompt="1 not in place … 4 in place, practised and monitored.",
    )
    rating.add(_input_range("rating", last_row))
    target = DataValidation(
        type="date",
        operator="between",
        formula1="1",  # serial numbers: 1 January 1900 …
        formula2="2958465",  # … 31 December 9999, i.e. any real date
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Target date",
        error="Enter a real date as day/month/year, for example 28/04/2003.",
        showInputMessage=True,
        promptTitle="Target date",
        prompt="Day/month/year, for example 28/04/2003.",
    )
    target.add(_input_range("target_date", last_row))
    lead = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(LEAD_OFFICER_MAX_LENGTH),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Lead officer",
        error=f"Lead officer must be {LEAD_OFFICER_MAX_LENGTH} characters or fewer.",
    )
    lead.add(_input_range("lead_officer", last_row))
    for validation in (rating, target, lead):
        sheet.add_data_validation(validation)


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(audit: SelfAudit, audit_return: AuditReturn | None) -> str:
    stem = f"{audit.council.code}-{audit.framework.code}"
    if audit_return is None:
        return f"{stem}-template.xlsx"
    return f"{stem}-version-{audit_return.number}-{audit_return.status}.xlsx"


# --- Import: read, validate, plan --------------------------------------------------------


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
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems[:3]))
        self.problems = problems


def read_return(data: bytes, audit: SelfAudit) -> dict[int, dict]:
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


def _read_workbook(workbook, audit: SelfAudit) -> dict[int, dict]:
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
    header_row, positions = None, {}
    problems: list[Problem] = []
    values_by_criterion: dict[int, dict] = {}
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
        code = _text(row["code"].value)
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


def _heading(value) -> str:
    return " ".join(str(value).split()).lower() if value is not None else ""


def _column_positions(headings: list[str]):
    positions, missing = {}, []
    for column in REQUIRED_COLUMNS:
        accepted = {_heading(column.heading), _heading(column.label)}
        index = next((i for i, heading in enumerate(headings) if heading in accepted), None)
        if index is None:
            missing.append(column)
        else:
            positions[column.key] = index
    return positions, missing


def _check_cover(cover, audit: SelfAudit) -> list[Problem]:
    council, framework = audit.council, audit.framework
    found: dict[str, tuple[int, object]] = {}
    for row_number, cells in enumerate(cover.iter_rows(min_row=1, max_row=40, max_col=2), 1):
        if len(cells) < 2:
            continue
        label = _heading(cells[0].value)
        if label and label not in found:
            found[label] = (row_number, cells[1].value)
    problems = []
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

    def value_of(label):
        row, value = found[_heading(label)]
        return row, _text(value)

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
        name = _text(found.get(_heading(COVER_COUNCIL), (None, ""))[1])
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


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _is_formula(cell) -> bool:
    return getattr(cell, "data_type", None) == "f"


DATE_INPUT_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")


def _row_values(row: dict, code: str, row_number: int) -> tuple[dict, list[Problem]]:
    problems = []

    def problem(key, message):
        problems.append(Problem(message, RETURN_SHEET, row_number, COLUMN[key].label))

    values = {}
    cell = row["rating"]
    rating = _rating(cell.value) if not _is_formula(cell) else False
    if rating is False:
        problem("rating", f"enter a rating from 1 to 4 for {code}")
        rating = None
    values["rating"] = rating

    for key, limit in (
        ("evidence", MAX_TEXT_LENGTH),
        ("improvement", MAX_TEXT_LENGTH),
        ("lead_officer", LEAD_OFFICER_MAX_LENGTH),
    ):
        cell = row[key]
        label = COLUMN[key].label
        if _is_formula(cell):
            problem(key, f"{label.lower()} for {code} must be text, not a formula")
            values[key] = ""
            continue
        text = ILLEGAL_CHARACTERS_RE.sub("", _text(cell.value))
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


def _rating(value):
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


def _date(value):
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


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str
    cleared: bool  # the answer had a value and the spreadsheet cell is empty


@dataclass
class PlannedChange:
    criterion: Criterion
    revision: int
    values: dict
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def clears(self) -> int:
        return sum(1 for f in self.fields if f.cleared)


def display(name: str, value) -> str:
    if value in (None, ""):
        return "Not rated" if name == "rating" else "None"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def field_changes(old: dict, new: dict) -> list[FieldChange]:
    """Each answer field that differs, old → new, as the preview shows it."""
    return [
        FieldChange(
            name,
            FIELD_LABELS[name],
            display(name, old[name]),
            display(name, value),
            cleared=value in (None, ""),
        )
        for name, value in new.items()
        if old[name] != value
    ]


def _same_text(old: str, new: str) -> bool:
    """Text that only differs in what a spreadsheet cannot hold counts as unchanged."""
    return _text(ILLEGAL_CHARACTERS_RE.sub("", old or "")) == new


def plan_import(draft: AuditReturn, incoming: dict[int, dict]) -> list[PlannedChange]:
    """What applying the workbook would change, criterion by criterion, in framework order."""
    planned = []
    for answer in draft.answers.with_criteria().in_framework_order():
        new = incoming.get(answer.criterion_id)
        if new is None:
            continue
        old = answer.values()
        values = dict(new)
        for name in ("evidence", "improvement", "lead_officer"):
            if _same_text(old[name], values[name]):
                values[name] = old[name]
        if values == old:
            continue
        planned.append(
            PlannedChange(answer.criterion, answer.revision, values, field_changes(old, values))
        )
    return planned


# Between the preview and the confirmation the plan is kept server-side (in the session) as
# plain JSON, with the revision of each answer at preview time.


def pending_import(draft: AuditReturn, plan: list[PlannedChange], filename: str) -> dict:
    return {
        "token": uuid.uuid4().hex,
        "draft": draft.pk,
        "filename": filename,
        "changes": {
            str(change.criterion.pk): {
                "revision": change.revision,
                "values": {
                    **change.values,
                    "target_date": change.values["target_date"].isoformat()
                    if change.values["target_date"]
                    else None,
                },
            }
            for change in plan
        },
    }


def _changes_of(pending: dict) -> dict[int, tuple[int, dict]]:
    changes = {}
    for criterion_id, change in pending["changes"].items():
        values = dict(change["values"])
        if values["target_date"]:
            values["target_date"] = datetime.date.fromisoformat(values["target_date"])
        changes[int(criterion_id)] = (change["revision"], values)
    return changes


@dataclass
class Preview:
    changes: list[PlannedChange]
    changed_since: list[Criterion]  # someone saved these after the upload was checked

    @property
    def clears(self) -> int:
        return sum(change.clears for change in self.changes)


def preview(draft: AuditReturn, pending: dict) -> Preview:
    """The pending import against the answers as they stand now."""
    changes = _changes_of(pending)
    shown, changed_since = [], []
    for answer in (
        draft.answers.with_criteria().in_framework_order().filter(criterion_id__in=changes)
    ):
        revision, values = changes[answer.criterion_id]
        old = answer.values()
        if old == values:
            continue  # someone made the same change meanwhile: nothing left to do
        if answer.revision != revision:
            changed_since.append(answer.criterion)
        shown.append(PlannedChange(answer.criterion, revision, values, field_changes(old, values)))
    return Preview(changes=shown, changed_since=changed_since)


def apply_import(draft: AuditReturn, user, pending: dict) -> list[Answer]:
    """Apply a confirmed import in one transaction; EditConflict if anyone saved in between."""
    return save_answers(draft, user, _changes_of(pending), reason=IMPORT_REASON)


# --- The national workbook for SSI ---------------------------------------------------------

NATIONAL_COLUMNS = (
    ("Council", 28),
    ("Council code", 12),
    ("Region", 22),
    ("Version", 9),
    ("Submitted at", 18),
    ("Criterion", 10),
    ("Rating", 8),
    ("Target date", 13),
    ("Laming deadline", 15),
    ("On target?", 16),
)
NOT_APPLICABLE = "Not applicable"


def on_target(answer: Answer) -> str:
    """Yes/No against the Laming deadline where a plan is needed and dated (scoring decides)."""
    if (
        scoring.needs_plan(answer)
        and answer.target_date is not None
        and answer.criterion.laming_deadline is not None
    ):
        return "No" if scoring.is_not_on_target(answer) else "Yes"
    return NOT_APPLICABLE


def _header_cells(sheet, headings):
    cells = []
    for heading in headings:
        cell = put(WriteOnlyCell(sheet), heading)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cells.append(cell)
    return cells


def _cell(sheet, value, number_format=None):
    cell = put(WriteOnlyCell(sheet), value)
    if number_format:
        cell.number_format = number_format
    return cell


def _text_value(sheet, value):
    """Text as it is, unless a spreadsheet could take it for a formula: then a text cell."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_TRIGGERS) or ILLEGAL_CHARACTERS_RE.search(value)
    ):
        return put(WriteOnlyCell(sheet), value)
    return value


def write_national_workbook(framework: Framework, returns, out, now=None) -> int:
    """Every council's latest submitted return, one row per council × criterion, into `out`.

    Write-only mode keeps memory flat; the answers come in one query as plain tuples and the
    criteria (with their Laming deadlines) in one more, whatever the number of councils.
    Returns the number of data rows written.
    """
    now = timezone.localtime(now or timezone.now())
    returns = list(returns)
    criteria = criteria_of(framework)
    deadlines = {criterion.pk: criterion.laming_deadline for criterion in criteria}
    values = defaultdict(dict)
    for return_id, criterion_id, rating, target_date in Answer.objects.filter(
        audit_return__in=[r.pk for r in returns]
    ).values_list("audit_return_id", "criterion_id", "rating", "target_date"):
        values[return_id][criterion_id] = (rating, target_date)

    workbook = openpyxl.Workbook(write_only=True)
    summary = workbook.create_sheet("Summary")
    sheet = workbook.create_sheet("Returns")
    for index, (_, width) in enumerate(NATIONAL_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    total_rows = len(returns) * len(criteria)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(NATIONAL_COLUMNS))}{total_rows + 1}"
    sheet.append(_header_cells(sheet, [heading for heading, _ in NATIONAL_COLUMNS]))

    by_standard: dict[int, Counter] = defaultdict(Counter)
    by_council = []
    # "On target?" depends only on criterion, rating and target date: work each out once.
    targets: dict[tuple, str] = {}
    written = 0
    for audit_return in returns:
        council = audit_return.self_audit.council
        # Plain values are written as they are (dates get a date format); only text that could
        # be read as a formula needs a cell of its own.
        about_council = [
            _text_value(sheet, council.name),
            _text_value(sheet, council.code),
            _text_value(sheet, council.region),
            audit_return.number,
            timezone.localtime(audit_return.submitted_at).replace(tzinfo=None),
        ]
        answered = values.get(audit_return.pk, {})
        counts, missed = Counter(), 0
        for criterion in criteria:
            rating, target_date = answered.get(criterion.pk, (None, None))
            key = (criterion.pk, rating, target_date)
            if key not in targets:
                answer = Answer(criterion=criterion, rating=rating, target_date=target_date)
                targets[key] = on_target(answer)
            target = targets[key]
            missed += target == "No"
            counts[rating] += 1
            by_standard[criterion.standard.number][rating] += 1
            sheet.append(
                [
                    *about_council,
                    _text_value(sheet, criterion.code),
                    rating,
                    target_date,
                    deadlines[criterion.pk],
                    target,
                ]
            )
            written += 1
        by_council.append((audit_return, counts, missed))

    _write_national_summary(summary, framework, criteria, by_standard, by_council, now)
    workbook.save(out)
    return written


def _write_national_summary(summary, framework, criteria, by_standard, by_council, now):
    widths = (30, 12, 22, 9, 10, 10, 10, 10, 11, 14, 14)
    for index, width in enumerate(widths, start=1):
        summary.column_dimensions[get_column_letter(index)].width = width
    title = _cell(summary, "Victoria Climbié self-audits: submitted returns")
    title.font = TITLE_FONT
    summary.append([title])
    summary.append(
        [
            _cell(
                summary,
                f"{framework.title} (framework {framework.code}, version {framework.version})",
            )
        ]
    )
    summary.append(
        [
            _cell(
                summary,
                f"Exported at {now:%-d %B %Y at %H:%M}. "
                f"{len(by_council)} councils have submitted a return; "
                "each is counted at its latest submitted version.",
            )
        ]
    )
    summary.append([])

    heading = _cell(summary, "Ratings by standard, all councils")
    heading.font = BOLD_FONT
    summary.append([heading])
    summary.append(
        _header_cells(
            summary,
            ["Standard", "Criteria", "Rated 1", "Rated 2", "Rated 3", "Rated 4", "Not rated"],
        )
    )
    standards = {}
    for criterion in criteria:
        standards.setdefault(criterion.standard.number, [criterion.standard, 0])[1] += 1
    for number, (standard, count) in sorted(standards.items()):
        counts = by_standard.get(number, Counter())
        summary.append(
            [
                _cell(summary, f"{number}. {standard.title}"),
                _cell(summary, count),
                *(_cell(summary, counts[level]) for level in RATING_LEVELS),
                _cell(summary, counts[None]),
            ]
        )
    summary.append([])

    heading = _cell(summary, "Ratings by council")
    heading.font = BOLD_FONT
    summary.append([heading])
    summary.append(
        _header_cells(
            summary,
            [
                "Council",
                "Council code",
                "Region",
                "Version",
                "Rated 1",
                "Rated 2",
                "Rated 3",
                "Rated 4",
                "Not rated",
                "Share rated 4",
                "Not on target",
            ],
        )
    )
    for audit_return, counts, missed in by_council:
        council = audit_return.self_audit.council
        rated = sum(counts[level] for level in RATING_LEVELS)
        summary.append(
            [
                _cell(summary, council.name),
                _cell(summary, council.code),
                _cell(summary, council.region),
                _cell(summary, audit_return.number),
                *(_cell(summary, counts[level]) for level in RATING_LEVELS),
                _cell(summary, counts[None]),
                _cell(summary, counts[4] / rated if rated else 0, "0%"),
                _cell(summary, missed),
            ]
        )


def national_filename(framework: Framework, now=None) -> str:
    now = timezone.localtime(now or timezone.now())
    return f"{framework.code}-submitted-returns-{now:%Y-%m-%d}.xlsx"
