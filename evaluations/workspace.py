"""The inspector's workspace: every council, where its return and its evaluation stand.

A fixed number of queries however many councils there are (about 150 in England).
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch

from climbie_audit import access
from standards.models import AuditReturn, Framework, SelfAudit

from .judgements import star_rating_consequence
from .models import CouncilResponse, Evaluation

STATUS_LABELS = {
    "not_submitted": "Not yet submitted",
    "awaiting": "Submitted, not yet evaluated",
    "draft": "Evaluation in draft",
    "issued": "Evaluation issued",
}


@dataclass
class WorkspaceRow:
    council: object
    assigned: bool
    latest_return: AuditReturn | None
    evaluation: Evaluation | None  # of the latest submitted version: its draft, else its latest
    latest_issued: Evaluation | None  # of any version: SSI's standing judgement of the council
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def star_rating_consequence(self) -> str:
        if self.latest_issued is None:
            return ""
        return star_rating_consequence(self.council.name, self.latest_issued.overall_serving)


def _row(council, assigned: bool) -> WorkspaceRow:
    audits = council.current_audits
    returns = audits[0].submitted_returns if audits else []
    latest = max(returns, key=lambda r: r.number, default=None)
    evaluations = [e for r in returns for e in r.evaluations.all()]
    issued = [e for e in evaluations if e.is_issued]
    latest_issued = max(issued, key=lambda e: e.issued_at, default=None)
    evaluation = None
    if latest is not None:
        current = list(latest.evaluations.all())
        drafts = [e for e in current if not e.is_issued]
        evaluation = drafts[0] if drafts else max(current, key=lambda e: e.issued_at, default=None)
    if latest is None:
        status = "not_submitted"
    elif evaluation is None:
        status = "awaiting"
    else:
        status = "issued" if evaluation.is_issued else "draft"
    return WorkspaceRow(council, assigned, latest, evaluation, latest_issued, status)


def workspace(user, region: str = "", status: str = "") -> tuple[list, list]:
    """(the inspector's assigned councils, the other councils), each by name, filtered."""
    councils = access.workspace_councils(user)
    framework = Framework.objects.current()
    assigned_ids = set(user.assignments.values_list("council_id", flat=True))
    evaluations = Evaluation.objects.only(
        "id", "audit_return_id", "phase", "status", "issued_at", "overall_serving"
    ).annotate(has_response=Exists(CouncilResponse.objects.filter(evaluation=OuterRef("pk"))))
    returns = (
        AuditReturn.objects.submitted()
        .only("id", "self_audit_id", "number", "status", "submitted_at")
        .prefetch_related(Prefetch("evaluations", queryset=evaluations))
    )
    audits = SelfAudit.objects.filter(framework=framework).prefetch_related(
        Prefetch("returns", queryset=returns, to_attr="submitted_returns")
    )
    if region:
        councils = councils.filter(region=region)
    councils = councils.order_by("name").prefetch_related(
        Prefetch("self_audits", queryset=audits, to_attr="current_audits")
    )
    rows = [_row(council, council.pk in assigned_ids) for council in councils]
    if status:
        rows = [row for row in rows if row.status == status]
    return [r for r in rows if r.assigned], [r for r in rows if not r.assigned]


def regions() -> list[str]:
    from climbie_audit.models import Council

    return list(Council.objects.order_by("region").values_list("region", flat=True).distinct())
