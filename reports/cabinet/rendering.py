"""A cabinet report as a cabinet paper PDF: its sections numbered, its appendices (statement of
roles, SSI's evaluation, the self-audit figures, the action plan) rendered after it."""

import datetime
import re
from dataclasses import dataclass

from django.template import Context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from climbie_audit import charts
from climbie_audit.pdf import render_pdf
from evaluations.models import Evaluation
from reports.cabinet.data import ReportData, gather
from reports.cabinet.layout import paper_layout
from reports.cabinet.styles import IMPLICATIONS_APPENDIX, printed_appendices
from reports.models import Appendix, CabinetReport, PaperStyle, ReportAttachment, attachment_pk
from reports.paper_parts.merging import anchor_name, finish_with
from standards.action_plan import rules as action_plan
from standards.models import RATING_LEVELS
from standards.self_audit import scoring


def pdf_title(report: CabinetReport) -> str:
    return f"{report.council_heading}: {report.title}"


def pdf_filename(report: CabinetReport) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", report.get_kind_display().lower()).strip("-")
    stamp = report_date_of(report)
    suffix = "final" if report.is_final else "draft"
    return f"cabinet-report-{report.council.code}-{slug}-{stamp:%Y-%m-%d}-{suffix}.pdf"


def report_date_of(report: CabinetReport) -> datetime.date:
    """The date the report speaks as at (reports made before reports had dates: the day drafted)."""
    return report.report_date or timezone.localdate(report.created_at)


def render_block(template_name: str, block_name: str, context: dict[str, object]) -> SafeString:
    """One {% block %} of a template, rendered on its own: the evaluation appendix reuses the
    body of the evaluation PDF's own template, so the two can never drift apart."""
    # The Django backend's template wraps the engine's; the stubs type only the common interface.
    template = get_template(template_name).template  # type: ignore[attr-defined]
    node = next(
        (n for n in template.nodelist.get_nodes_by_type(BlockNode) if n.name == block_name), None
    )
    if node is None:
        return mark_safe("")
    render_context = Context(context, autoescape=True)
    with render_context.render_context.push_state(template), render_context.bind_template(template):
        html: str = node.render(render_context)
        return mark_safe(html)


def evaluation_appendix(data: ReportData) -> dict[str, object]:
    context: dict[str, object] = {
        "council": data.council,
        "evaluation": data.evaluation,
        "judgements": data.judgements,
        "findings": data.findings,
        "phases": Evaluation.Phase.choices,
    }
    return {
        "style": render_block("evaluation/pdf.html", "style", context),
        "body": render_block("evaluation/pdf.html", "body", context),
        # The Word copy writes the same appendix from the same context.
        "context": context,
    }


@dataclass
class SelfAuditRow:
    number: int
    title: str
    counts: list[int]
    total: int
    late: int

    @property
    def share_four(self) -> int:
        rated = sum(self.counts)
        return round(100 * self.counts[-1] / rated) if rated else 0


def self_audit_appendix(data: ReportData) -> dict[str, object]:
    summary, audit_return = data.summary, data.audit_return
    # Called only with a summary, which gather() reads from the report's submitted return.
    assert summary is not None and audit_return is not None
    rows = []
    for figures in summary.standards:
        rows.append(
            SelfAuditRow(
                number=figures.standard.number,
                title=figures.standard.title,
                counts=[figures.counts[level] for level in RATING_LEVELS],
                total=figures.total,
                late=sum(1 for a in figures.answers if scoring.is_not_on_target(a)),
            )
        )
    chart = charts.stacked_bar_chart(
        "chart-cabinet-self-audit",
        f"{data.council.name}: self-ratings by standard, version {audit_return.number}",
        [(f"Standard {row.number}", row.counts) for row in rows],
        charts.rating_series(),
    )
    return {
        "rows": rows,
        "chart": chart,
        "levels": list(RATING_LEVELS),
        "totals": [summary.counts[level] for level in RATING_LEVELS],
        "total": summary.total,
        "share_four": round(summary.share_four * 100),
        "late": len(summary.not_on_target),
        "audit_return": audit_return,
        "descriptors": audit_return.self_audit.framework.default_descriptors,
    }


def action_plan_appendix(data: ReportData) -> dict[str, object]:
    """The plan as at the report's date: status and latest progress as reported by then."""
    deadlines = {}
    rows = []
    for shown in data.plan_as_at():
        action = shown.action
        criterion = action.criterion
        if criterion.pk not in deadlines:
            deadlines[criterion.pk] = criterion.laming_deadline
        rows.append(
            {
                "action": action,
                "status": shown.status_label,
                "completed_on": action.completed_on if shown.is_complete else None,
                "latest": shown.latest,
                "overdue": [
                    action_plan.OVERDUE_LABELS[k]
                    for k in action_plan.overdue_kinds(action, data.today, deadlines[criterion.pk])
                ],
            }
        )
    return {
        "plan": data.plan,
        "rows": rows,
        "counts": action_plan.status_counts(data.actions, data.today),
        "today": data.today,
    }


def pdf_context(report: CabinetReport, today: datetime.date | None = None) -> dict[str, object]:
    sections = list(report.sections.all())
    # The report's own date, never the day it is rendered (`today` only for undated reports).
    data = gather(
        report.council,
        evaluation=report.evaluation,
        audit_return=report.audit_return,
        inspection=report.inspection,
        today=report.report_date or today or timezone.localdate(report.created_at),
        with_roles=Appendix.ROLES in report.appendix_list(),
    )
    layout = paper_layout(
        report, sections, PaperStyle.objects.filter(council=report.council).first()
    )
    attachments = {a.pk: a for a in report.attachments.all()}
    appendices: list[dict[str, object]] = []
    for number, value in enumerate(printed_appendices(report), start=1):
        if value == IMPLICATIONS_APPENDIX:
            # The style's implications appendix: its sections numbered 1, 2, 3 … on their own.
            appendices.append(
                {
                    "number": number,
                    "key": value,
                    "title": "Implications",
                    "sections": layout.implications_appendix,
                }
            )
            continue
        pk = attachment_pk(value)
        if pk is not None:
            appendices.append(attached_appendix(number, value, attachments.get(pk)))
            continue
        entry = {"number": number, "key": value, "title": Appendix(value).label}
        if value == Appendix.ROLES and data.register is not None:
            entry["register"] = data.register
        elif value == Appendix.EVALUATION and data.evaluation is not None:
            entry |= evaluation_appendix(data)
        elif value == Appendix.SELF_AUDIT and data.summary is not None:
            entry |= self_audit_appendix(data)
        elif value == Appendix.ACTION_PLAN and data.plan is not None:
            entry |= action_plan_appendix(data)
        else:
            entry["missing"] = True
        appendices.append(entry)
    return {
        "report": report,
        "council": report.council,
        "timetable": list(report.timetable.all()),
        "layout": layout,
        "sections": layout.sections,
        "implications": report.other_implications,
        "appendices": appendices,
        "evaluation_style": next((a["style"] for a in appendices if "style" in a), ""),
    }


def attached_appendix(
    number: int, key: str, attachment: ReportAttachment | None
) -> dict[str, object]:
    """An attached PDF document as an appendix: a page for each of its pages (merging.py)."""
    if attachment is None:  # removed while the paper was being drawn up
        return {"number": number, "key": key, "title": "Attached document", "missing": True}
    return {
        "number": number,
        "key": key,
        "title": attachment.title,
        "attachment": attachment,
        "pages": [(page, anchor_name(attachment, page)) for page in range(1, attachment.pages + 1)],
    }


def render_report_pdf(report: CabinetReport, today: datetime.date | None = None) -> bytes:
    context = pdf_context(report, today)
    attached = [a["attachment"] for a in context["appendices"] if "attachment" in a]  # type: ignore[attr-defined]
    return render_pdf(
        "cabinet/pdf/report.html",
        context,
        title=pdf_title(report),
        finish=finish_with(attached),
    )


def report_pdf(report: CabinetReport) -> bytes:
    """The PDF to download: a final report's stored bytes, unchanged; a draft's, rendered now."""
    if report.is_final:
        return report.pdf_bytes
    return render_report_pdf(report)
