"""The parts of a cabinet paper as its "Sections and appendices" page and the report's own page
list them: the body's sections in order, each with the number it prints under (or why it does
not print), the sections the house style prints elsewhere, and the appendices as numbered."""

from dataclasses import dataclass, field

from reports.cabinet.layout import paper_layout
from reports.cabinet.styles import (
    AS_APPENDIX,
    IMPLICATION_KEYS,
    IMPLICATIONS_APPENDIX,
    printed_appendices,
    style_named,
)
from reports.models import Appendix, CabinetReport, ReportAttachment, ReportSection, attachment_pk
from reports.paper_parts.rules import body_sections

PRINTED, LEFT_OUT, EMPTY = "printed", "left out", "empty"
AT_START = "start"  # the place before the first section (no section key is "start")


@dataclass
class SectionPart:
    section: ReportSection
    number: int | None  # as printed; None when it does not print
    state: str
    first: bool = False
    last: bool = False

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def name(self) -> str:
        return self.section.heading


@dataclass
class AppendixPart:
    number: int
    key: str
    name: str
    attachment: ReportAttachment | None = None
    movable: bool = True  # the style's implications appendix always comes first
    first: bool = False
    last: bool = False


@dataclass
class Contents:
    report: CabinetReport
    body: list[SectionPart] = field(default_factory=list)
    elsewhere: list[tuple[ReportSection, str]] = field(default_factory=list)
    appendices: list[AppendixPart] = field(default_factory=list)

    def part(self, key: str) -> SectionPart | AppendixPart | None:
        parts: list[SectionPart | AppendixPart] = [*self.body, *self.appendices]
        return next((part for part in parts if part.key == key), None)

    def name_of(self, key: str) -> str:
        part = self.part(key)
        return part.name if part is not None else key

    def places(self) -> list[tuple[str, str]]:
        """Where a new section can go: first, or after any section of the body."""
        return [(AT_START, "At the start of the report")] + [
            (part.key, f"After “{part.name}”") for part in self.body
        ]

    def default_place(self) -> str:
        """After the last printed section before the implications: where a council's own
        discussion usually goes."""
        before = [p for p in self.body if p.key not in IMPLICATION_KEYS and p.state == PRINTED]
        unnumbered = {"background", "consultations", "authors"}
        before = [p for p in before if p.key not in unnumbered]
        return before[-1].key if before else AT_START


def parts_of(report: CabinetReport) -> Contents:
    body = body_sections(report)
    layout = paper_layout(report, list(report.sections.all()))
    printed = {numbered.section.pk: numbered.number for numbered in layout.sections}
    contents = Contents(report)
    for section in body:
        number = printed.get(section.pk)
        state = PRINTED if number else LEFT_OUT if not section.included else EMPTY
        contents.body.append(SectionPart(section, number, state))
    _mark_ends(contents.body)
    style = style_named(report.house_style)
    for section in report.sections.exclude(pk__in=[s.pk for s in body]):
        where = (
            "in the implications appendix"
            if style.implications == AS_APPENDIX and section.key in IMPLICATION_KEYS
            else "in the box at the top of the report"
        )
        contents.elsewhere.append((section, where))
    contents.appendices = appendix_parts(report)
    return contents


def appendix_parts(report: CabinetReport) -> list[AppendixPart]:
    """The appendices as numbered, with their titles (one query, for the attachments)."""
    attachments = {a.pk: a for a in report.attachments.defer("content")}
    parts = []
    for number, key in enumerate(printed_appendices(report), start=1):
        pk = attachment_pk(key)
        if key == IMPLICATIONS_APPENDIX:
            parts.append(AppendixPart(number, key, "Implications", movable=False))
        elif pk is not None and pk in attachments:
            parts.append(AppendixPart(number, key, attachments[pk].title, attachments[pk]))
        elif pk is None:
            parts.append(AppendixPart(number, key, Appendix(key).label))
    _mark_ends([p for p in parts if p.movable])
    return parts


def _mark_ends(parts: list) -> None:
    if parts:
        parts[0].first = True
        parts[-1].last = True
