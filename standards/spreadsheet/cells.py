"""What the service's workbooks share: the return's sheets and columns, the cover's labels,
GOV.UK colours and fonts, and writing a cell so that text never runs as a formula."""

from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

from standards.models import RATING_LEVELS, Answer
from standards.self_audit.rules import FIELD_LABELS

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

COVER_SHEET = "Cover"
RETURN_SHEET = "Return"
TITLE_ROW, HINT_ROW, HEADER_ROW = 1, 2, 3
FIRST_ROW = HEADER_ROW + 1
# A CharField's max_length is set; get_field's type is any field, and max_length optional.
LEAD_OFFICER_MAX_LENGTH: int = Answer._meta.get_field("lead_officer").max_length  # type: ignore[assignment]

# Spreadsheet programs treat text starting with these as a formula when it is typed or pasted.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


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


def put(cell: Cell, value: object) -> Cell:
    """Set a cell's value; text that a spreadsheet would run as a formula stays text.

    The text itself is kept exactly (no added apostrophe), so an exported answer reads back
    unchanged: the cell is stored as a string with Excel's "quote prefix" style.
    """
    if isinstance(value, str):
        text: str = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        if text.startswith(FORMULA_TRIGGERS):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell
