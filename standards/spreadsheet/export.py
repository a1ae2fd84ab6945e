"""The SSI electronic return as an XLSX workbook: one version of a council's return, or the
blank template, with a cover that explains the form and identifies it when it comes back."""

import datetime
import io
from collections.abc import Iterable

import openpyxl
from django.utils import timezone
from openpyxl.cell.cell import Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from standards.models import RATING_LEVELS, Answer, AuditReturn, Criterion, Framework, SelfAudit
from standards.spreadsheet.cells import (
    BLACK,
    BLUE,
    BODY_FONT,
    BOLD_FONT,
    BOX,
    COLUMN,
    COLUMN_INDEX,
    COVER_COUNCIL,
    COVER_COUNCIL_CODE,
    COVER_EXPORTED_AT,
    COVER_FRAMEWORK,
    COVER_FRAMEWORK_CODE,
    COVER_FRAMEWORK_VERSION,
    COVER_REFERENCE,
    COVER_RETURN_VERSION,
    COVER_SHEET,
    COVER_STATUS,
    DATE_FORMAT,
    FIRST_ROW,
    FIXED_FILL,
    HEADER_FILL,
    HEADER_FONT,
    HEADER_ROW,
    HINT_ROW,
    INPUT_COLUMNS,
    INPUT_FILL,
    LEAD_OFFICER_MAX_LENGTH,
    LONG_DATE_FORMAT,
    NO_WRAP,
    RETURN_COLUMNS,
    RETURN_SHEET,
    TITLE_FONT,
    TITLE_ROW,
    UNLOCKED,
    WRAP_TOP,
    put,
)

# openpyxl ships no types: its workbooks, sheets, cells and styles are Any here.


def _style(
    cell: Cell,
    *,
    font: Font = BODY_FONT,
    fill: PatternFill | None = None,
    alignment: Alignment = WRAP_TOP,
    border: Border | None = BOX,
    number_format: str | None = None,
) -> Cell:
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


def _lines(text: object, width: float) -> int:
    per_line = max(1, int(width * 1.2))
    return sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))


def _fit_row(
    sheet: Worksheet,
    row: int,
    texts_and_widths: Iterable[tuple[object, float]],
    at_least: int = 1,
) -> None:
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
    lines: list[str] = []
    for recommendation in criterion.recommendations.all():
        months = recommendation.timescale_months
        timescale = f"{months} months" if months else "no timescale stated"
        lines.append(f"Recommendation {recommendation.number}: {timescale}")
    return "\n".join(lines)


def return_workbook(
    audit: SelfAudit,
    audit_return: AuditReturn | None = None,
    now: datetime.datetime | None = None,
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


def _write_cover(
    cover: Worksheet,
    audit: SelfAudit,
    audit_return: AuditReturn | None,
    now: datetime.datetime,
    criterion_count: int,
) -> None:
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


def _write_return_sheet(
    sheet: Worksheet,
    audit: SelfAudit,
    audit_return: AuditReturn | None,
    criteria: list[Criterion],
    answers: dict[int, Answer],
) -> None:
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


def _add_validation(sheet: Worksheet, last_row: int) -> None:
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


def workbook_bytes(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(audit: SelfAudit, audit_return: AuditReturn | None) -> str:
    stem = f"{audit.council.code}-{audit.framework.code}"
    if audit_return is None:
        return f"{stem}-template.xlsx"
    return f"{stem}-version-{audit_return.number}-{audit_return.status}.xlsx"
