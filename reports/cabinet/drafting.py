"""Reports to cabinet: a new draft report, every section written from the audit data, for the
director to edit, number, render and mark final (the rest of reports.cabinet).

The shapes follow the seeds: Leicester's evaluation-outcome report of July 2003 (seed 002),
Derby's progress report of March 2004 (seed 001) and Leicester's inspection-outcome report of
December 2009 (seed 003). Access is the views' business (climbie_audit.access); the rules here
hold whoever calls them.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from climbie_audit.models import Council, User
from evaluations.models import Inspection
from reports.cabinet.data import (
    ReportData,
    gather,
    latest_issued_evaluation,
    latest_submitted_return,
)
from reports.cabinet.section_text import draft_body
from reports.cabinet.styles import Style, ordered_keys, style_named
from reports.models import (
    APPENDIX_ORDER,
    OTHER_IMPLICATIONS,
    Appendix,
    CabinetReport,
    DecisionMaker,
    ForwardPlan,
    PaperStyle,
    ReportKind,
    ReportSection,
    TimetableRow,
)
from standards.action_plan import rules as action_plan

SECTION_HEADINGS: dict[str, str | dict[str, str]] = {
    "purpose": "Purpose of report",
    "summary": "Summary",
    "recommendations": "Recommendations",
    "findings": {
        ReportKind.EVALUATION: "The findings of the SSI evaluation",
        ReportKind.PROGRESS: "Supporting information: progress standard by standard",
        ReportKind.INSPECTION: "Report",
    },
    "comments": {
        ReportKind.EVALUATION: "Comments on the evaluation",
        ReportKind.PROGRESS: "Comments",
        ReportKind.INSPECTION: "Response to the inspection",
    },
    "options": "Other options considered",
    "financial": "Financial implications",
    "legal": "Legal implications",
    "personnel": "Personnel implications",
    "other_implications": "Other implications",
    "background": "Background papers",
    "consultations": "Consultations",
    "authors": "Report authors and officers to contact",
}
SECTION_KEYS = list(SECTION_HEADINGS)
UNNUMBERED = {"background", "consultations", "authors", "other_implications"}


def section_heading(key: str, kind: str, style: Style | None = None) -> str:
    if style is not None and key in style.headings:
        return style.headings[key]
    heading = SECTION_HEADINGS[key]
    return heading[kind] if isinstance(heading, dict) else heading


def council_style(council: Council) -> tuple[Style, str]:
    """The council's house style and its name for the meeting (Leicester's layout and
    "Cabinet" until its director chooses)."""
    chosen = PaperStyle.objects.filter(council=council).first()
    style = style_named(chosen.house_style if chosen else None)
    meeting = chosen.meeting_name.strip() if chosen and chosen.meeting_name.strip() else ""
    return style, meeting or style.default_meeting_name


def council_heading_for(council: Council) -> str:
    """How the council's name heads its papers; the director can change it."""
    if council.kind == "county":
        return f"{council.name} County Council"
    if council.kind == "london":
        return f"London Borough of {council.name}"
    if " and " in council.name:
        return f"{council.name} Council"
    return f"{council.name} City Council"


def default_title(kind: str, data: ReportData) -> str:
    if kind == ReportKind.EVALUATION:
        title = (
            "Safeguarding Children: the Social Services Inspectorate's Evaluation of the "
            "Council's Self-Audit against the Laming Inquiry Recommendations"
        )
        if data.register is not None:
            title = (
                "Safeguarding Children: Summary of Roles and Responsibilities and the Social "
                "Services Inspectorate's Evaluation of the Council's Self-Audit against the "
                "Laming Inquiry Recommendations"
            )
        return title
    if kind == ReportKind.PROGRESS:
        return "The Victoria Climbié Inquiry – Performance Report"
    assert data.inspection is not None  # an inspection report is drafted from its inspection
    return f"Outcome of the {data.inspection.inspection_type}"


# What a new report attaches to begin with: seed 002 attached the statement and the evaluation;
# a progress report shows the figures and the plan; seed 003 attached nothing.
DEFAULT_APPENDICES: dict[str, set[str]] = {
    ReportKind.EVALUATION: set(APPENDIX_ORDER),
    ReportKind.PROGRESS: {Appendix.SELF_AUDIT, Appendix.ACTION_PLAN},
    ReportKind.INSPECTION: set(),
}


def available_appendices(data: ReportData) -> list[str]:
    available = []
    if data.register is not None and data.register.roles:
        available.append(Appendix.ROLES)
    if data.evaluation is not None:
        available.append(Appendix.EVALUATION)
    if data.summary is not None:
        available.append(Appendix.SELF_AUDIT)
    if data.actions:
        available.append(Appendix.ACTION_PLAN)
    return [value for value in APPENDIX_ORDER if value in available]


def default_implications() -> list[dict[str, object]]:
    return [
        {
            "name": name,
            "applies": name == "Policy",
            "reference": "Throughout the report" if name == "Policy" else "",
        }
        for name in OTHER_IMPLICATIONS
    ]


class DraftingRefused(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def data_for_new_report(
    council: Council,
    kind: str,
    *,
    inspection: Inspection | None = None,
    user: User | None = None,
    on: datetime.date | None = None,
) -> ReportData:
    """The data a new report of this kind, dated `on` (today unless given), would be drafted
    from, or DraftingRefused: only what had happened by that day."""
    if kind not in ReportKind.values:
        raise DraftingRefused("kind", "Select the kind of report")
    on = on or timezone.localdate()
    evaluation = latest_issued_evaluation(council, on)
    audit_return = latest_submitted_return(council, on)
    by_then = "" if on == timezone.localdate() else f" by {on:%-d %B %Y}"
    if kind == ReportKind.EVALUATION and evaluation is None:
        raise DraftingRefused(
            "kind",
            f"There is no issued SSI evaluation to report on{by_then or ' yet'}: choose another "
            "kind" + (" or a later date" if by_then else ""),
        )
    if kind == ReportKind.PROGRESS and audit_return is None:
        raise DraftingRefused(
            "kind",
            f"There is no submitted self-audit to report progress on{by_then or ' yet'}: choose "
            "another kind" + (" or a later date" if by_then else ""),
        )
    if kind == ReportKind.INSPECTION:
        if inspection is None:
            raise DraftingRefused("inspection", "Select the inspection to report on")
    else:
        inspection = None
    if kind == ReportKind.EVALUATION and evaluation is not None:  # (refused above if None)
        audit_return = evaluation.audit_return
    if audit_return is not None and user is not None:
        # The council's own visit takes a newly submitted version into the plan (as the
        # dashboard does), so progress is reported against the latest return.
        action_plan.bring_up_to_date(audit_return.self_audit, user)
    return gather(
        council,
        evaluation=evaluation,
        audit_return=audit_return,
        inspection=inspection,
        today=on,
        since=previous_report_date(council, kind, on),
    )


def previous_report_date(
    council: Council, kind: str, on: datetime.date, exclude: int | None = None
) -> datetime.date | None:
    """The date of the council's last progress report before `on`: a progress report says what
    changed since it. Other kinds of report do not count progress from an earlier report."""
    if kind != ReportKind.PROGRESS:
        return None
    earlier = CabinetReport.objects.filter(
        council=council, kind=ReportKind.PROGRESS, report_date__lt=on
    )
    if exclude is not None:
        earlier = earlier.exclude(pk=exclude)
    latest = earlier.order_by("-report_date").values_list("report_date", flat=True).first()
    return latest


@transaction.atomic
def draft_report(
    council: Council,
    kind: str,
    user: User,
    *,
    inspection: Inspection | None = None,
    today: datetime.date | None = None,
) -> CabinetReport:
    """A new draft report dated `today` (the report's date; today unless given), every section
    written from the data as at that date."""
    today = today or timezone.localdate()
    data = data_for_new_report(council, kind, inspection=inspection, user=user, on=today)
    style, meeting = council_style(council)
    report = CabinetReport.objects.create(
        report_date=today,
        council=council,
        kind=kind,
        house_style=style.key,
        council_heading=council_heading_for(council),
        wards_affected="All",
        officer_title=(
            user.job_title if user and user.job_title else "Director of Social Services"
        ),
        title=default_title(kind, data),
        evaluation=data.evaluation,
        inspection=data.inspection,
        audit_return=data.audit_return,
        appendices=[a for a in available_appendices(data) if a in DEFAULT_APPENDICES[kind]],
        other_implications=default_implications(),
        key_decision=False,
        decision_reason="N/A",
        forward_plan=ForwardPlan.NO,
        decision_maker=DecisionMaker.EXECUTIVE,
        created_by=user,
        updated_by=user,
    )
    meetings = [(meeting, today + datetime.timedelta(days=28))]
    if kind == ReportKind.INSPECTION:
        meetings.insert(0, ("Scrutiny", today + datetime.timedelta(days=24)))
    TimetableRow.objects.bulk_create(
        TimetableRow(report=report, position=i, committee=c, meeting_date=d)
        for i, (c, d) in enumerate(meetings, start=1)
    )
    ReportSection.objects.bulk_create(
        ReportSection(
            report=report,
            position=position,
            key=key,
            heading=section_heading(key, kind, style),
            body=draft_body(key, kind, data, user),
            numbered=key not in UNNUMBERED,
            updated_by=user,
        )
        for position, key in enumerate(ordered_keys(style, SECTION_KEYS), start=1)
    )
    return report


def redraft_body(section: ReportSection) -> str:
    """What the data would draft for this section now (to start a section again)."""
    report = section.report
    on = report.report_date or timezone.localdate(report.created_at)
    data = gather(
        report.council,
        evaluation=report.evaluation,
        audit_return=report.audit_return,
        inspection=report.inspection,
        today=on,
        since=previous_report_date(report.council, report.kind, on, exclude=report.pk),
    )
    return draft_body(section.key, report.kind, data, report.created_by)
