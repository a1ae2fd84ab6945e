"""A cabinet report's section bodies as printed: plain text parsed into paragraphs,
sub-headings, lists and tables ("| a | b |" lines, the first the header row), numbered 1.1, 1.2 … (4.5.1 under a sub-heading), appendix references
resolved."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reports.cabinet.styles import printed_appendices
from reports.models import CabinetReport, ReportSection

PARAGRAPH = "paragraph"
HEADING = "heading"
LIST = "list"
TABLE = "table"

# "(a) ", "(1). ", "i) ", "iv) ": list items that carry their own marker print without a bullet.
MARKER = re.compile(r"^\(?([a-z]{1,4}|[0-9]{1,3})\)\.?\s", re.IGNORECASE)
BOLD = re.compile(r"\*\*(.+?)\*\*")
APPENDIX_TOKEN = re.compile(r"\{appendix:([a-z_]+)\}")


def inline(text: str) -> SafeString:
    """Escape the text, then turn **words** into bold: the only markup a body may carry."""
    return mark_safe(BOLD.sub(r"<strong>\1</strong>", escape(text)))


@dataclass
class ListItem:
    text: str

    @property
    def has_marker(self) -> bool:
        return bool(MARKER.match(self.text))

    @property
    def html(self) -> SafeString:
        return inline(self.text)


@dataclass
class Block:
    kind: str
    number: str = ""
    text: str = ""
    items: list[ListItem] = field(default_factory=list)
    level: int = 2  # 2 for "1.1", 3 for "4.5.1"
    # A table's rows of cells; the first row is its header. Tables are never numbered.
    rows: list[list[str]] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return self.rows[0] if self.rows else []

    @property
    def body_rows(self) -> list[list[str]]:
        return self.rows[1:]

    @property
    def html(self) -> SafeString:
        return inline(self.text)

    @property
    def all_marked(self) -> bool:
        return bool(self.items) and all(item.has_marker for item in self.items)


def parse_body(body: str) -> list[Block]:
    """Blank lines separate paragraphs; "## " starts a sub-heading; "- " a list item. Lines of a
    paragraph keep their line breaks (addresses, lists of papers)."""
    blocks: list[Block] = []
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    for chunk in re.split(r"\n\s*\n", text):
        for kind, lines in _runs(chunk):
            if kind == HEADING:
                blocks.append(Block(HEADING, text=lines[0]))
            elif kind == LIST:
                blocks.append(Block(LIST, items=[ListItem(line) for line in lines]))
            elif kind == TABLE:
                blocks.append(Block(TABLE, rows=[_cells(line) for line in lines]))
            else:
                blocks.append(Block(PARAGRAPH, text="\n".join(lines)))
    return blocks


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _kind_of(line: str) -> tuple[str, str]:
    if line.startswith("- "):
        return LIST, line[2:].strip()
    if line.startswith("|") and line.count("|") >= 2:
        return TABLE, line
    return PARAGRAPH, line


def _runs(chunk: str) -> list[tuple[str, list[str]]]:
    """A chunk's lines grouped into runs of one kind: each heading alone, list items together,
    paragraph lines together."""
    runs: list[tuple[str, list[str]]] = []
    for raw in chunk.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            runs.append((HEADING, [line[3:].strip()]))
            continue
        kind, line = _kind_of(line)
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(line)
        else:
            runs.append((kind, [line]))
    return runs


def number_blocks(section_number: int, blocks: list[Block], numbered: bool = True) -> list[Block]:
    """Number paragraphs 1.1, 1.2 …; a sub-heading takes the next number (4.5) and the
    paragraphs under it are numbered beneath it (4.5.1, 4.5.2). Lists are never numbered: they
    belong to what precedes them, as in the seeds."""
    if not numbered:
        return blocks
    paragraph = 0
    heading_number = ""
    sub = 0
    for block in blocks:
        if block.kind == HEADING:
            paragraph += 1
            heading_number = f"{section_number}.{paragraph}"
            block.number, block.level = heading_number, 2
            sub = 0
        elif block.kind == PARAGRAPH:
            if heading_number:
                sub += 1
                block.number, block.level = f"{heading_number}.{sub}", 3
            else:
                paragraph += 1
                block.number, block.level = f"{section_number}.{paragraph}", 2
    return blocks


def resolve_appendices(text: str, numbers: dict[str, int]) -> str:
    """ "{appendix:roles}" becomes "Appendix 1", or "not attached" when it is not attached."""

    def replace(match: re.Match[str]) -> str:
        number = numbers.get(match.group(1))
        return f"Appendix {number}" if number else "not attached"

    return APPENDIX_TOKEN.sub(replace, text)


@dataclass
class NumberedSection:
    number: int
    section: ReportSection
    blocks: list[Block]
    upper_case: bool = False  # the house style prints its headings in capitals (Derby's)

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def heading(self) -> str:
        return self.section.heading.upper() if self.upper_case else self.section.heading

    @property
    def is_implications_table(self) -> bool:
        return self.section.key == "other_implications"


def appendix_numbers(report: CabinetReport) -> dict[str, int]:
    return {value: number for number, value in enumerate(printed_appendices(report), start=1)}


def numbered_sections(
    report: CabinetReport,
    sections: Iterable[ReportSection] | None = None,
    numbers: dict[str, int] | None = None,
    upper_case: bool = False,
) -> list[NumberedSection]:
    """The sections as printed: empty ones and those the council left out are not, the rest are
    numbered 1, 2, 3 … The house style decides which sections are passed
    (reports.cabinet.layout.paper_layout)."""
    sections = list(report.sections.all()) if sections is None else sections
    numbers = appendix_numbers(report) if numbers is None else numbers
    result: list[NumberedSection] = []
    for section in sorted(sections, key=lambda s: s.position):
        if not section.included:  # left out by the council (reports.paper_parts)
            continue
        body = resolve_appendices(section.body, numbers)
        blocks = parse_body(body)
        if not blocks and section.key != "other_implications":
            continue
        number = len(result) + 1
        blocks = number_blocks(number, blocks, section.numbered)
        result.append(NumberedSection(number, section, blocks, upper_case))
    return result
