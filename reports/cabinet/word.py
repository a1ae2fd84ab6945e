"""A cabinet report as a Word file a council can put into its committee template: written from
the same context as the PDF (rendering.pdf_context), so the sections, their numbers and the
appendices are the PDF's own; only the typesetting differs."""

import datetime

from django.utils import dateformat, timezone

from climbie_audit.word import DOCX, WordDocument
from evaluations.evaluation.documents import write_evaluation
from reports.cabinet.blocks import HEADING, LIST, PARAGRAPH, TABLE, Block, NumberedSection
from reports.cabinet.layout import PaperLayout
from reports.cabinet.rendering import pdf_context, pdf_filename, pdf_title
from reports.cabinet.styles import BOXES, IMPLICATIONS_APPENDIX, LINES, SCRUTINY_BOX
from reports.models import CabinetReport, TimetableRow
from reports.roles.word import write_register

__all__ = ["DOCX", "docx_filename", "render_report_docx", "report_docx_bytes"]


def docx_filename(report: CabinetReport) -> str:
    return pdf_filename(report).removesuffix(".pdf") + ".docx"


def report_docx_bytes(report: CabinetReport) -> bytes:
    """The Word file to download: a final report's stored bytes, unchanged; a draft's, now."""
    if report.is_final:
        return report.docx_bytes
    return render_report_docx(report)


def render_report_docx(report: CabinetReport, today: datetime.date | None = None) -> bytes:
    """Written from the PDF's own context: the house style's layout (reports.cabinet.layout)
    decides the front matter, the numbered sections, the front box, where the implications go
    and whether the decision status prints, for this copy as for the PDF."""
    context = pdf_context(report, today)
    layout: PaperLayout = context["layout"]  # type: ignore[assignment]
    timetable: list[TimetableRow] = context["timetable"]  # type: ignore[assignment]
    implications: list[dict] = context["implications"]  # type: ignore[assignment]
    draft = "" if report.is_final else " (DRAFT)"
    committees = " and ".join(row.committee for row in timetable)
    document = WordDocument(
        title=pdf_title(report),
        author=f"{report.officer_title}, {report.council_heading}",
        subject=f"Report to {committees}: {report.title}",
        running_head=f"{report.council_heading}: {_shortened(report.title)}{draft}",
        dated=report.finalised_at if report.is_final else None,
    )
    _masthead(document, report, layout)
    FRONT_MATTER.get(layout.front_matter, _boxes)(document, report, timetable, layout)
    for section in layout.sections:
        _section(document, section, implications)
    if layout.decision_status:
        _decision(document, report)
    for appendix in context["appendices"]:  # type: ignore[attr-defined]
        _appendix(document, appendix, report.council.name, implications)
    return document.bytes()


def _shortened(title: str, limit: int = 90) -> str:
    # As the PDF's running head (truncatechars:90).
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _date(value: datetime.date | None, fmt: str = "j F Y") -> str:
    return dateformat.format(value, fmt) if value else ""


def _masthead(document: WordDocument, report: CabinetReport, layout: PaperLayout) -> None:
    if layout.logo is not None:
        document.picture(layout.logo.data, alt=layout.logo.alt, height_mm=18, align="right")
    document.paragraph(report.council_heading, bold=True, size=20, align="right")
    if not report.is_final:
        document.paragraph("DRAFT: this report has not been marked final.", bold=True)


def _report_of(document: WordDocument, report: CabinetReport, dated: bool = True) -> None:
    when = f"\n{_date(report.report_date)}" if dated and report.report_date else ""
    document.paragraph(f"Report of the {report.officer_title}{when}", bold=True, align="center")


def _boxes(
    document: WordDocument, report: CabinetReport, timetable: list[TimetableRow], _: PaperLayout
) -> None:
    """Leicester: WARDS AFFECTED | FORWARD TIMETABLE OF MEETINGS, the title, "Report of"."""
    meetings = "\n".join(
        f"{row.committee}: {_date(row.meeting_date, 'jS F Y')}" for row in timetable
    )
    document.table(
        [
            ["WARDS AFFECTED", "FORWARD TIMETABLE OF MEETINGS:"],
            [report.wards_affected, meetings or "No meetings set"],
        ],
        widths=[0.5, 0.5],
    )
    document.heading(report.title, 1)
    _report_of(document, report)


def _lines(
    document: WordDocument, report: CabinetReport, timetable: list[TimetableRow], _: PaperLayout
) -> None:
    """Derby: the meeting and its date as lines, "Report of", then the title."""
    for row in timetable:
        document.paragraph(row.committee.upper(), bold=True)
        document.paragraph(_date(row.meeting_date).upper(), bold=True)
    if not timetable:
        document.paragraph("NO MEETINGS SET", bold=True)
    _report_of(document, report, dated=False)
    document.heading(report.title, 1)


def _scrutiny_box(
    document: WordDocument,
    report: CabinetReport,
    timetable: list[TimetableRow],
    layout: PaperLayout,
) -> None:
    """A scrutiny committee's box: TITLE, RECOMMENDATIONS, … with what each says."""
    meetings = "; ".join(f"{row.committee}, {_date(row.meeting_date)}" for row in timetable)
    document.paragraph(f"Report to {meetings or 'no meeting set'}", bold=True)
    box = document.table(
        [[row.label.upper(), _blocks_as_text(row.blocks)] for row in layout.front_box],
        row_headers=True,
        widths=[0.3, 0.7],
    )
    for index, row in enumerate(layout.front_box):
        if row.is_title:
            # The title, in its box as in the PDF, is still the paper's first-level heading.
            document.restyle(box.rows[index].cells[1].paragraphs[0], "Heading 1")
    _report_of(document, report)


FRONT_MATTER = {BOXES: _boxes, LINES: _lines, SCRUTINY_BOX: _scrutiny_box}


def _blocks_as_text(blocks: list[Block]) -> str:
    """What a box of the front matter says, as lines of one table cell."""
    lines: list[str] = []
    for block in blocks:
        if block.kind == LIST:
            lines.extend(f"• {item.text}" for item in block.items)
        elif block.kind == TABLE:
            lines.extend(" | ".join(row) for row in block.rows)
        else:
            lines.append(f"{block.number} {block.text}".strip())
    return "\n".join(lines)


def _implications_table(document: WordDocument, implications: list[dict]) -> None:
    document.table(
        [
            [row.get("name", ""), "Yes" if row.get("applies") else "No", row.get("reference", "")]
            for row in implications
        ],
        header=[
            "Other implications",
            "YES/NO",
            "Paragraph references within supporting information",
        ],
        row_headers=True,
        widths=[0.4, 0.15, 0.45],
        size=10,
    )


def _section(document: WordDocument, section: NumberedSection, implications: list[dict]) -> None:
    document.heading(section.heading, 2, number=f"{section.number}.")
    write_blocks(document, section.blocks)
    if section.is_implications_table:
        _implications_table(document, implications)


def write_blocks(document: WordDocument, blocks: list[Block]) -> None:
    """Numbered paragraphs (1.1, 4.5.1), numbered sub-headings (4.5), tables and lists, as
    printed."""
    for block in blocks:
        if block.kind == HEADING:
            document.heading(block.text, 3, number=block.number)
        elif block.kind == PARAGRAPH:
            if block.number:
                document.numbered(block.number, block.text, block.level)
            else:
                document.paragraph(block.text, style="Unnumbered paragraph")
        elif block.kind == TABLE:
            width = max((len(row) for row in block.rows), default=1)
            rows = [row + [""] * (width - len(row)) for row in block.body_rows]
            header = block.header + [""] * (width - len(block.header))
            document.table(rows, header=header, row_headers=True, size=10)
        else:
            document.bullets([item.text for item in block.items], marked=block.all_marked)


def _decision(document: WordDocument, report: CabinetReport) -> None:
    document.heading("Decision status", 2)
    document.table(
        [
            ["Key Decision", "Yes" if report.key_decision else "No"],
            ["Reason", report.decision_reason or "N/A"],
            ["Appeared in Forward Plan", report.get_forward_plan_display()],
            ["Executive or Council Decision", report.get_decision_maker_display()],
        ],
        row_headers=True,
        widths=[0.45, 0.3],
    )


def _appendix(
    document: WordDocument, appendix: dict, council_name: str, implications: list[dict]
) -> None:
    document.page_break()
    document.paragraph(f"APPENDIX {appendix['number']}", bold=True, keep_with_next=True)
    if appendix["key"] == IMPLICATIONS_APPENDIX:
        document.heading(appendix["title"], 1)
        for section in appendix["sections"]:
            _section(document, section, implications)
    elif appendix.get("missing"):
        document.heading(appendix["title"], 1)
        document.paragraph("This appendix has nothing to show yet.")
    elif appendix.get("attachment"):
        _attached(document, appendix)
    elif appendix["key"] == "roles":
        write_register(document, appendix["register"], top_level=2)
    elif appendix["key"] == "evaluation":
        write_evaluation(document, appendix["context"], top_level=1)
    elif appendix["key"] == "self_audit":
        _self_audit(document, appendix, council_name)
    elif appendix["key"] == "action_plan":
        _action_plan(document, appendix, council_name)


def _attached(document: WordDocument, appendix: dict) -> None:
    """A PDF the council attached cannot become Word text: the copy says what goes here."""
    attachment = appendix["attachment"]
    pages = f"{attachment.pages} page{'' if attachment.pages == 1 else 's'}"
    document.heading(appendix["title"], 1)
    document.paragraph(
        f"This appendix is the document “{attachment.file_name}” ({pages}). The PDF of this "
        "report prints it here; with this Word copy, insert it here or circulate it with the "
        "paper."
    )


def _self_audit(document: WordDocument, figures: dict, council_name: str) -> None:
    audit_return = figures["audit_return"]
    reference = f" (reference {audit_return.reference})" if audit_return.reference else ""
    late = figures["late"]
    later = (
        f"; {late} {'has a target date' if late == 1 else 'have target dates'} later than the "
        "Laming deadline"
        if late
        else ""
    )
    document.heading("Self-audit summary: ratings per standard", 1)
    document.paragraph(
        f"{council_name}'s self-audit, version {audit_return.number}{reference}, submitted on "
        f"{dateformat.format(timezone.localtime(audit_return.submitted_at), 'j F Y')}. Each "
        f"criterion is rated on a 4 point scale, 4 being the highest. {figures['share_four']}% "
        f"of the {figures['total']} criteria are rated 4{later}."
    )
    levels = list(reversed(figures["levels"]))
    rows = [
        [
            f"{row.number}. {row.title}",
            *map(str, reversed(row.counts)),
            str(row.total),
            str(row.share_four),
            str(row.late),
        ]
        for row in figures["rows"]
    ]
    rows.append(
        [
            "All standards",
            *map(str, reversed(figures["totals"])),
            str(figures["total"]),
            str(figures["share_four"]),
            str(figures["late"]),
        ]
    )
    document.table(
        rows,
        header=[
            "Standard",
            *(f"Rated {level}" for level in levels),
            "Criteria",
            "Rated 4 (%)",
            "Later than Laming deadline",
        ],
        row_headers=True,
        caption="Number of criteria at each rating, by standard",
        size=9.5,
    )
    document.table(
        [[str(level), descriptor] for level, descriptor in figures["descriptors"].items()],
        header=["Rating", "Meaning"],
        row_headers=True,
        caption="The 4 point scale",
        widths=[0.15, 0.85],
        size=9,
    )


def _short_date(value: datetime.date | None) -> str:
    return dateformat.format(value, "j M Y") if value else "Not set"


def _action_plan(document: WordDocument, plan: dict, council_name: str) -> None:
    rows, counts = plan["rows"], plan["counts"]
    endorsed_on = plan["plan"].endorsed_on
    endorsed = (
        f", endorsed by Cabinet on {dateformat.format(endorsed_on, 'j F Y')}" if endorsed_on else ""
    )
    plural = "" if len(rows) == 1 else "s"
    document.heading("The action plan with progress", 1)
    document.paragraph(
        f"{council_name}'s action plan{endorsed}, as at {dateformat.format(plan['today'], 'j F Y')}: "
        f"{len(rows)} improvement action{plural}; {counts['complete']} complete, "
        f"{counts['in_progress']} in progress, {counts['not_started']} not started."
    )
    document.table(
        [_action_row(row) for row in rows],
        header=["Criterion", "Action", "Lead officer", "Target date", "Status", "Latest progress"],
        row_headers=True,
        widths=[0.1, 0.24, 0.14, 0.11, 0.14, 0.27],
        size=8.5,
    )


def _action_row(row: dict) -> list[str]:
    # As at the report's date, as the PDF's appendix shows it (rendering.action_plan_appendix).
    action = row["action"]
    status = row["status"]
    if row["completed_on"]:
        status += f" ({_short_date(row['completed_on'])})"
    status = "\n".join([status, *row["overdue"]])
    latest = row["latest"]
    progress = "No progress recorded"
    if latest:
        progress = f"As at {_short_date(latest.as_at)}: {latest.text or 'status changed'}"
        if latest.next_action:
            progress += f" Next action agreed: {latest.next_action}"
    return [
        action.criterion.code,
        action.title,
        action.lead_officer or "Not set",
        _short_date(action.target_date),
        status,
        progress,
    ]
