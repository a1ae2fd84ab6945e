"""A cabinet report as a Word file a council can put into its committee template: written from
the same context as the PDF (rendering.pdf_context), so the sections, their numbers and the
appendices are the PDF's own; only the typesetting differs."""

import datetime

from django.utils import dateformat, timezone

from climbie_audit.word import DOCX, WordDocument
from evaluations.evaluation.documents import write_evaluation
from reports.cabinet.blocks import HEADING, PARAGRAPH, TABLE, Block, NumberedSection
from reports.cabinet.rendering import pdf_context, pdf_filename, pdf_title
from reports.models import CabinetReport
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
    context = pdf_context(report, today)
    draft = "" if report.is_final else " (DRAFT)"
    timetable = context["timetable"]
    committees = " and ".join(row.committee for row in timetable)  # type: ignore[attr-defined]
    document = WordDocument(
        title=pdf_title(report),
        author=f"{report.officer_title}, {report.council_heading}",
        subject=f"Report to {committees}: {report.title}",
        running_head=f"{report.council_heading}: {_shortened(report.title)}{draft}",
        dated=report.finalised_at if report.is_final else None,
    )
    _front(document, report, timetable)  # type: ignore[arg-type]
    for section in context["sections"]:  # type: ignore[attr-defined]
        _section(document, section, context["implications"])  # type: ignore[arg-type]
    if context["layout"].decision_status:  # type: ignore[attr-defined]  # the house style's
        _decision(document, report)
    for appendix in context["appendices"]:  # type: ignore[attr-defined]
        _appendix(document, appendix, report.council.name, context["implications"])  # type: ignore[arg-type]
    return document.bytes()


def _shortened(title: str, limit: int = 90) -> str:
    # As the PDF's running head (truncatechars:90).
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _front(document: WordDocument, report: CabinetReport, timetable: list) -> None:
    document.paragraph(report.council_heading, bold=True, size=20, align="right")
    if not report.is_final:
        document.paragraph("DRAFT: this report has not been marked final.", bold=True)
    meetings = "\n".join(
        f"{row.committee}: {dateformat.format(row.meeting_date, 'jS F Y')}" for row in timetable
    )
    document.table(
        [
            ["Wards affected", "Forward timetable of meetings:"],
            [report.wards_affected, meetings or "No meetings set"],
        ],
        widths=[0.5, 0.5],
    )
    document.heading(report.title, 1)
    document.paragraph(f"Report of the {report.officer_title}", bold=True, align="center")


def _section(document: WordDocument, section: NumberedSection, implications: list) -> None:
    document.heading(section.heading, 2, number=f"{section.number}.")
    write_blocks(document, section.blocks)
    if section.is_implications_table:
        document.table(
            [
                [
                    row.get("name", ""),
                    "Yes" if row.get("applies") else "No",
                    row.get("reference", ""),
                ]
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


def write_blocks(document: WordDocument, blocks: list[Block]) -> None:
    """Numbered paragraphs (1.1, 4.5.1), numbered sub-headings (4.5) and lists, as printed."""
    for block in blocks:
        if block.kind == HEADING:
            document.heading(block.text, 3, number=block.number)
        elif block.kind == PARAGRAPH:
            if block.number:
                document.numbered(block.number, block.text, block.level)
            else:
                document.paragraph(block.text, style="Unnumbered paragraph")
        elif block.kind == TABLE:
            document.table(block.body_rows, header=block.header, row_headers=True, size=10)
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
    document: WordDocument, appendix: dict, council_name: str, implications: list
) -> None:
    document.page_break()
    document.paragraph(f"APPENDIX {appendix['number']}", bold=True, keep_with_next=True)
    if appendix["key"] == "implications":  # the house style puts them here (Derby's)
        document.heading(appendix["title"], 1)
        for section in appendix["sections"]:
            _section(document, section, implications)
    elif appendix.get("missing"):
        document.heading(appendix["title"], 1)
        document.paragraph("This appendix has nothing to show yet.")
    elif appendix["key"] == "roles":
        write_register(document, appendix["register"], top_level=2)
    elif appendix["key"] == "evaluation":
        write_evaluation(document, appendix["context"], top_level=1)
    elif appendix["key"] == "self_audit":
        _self_audit(document, appendix, council_name)
    elif appendix["key"] == "action_plan":
        _action_plan(document, appendix, council_name)


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
        f"{council_name}'s action plan{endorsed}, at {dateformat.format(plan['today'], 'j F Y')}: "
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
    action = row["action"]
    status = action.get_status_display()
    if action.is_complete and action.completed_on:
        status += f" ({_short_date(action.completed_on)})"
    status = "\n".join([status, *row["overdue"]])
    latest = row["latest"]
    progress = (
        f"{_short_date(timezone.localtime(latest.recorded_at))}: {latest.text}"
        if latest
        else "No progress recorded"
    )
    return [
        action.criterion.code,
        action.title,
        action.lead_officer or "Not set",
        _short_date(action.target_date),
        status,
        progress,
    ]
