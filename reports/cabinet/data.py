"""The data a cabinet report is drafted from and its appendices show, gathered in a fixed
number of queries."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from climbie_audit.models import Council
from evaluations.models import CouncilResponse, Evaluation, Finding, Inspection, StandardJudgement
from reports.roles import rules as roles
from standards.action_plan import rules as action_plan
from standards.models import ActionPlan, AuditReturn, ImprovementAction, Standard
from standards.self_audit import scoring


@dataclass
class StandardProgress:
    standard: Standard
    figures: scoring.StandardFigures | None
    judgement: StandardJudgement | None
    actions: list[ImprovementAction]

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

    def standards(self) -> list[StandardProgress]:
        figures = {f.standard.number: f for f in self.summary.standards} if self.summary else {}
        judgements = {j.standard.number: j for j in self.judgements}
        actions: dict[int, list[ImprovementAction]] = {}
        for action in self.actions:
            actions.setdefault(action.criterion.standard.number, []).append(action)
        standards = {}
        for source in (figures.values(), self.judgements):
            for item in source:
                standards[item.standard.number] = item.standard
        return [
            StandardProgress(standard, figures.get(n), judgements.get(n), actions.get(n, []))
            for n, standard in sorted(standards.items())
        ]

    @property
    def overdue(self) -> list[ImprovementAction]:
        return [a for a in self.actions if action_plan.is_past_target_date(a, self.today)]

    @property
    def past_laming(self) -> list[ImprovementAction]:
        return [a for a in self.actions if action_plan.is_past_laming_deadline(a, self.today)]


def latest_issued_evaluation(council: Council) -> Evaluation | None:
    return (
        Evaluation.objects.issued()
        .filter(audit_return__self_audit__council=council)
        .order_by("-issued_at", "-pk")
        .first()
    )


def gather(
    council: Council,
    *,
    evaluation: Evaluation | None = None,
    audit_return: AuditReturn | None = None,
    inspection: Inspection | None = None,
    today: datetime.date | None = None,
    with_roles: bool = True,
) -> ReportData:
    """Everything a report or its appendices show, in a fixed number of queries."""
    data = ReportData(council=council, today=today or timezone.localdate())
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
        data.response = (
            CouncilResponse.objects.filter(evaluation=evaluation)
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
