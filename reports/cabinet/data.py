"""The data a cabinet report is drafted from and its appendices show, gathered in a fixed
number of queries."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from climbie_audit.models import Council
from evaluations.models import CouncilResponse, Evaluation, Finding, Inspection, StandardJudgement
from reports.roles import rules as roles
from standards.action_plan import progress as plan_progress
from standards.action_plan import rules as action_plan
from standards.models import ActionPlan, AuditReturn, ImprovementAction, Standard
from standards.self_audit import scoring


@dataclass
class StandardProgress:
    standard: Standard
    figures: scoring.StandardFigures | None
    judgement: StandardJudgement | None
    actions: list[ImprovementAction]
    # The plan as at the report's date, with what was reported since the last report.
    as_at: list[plan_progress.ActionAsAt] = field(default_factory=list)

    @property
    def status_counts(self) -> dict[str, int]:
        return action_plan.status_counts(self.actions)


@dataclass
class ReportData:
    council: Council
    today: datetime.date
    evaluation: Evaluation | None = None
    judgements: list[StandardJudgement] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    response: CouncilResponse | None = None
    audit_return: AuditReturn | None = None
    summary: scoring.ReturnSummary | None = None
    plan: ActionPlan | None = None
    actions: list[ImprovementAction] = field(default_factory=list)
    inspection: Inspection | None = None
    register: roles.Register | None = None
    # The date of the council's last progress report before this one ("since the report of …").
    since: datetime.date | None = None

    @property
    def evaluation_awaited(self) -> bool:
        """The return was submitted but SSI had not issued its evaluation by the report's date."""
        return self.evaluation is None and self.audit_return is not None

    def plan_as_at(self) -> list[plan_progress.ActionAsAt]:
        return plan_progress.plan_as_at(self.actions, self.today, self.since)

    def standards(self) -> list[StandardProgress]:
        figures = {f.standard.number: f for f in self.summary.standards} if self.summary else {}
        judgements = {j.standard.number: j for j in self.judgements}
        actions: dict[int, list[ImprovementAction]] = {}
        as_at: dict[int, list[plan_progress.ActionAsAt]] = {}
        for shown in self.plan_as_at():
            number = shown.action.criterion.standard.number
            actions.setdefault(number, []).append(shown.action)
            as_at.setdefault(number, []).append(shown)
        standards = {}
        for source in (figures.values(), self.judgements):
            for item in source:
                standards[item.standard.number] = item.standard
        return [
            StandardProgress(
                standard, figures.get(n), judgements.get(n), actions.get(n, []), as_at.get(n, [])
            )
            for n, standard in sorted(standards.items())
        ]

    @property
    def overdue(self) -> list[ImprovementAction]:
        return [a for a in self.actions if action_plan.is_past_target_date(a, self.today)]

    @property
    def past_laming(self) -> list[ImprovementAction]:
        return [a for a in self.actions if action_plan.is_past_laming_deadline(a, self.today)]


def _by_end_of(on: datetime.date) -> datetime.datetime:
    """The first moment after the day `on`, in the service's time zone."""
    midnight = datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


def latest_issued_evaluation(
    council: Council, on: datetime.date | None = None
) -> Evaluation | None:
    """The council's latest issued evaluation; as at the day `on` if given (issued by then)."""
    evaluations = Evaluation.objects.issued().filter(audit_return__self_audit__council=council)
    if on is not None:
        evaluations = evaluations.filter(issued_at__lt=_by_end_of(on))
    return evaluations.order_by("-issued_at", "-pk").first()


def latest_submitted_return(
    council: Council, on: datetime.date | None = None
) -> AuditReturn | None:
    """The council's latest submitted return; as at the day `on` if given."""
    returns = AuditReturn.objects.filter(self_audit__council=council).select_related(
        "self_audit__framework", "submitted_by"
    )
    if on is not None:
        returns = returns.filter(submitted_at__lt=_by_end_of(on))
    return returns.latest_submitted()


def issued_by(evaluation: Evaluation | None, on: datetime.date) -> Evaluation | None:
    """The evaluation if it had been issued by the day `on`, else None: a report says nothing of
    an evaluation issued after its date."""
    if evaluation is None or evaluation.issued_at is None:
        return None
    return evaluation if evaluation.issued_at < _by_end_of(on) else None


def gather(
    council: Council,
    *,
    evaluation: Evaluation | None = None,
    audit_return: AuditReturn | None = None,
    inspection: Inspection | None = None,
    today: datetime.date | None = None,
    with_roles: bool = True,
    since: datetime.date | None = None,
) -> ReportData:
    """Everything a report or its appendices show as at the day `today` (the report's date), in
    a fixed number of queries. An evaluation issued after that day is left out."""
    data = ReportData(council=council, today=today or timezone.localdate(), since=since)
    if evaluation is not None:
        audit_return = audit_return or evaluation.audit_return
    evaluation = issued_by(evaluation, data.today)
    if evaluation is not None:
        evaluation = (
            Evaluation.objects.select_related(
                "audit_return__self_audit__council", "inspector", "issued_by"
            )
            .filter(pk=evaluation.pk)
            .first()
        )
        assert evaluation is not None  # read again by the pk of one that exists
        data.evaluation = evaluation
        data.judgements = list(
            evaluation.judgements.select_related("standard").order_by("standard__number")
        )
        data.findings = list(evaluation.findings.all())
        # A response recorded after the report's date is not yet the Council's word.
        data.response = (
            CouncilResponse.objects.filter(
                evaluation=evaluation, recorded_at__lt=_by_end_of(data.today)
            )
            .select_related("recorded_by")
            .first()
        )
    audit_return = audit_return or (evaluation.audit_return if evaluation else None)
    if audit_return is not None:
        data.audit_return = audit_return
        data.summary = scoring.summarise(audit_return.answers.with_criteria().in_framework_order())
        plan = action_plan.plan_of(audit_return.self_audit)
        if plan is not None:
            data.plan = plan
            data.actions = list(action_plan.actions_with_detail(plan))
    data.inspection = inspection
    if with_roles:
        statement = roles.statement_of(council)
        if statement is not None:
            data.register = roles.register_of(statement)
    return data
