"""A cabinet paper laid out in its house style: the structure the PDF and the Word document are
both written from. It says how the paper opens (front matter), which sections the body prints,
numbered, which go into the front box or the implications appendix, whether the decision-status
table is printed, and the logo; the templates and the Word writer only typeset it."""

import base64
from dataclasses import dataclass, field

from reports.cabinet.blocks import (
    Block,
    NumberedSection,
    numbered_sections,
    parse_body,
    resolve_appendices,
)
from reports.cabinet.styles import (
    AS_APPENDIX,
    IMPLICATION_KEYS,
    Style,
    printed_appendices,
    style_named,
)
from reports.models import CabinetReport, PaperStyle, ReportSection


@dataclass
class FrontRow:
    """A row of the scrutiny style's front box: a label and what it says."""

    label: str
    blocks: list[Block]
    is_title: bool = False  # the paper's title, printed as its first-level heading


@dataclass
class Logo:
    content_type: str
    data: bytes
    alt: str

    @property
    def data_uri(self) -> str:
        return f"data:{self.content_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass
class PaperLayout:
    style: Style
    sections: list[NumberedSection]
    implications_appendix: list[NumberedSection] = field(default_factory=list)
    front_box: list[FrontRow] = field(default_factory=list)
    logo: Logo | None = None

    @property
    def front_matter(self) -> str:
        return self.style.front_matter

    @property
    def decision_status(self) -> bool:
        return self.style.decision_status


def body_keys(style: Style) -> set[str]:
    """The drafted section keys the style prints elsewhere than in the numbered body."""
    elsewhere = set(style.in_front_box)
    if style.implications == AS_APPENDIX:
        elsewhere |= set(IMPLICATION_KEYS)
    return elsewhere


def logo_of(report: CabinetReport, paper_style: PaperStyle | None) -> Logo | None:
    if paper_style is None or not paper_style.logo_bytes:
        return None
    return Logo(paper_style.logo_type, paper_style.logo_bytes, f"{report.council.name} logo")


def _policies(report: CabinetReport) -> str:
    for row in report.other_implications or []:
        if row.get("name") == "Policy" and row.get("applies"):
            return str(row.get("reference") or "Yes")
    return "None"


def _front_box(
    report: CabinetReport, by_key: dict[str, ReportSection], numbers: dict[str, int]
) -> list[FrontRow]:
    def body(key: str) -> list[Block]:
        section = by_key.get(key)
        return parse_body(resolve_appendices(section.body, numbers)) if section else []

    def text(value: str) -> list[Block]:
        return parse_body(value)

    return [
        FrontRow("Title", text(report.title), is_title=True),
        FrontRow("Recommendations", body("recommendations") or text("None")),
        FrontRow("Background documents", body("background") or text("None")),
        FrontRow("Contact officer", body("authors") or text(report.officer_title)),
        FrontRow("Ward(s)", text(report.wards_affected or "All")),
        FrontRow("Key council policies", text(_policies(report))),
    ]


def paper_layout(
    report: CabinetReport,
    sections: list[ReportSection] | None = None,
    paper_style: PaperStyle | None = None,
) -> PaperLayout:
    sections = list(report.sections.all()) if sections is None else sections
    # A section the council left out is printed nowhere: not in the body, box or appendix.
    sections = [s for s in sections if s.included]
    style = style_named(report.house_style)
    elsewhere = body_keys(style)
    numbers = {key: n for n, key in enumerate(printed_appendices(report), start=1)}
    body = numbered_sections(
        report, [s for s in sections if s.key not in elsewhere], numbers, style.upper_case_headings
    )
    layout = PaperLayout(style=style, sections=body, logo=logo_of(report, paper_style))
    if style.implications == AS_APPENDIX:
        layout.implications_appendix = numbered_sections(
            report, [s for s in sections if s.key in IMPLICATION_KEYS], numbers, False
        )
    if style.in_front_box:
        layout.front_box = _front_box(report, {s.key: s for s in sections}, numbers)
    return layout
