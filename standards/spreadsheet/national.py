"""The national workbook for SSI: every council's latest submitted return, one row per council
and criterion, with a summary sheet."""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import IO, Any

import openpyxl
from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from standards.models import RATING_LEVELS, Answer, AuditReturn, Criterion, Framework
from standards.self_audit import scoring
from standards.spreadsheet.cells import (
    BOLD_FONT,
    FORMULA_TRIGGERS,
    HEADER_FILL,
    HEADER_FONT,
    TITLE_FONT,
    put,
)
from standards.spreadsheet.export import criteria_of

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

# Per returned council: its return, its criteria by rating (None: not rated), and how many are
# not on target.
CouncilCounts = tuple[AuditReturn, Counter[int | None], int]


def on_target(answer: Answer) -> str:
    """Yes/No against the Laming deadline where a plan is needed and dated (scoring decides)."""
    if (
        scoring.needs_plan(answer)
        and answer.target_date is not None
        and answer.criterion.laming_deadline is not None
    ):
        return "No" if scoring.is_not_on_target(answer) else "Yes"
    return NOT_APPLICABLE


# openpyxl ships no types: its sheets and cells are Any here. (WriteOnlyCell makes a Cell.)


def _header_cells(sheet: Worksheet, headings: Iterable[str]) -> list[Cell]:
    cells = []
    for heading in headings:
        cell = put(WriteOnlyCell(sheet), heading)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cells.append(cell)
    return cells


def _cell(sheet: Worksheet, value: object, number_format: str | None = None) -> Cell:
    cell = put(WriteOnlyCell(sheet), value)
    if number_format:
        cell.number_format = number_format
    return cell


def _text_value(sheet: Worksheet, value: object) -> object:
    """Text as it is, unless a spreadsheet could take it for a formula: then a text cell."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_TRIGGERS) or ILLEGAL_CHARACTERS_RE.search(value)
    ):
        return put(WriteOnlyCell(sheet), value)
    return value


def write_national_workbook(
    framework: Framework,
    returns: Iterable[AuditReturn],
    out: IO[bytes],
    now: datetime.datetime | None = None,
) -> int:
    """Every council's latest submitted return, one row per council × criterion, into `out`.

    Write-only mode keeps memory flat; the answers come in one query as plain tuples and the
    criteria (with their Laming deadlines) in one more, whatever the number of councils.
    Returns the number of data rows written.
    """
    now = timezone.localtime(now or timezone.now())
    returns = list(returns)
    criteria = criteria_of(framework)
    deadlines = {criterion.pk: criterion.laming_deadline for criterion in criteria}
    values: defaultdict[int, dict[int, tuple[int | None, datetime.date | None]]] = defaultdict(dict)
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

    by_standard: dict[int, Counter[int | None]] = defaultdict(Counter)
    by_council: list[CouncilCounts] = []
    # "On target?" depends only on criterion, rating and target date: work each out once.
    targets: dict[tuple[int, int | None, datetime.date | None], str] = {}
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
        counts: Counter[int | None] = Counter()
        missed = 0
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


def _write_national_summary(
    summary: Worksheet,
    framework: Framework,
    criteria: list[Criterion],
    by_standard: dict[int, Counter[int | None]],
    by_council: list[CouncilCounts],
    now: datetime.datetime,
) -> None:
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
    standards: dict[int, list[Any]] = {}  # {number: [standard, its criteria]}
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


def national_filename(framework: Framework, now: datetime.datetime | None = None) -> str:
    now = timezone.localtime(now or timezone.now())
    return f"{framework.code}-submitted-returns-{now:%Y-%m-%d}.xlsx"
