"""A council's dashboard: where it stands at a glance, and what changed since the last report to
cabinet (seed 001 is such a report, a year on).

A fixed number of queries however many actions, notes or versions the council has. Outside the
council, only submitted returns and issued evaluations count, as everywhere else.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from climbie_audit import access, charts
from climbie_audit.models import Council, CouncilRef, User
from evaluations.models import Evaluation, StandardJudgement
from reports.national.disagreements import Disagreement, standard_disagreements
from reports.national.figures import ReturnValues, submitted_rating_counts
from reports.national.rules import version_label
from standards.action_plan import rules as action_plan
from standards.framework import index as framework_index
from standards.models import (
    RATING_LEVELS,
    ActionPlan,
    ActionStatus,
    Answer,
    AuditReturn,
    Criterion,
    ImprovementAction,
    ProgressNote,
    SelfAudit,
)
from standards.self_audit import scoring
from standards.self_audit.status import ReturnStatus, standing_of


@dataclass
class RatingChange:
    criterion: Criterion
    old: int | None
    new: int | None
    older_version: int
    newer_version: int


@dataclass
class Changes:
    since: datetime.date | None
    notes: list[ProgressNote] = field(default_factory=list)
    new_actions: list[ImprovementAction] = field(default_factory=list)
    completed: list[ImprovementAction] = field(default_factory=list)
    returns: list[AuditReturn] = field(default_factory=list)
    rating_changes: list[RatingChange] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return any(
            (
                self.notes,
                self.new_actions,
                self.completed,
                self.returns,
                self.rating_changes,
                self.evaluations,
            )
        )


@dataclass
class Dashboard:
    council: Council
    audit: SelfAudit
    today: datetime.date
    is_member: bool
    status: str
    latest_version: int | None
    draft_version: int | None
    latest_submitted: AuditReturn | None
    figures_return: AuditReturn | None
    summary: scoring.ReturnSummary | None
    evaluation: Evaluation | None
    judgements: list[StandardJudgement]
    plan: ActionPlan | None
    actions: list[ImprovementAction]
    overdue_target: list[ImprovementAction]
    overdue_laming: list[ImprovementAction]
    changes: Changes
    drafted: action_plan.DraftResult | None = None
    disagreements: list[Disagreement] = field(default_factory=list)
    # Actions in the plan whose (perhaps changed) target date misses the Laming deadline.
    plan_not_on_target: list[ImprovementAction] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return ReturnStatus.LABELS[self.status]

    @property
    def status_colour(self) -> str:
        return ReturnStatus.COLOURS[self.status]

    @property
    def version(self) -> str:
        return version_label(self.latest_version, self.draft_version)

    @property
    def share_four_percent(self) -> int:
        return round(self.summary.share_four * 100) if self.summary else 0

    @property
    def figures_are_draft(self) -> bool:
        return self.figures_return is not None and not self.figures_return.is_submitted

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        counts = action_plan.status_counts(self.actions)
        return [(value, ActionStatus(value).label, counts[value]) for value in ActionStatus.values]

    @property
    def star_rating_consequence(self) -> str:
        if self.evaluation is None:
            return ""
        return self.evaluation.star_rating_consequence

    def ratings_chart(self) -> str:
        if self.summary is None or self.figures_return is None:  # (a summary has its return)
            return ""
        return charts.stacked_bar_chart(
            "chart-council-ratings",
            f"{self.council.name}: self-ratings by standard, version {self.figures_return.number}",
            [
                (f"Standard {f.standard.number}", [f.counts[level] for level in RATING_LEVELS])
                for f in self.summary.standards
            ],
            charts.rating_series(),
        )

    def actions_chart(self) -> str:
        return charts.bar_chart(
            "chart-council-actions",
            f"{self.council.name}: improvement actions by status",
            [charts.Bar(label, count) for _, label, count in self.status_counts],
        )


def _returns(audit: SelfAudit) -> list[AuditReturn]:
    evaluations = Evaluation.objects.order_by("issued_at", "pk")  # the inspector is not shown
    return list(
        audit.returns.select_related("submitted_by")
        .prefetch_related(Prefetch("evaluations", queryset=evaluations))
        .order_by("number")
    )


def _actions(plan: ActionPlan) -> QuerySet[ImprovementAction]:
    # Only what the dashboard shows: the criteria come from the framework's cached list and only
    # the progress notes since the last report are read.
    return plan.actions.order_by("criterion__standard__number", "criterion__number", "pk")


def _notes_since(
    plan: ActionPlan | None, since: datetime.date | None, actions: list[ImprovementAction]
) -> list[ProgressNote]:
    if plan is None or since is None:
        return []
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    notes = list(
        ProgressNote.objects.filter(action__plan=plan, recorded_at__gte=start)
        .select_related("author")
        .order_by("-recorded_at", "-pk")
    )
    by_id = {action.pk: action for action in actions}
    for note in notes:
        note.action = by_id[note.action_id]  # loaded already
    return notes


def _disagreements(
    council: Council, evaluation: Evaluation | None, judgements: list[StandardJudgement]
) -> list[Disagreement]:
    """The same rule, on the same figures, as the national overview lists for this council."""
    if evaluation is None:
        return []
    evaluated = evaluation.audit_return
    values: ReturnValues = {
        "pk": evaluated.pk,
        "number": evaluated.number,
        "status": evaluated.status,
        "submitted_at": evaluated.submitted_at,
        "self_audit__council_id": council.pk,
    }
    standards = [j.standard for j in judgements]
    counts = submitted_rating_counts([values], standards)[evaluated.pk]
    return standard_disagreements(
        CouncilRef(council.pk, council.code, council.name, council.region),
        evaluated.number,
        counts,
        [(j.standard.number, j.judgement) for j in judgements],
        {j.standard.number: j.standard.title for j in judgements},
    )


def build_dashboard(
    user: User, council: Council, audit: SelfAudit, today: datetime.date | None = None
) -> Dashboard:
    """The dashboard with every date-dependent figure worked out as at `today` (the date the
    user chose; the real today by default)."""
    today = today or timezone.localdate()
    is_member = access.is_member_of(user, council)
    returns = _returns(audit)
    submitted = [r for r in returns if r.is_submitted]
    latest = max(submitted, key=lambda r: r.number, default=None)
    plan = action_plan.plan_of(audit)
    drafted = None
    if is_member and latest is not None and (plan is None or plan.drafted_from_id != latest.pk):
        # The council's own visit takes a newly submitted version's improvements into the plan.
        drafted = action_plan.draft_actions_from(latest, user)
        plan = action_plan.plan_of(audit)
    draft = next((r for r in returns if not r.is_submitted), None)
    standing = standing_of(returns)
    figures_return = latest or (draft if is_member else None)
    answers: list[Answer] = []
    if figures_return is not None:
        answers = list(figures_return.answers.in_framework_order())
    actions = list(_actions(plan)) if plan else []
    framework_index.attach_criteria([*answers, *actions])  # one read of the criteria for both
    summary = scoring.summarise(answers) if figures_return is not None else None

    issued = [e for r in submitted for e in r.evaluations.all() if e.is_issued]
    evaluation = max(issued, key=lambda e: (e.issued_at, e.pk), default=None)
    judgements: list[StandardJudgement] = []
    if evaluation is not None:
        judgements = list(
            evaluation.judgements.select_related("standard").order_by("standard__number")
        )

    overdue_target = [a for a in actions if action_plan.is_past_target_date(a, today)]
    overdue_laming = [a for a in actions if action_plan.is_past_laming_deadline(a, today)]
    plan_not_on_target = [
        a for a in actions if action_plan.misses_laming_deadline(a, a.criterion.laming_deadline)
    ]
    since = plan.reported_since if plan else None
    changes = changes_since(
        since, actions, _notes_since(plan, since, actions), submitted, issued, answers
    )
    return Dashboard(
        council=council,
        audit=audit,
        today=today,
        is_member=is_member,
        status=standing.status,
        latest_version=standing.latest,
        draft_version=standing.draft,
        latest_submitted=latest,
        figures_return=figures_return,
        summary=summary,
        evaluation=evaluation,
        judgements=judgements,
        plan=plan,
        actions=actions,
        overdue_target=overdue_target,
        overdue_laming=overdue_laming,
        changes=changes,
        drafted=drafted,
        disagreements=_disagreements(council, evaluation, judgements),
        plan_not_on_target=plan_not_on_target,
    )


def changes_since(
    since: datetime.date | None,
    actions: list[ImprovementAction],
    notes: list[ProgressNote],
    submitted: list[AuditReturn],
    issued: list[Evaluation],
    answers: list[Answer],
) -> Changes:
    """Progress, new and completed actions, submitted versions (with their rating changes) and
    issued evaluations on or after the day of the last report to cabinet."""
    changes = Changes(since)
    if since is None:
        return changes

    def on_or_after(moment: datetime.date | None) -> bool:
        if moment is None:
            return False
        if isinstance(moment, datetime.datetime):
            moment = timezone.localdate(moment)
        return moment >= since

    changes.notes = [note for note in notes if on_or_after(note.recorded_at)]
    changes.new_actions = [a for a in actions if on_or_after(a.created_at)]
    changes.completed = [a for a in actions if a.is_complete and on_or_after(a.completed_on)]
    changes.evaluations = [e for e in issued if on_or_after(e.issued_at)]
    ordered = sorted(submitted, key=lambda r: r.number)
    changes.returns = [r for r in ordered if on_or_after(r.submitted_at)]
    pairs: list[tuple[AuditReturn, AuditReturn]] = []
    for r in changes.returns:
        earlier = [p for p in ordered if p.number < r.number]
        if earlier:
            pairs.append((earlier[-1], r))
    if pairs:
        ids = {p.pk for pair in pairs for p in pair}
        ratings = {
            (return_id, criterion_id): rating
            for return_id, criterion_id, rating in Answer.objects.filter(
                audit_return_id__in=ids
            ).values_list("audit_return_id", "criterion_id", "rating")
        }
        criteria = [a.criterion for a in answers]
        for older, newer in pairs:
            for criterion in criteria:
                old = ratings.get((older.pk, criterion.pk))
                new = ratings.get((newer.pk, criterion.pk))
                if old != new:
                    changes.rating_changes.append(
                        RatingChange(criterion, old, new, older.number, newer.number)
                    )
    return changes
