"""The inspector's workspace: every council, where its return and its evaluation stand.

A fixed number of queries however many councils there are (about 150 in England), read as plain
rows rather than model instances: building 600 model objects was half the page's time.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from climbie_audit.models import CouncilRef
from evaluations.evaluation import access as evaluation_access
from evaluations.evaluation.judgements import caps_star_rating
from evaluations.models import CouncilResponse, Evaluation
from standards.framework import index as framework_index
from standards.models import AuditReturn
from standards.self_audit.status import Standing, return_standing

ISSUED = Evaluation.Status.ISSUED


@dataclass
class WorkspaceRow:
    council: CouncilRef
    assigned: bool
    latest_return: dict | None  # the latest submitted version: pk, number, submitted_at
    evaluation: dict | None  # of the latest submitted version: its draft, else its latest
    latest_issued: dict | None  # of any version: SSI's standing judgement of the council
    status: str

    @property
    def star_rating_capped(self) -> bool:
        return (
            self.latest_issued is not None
            and bool(self.latest_issued)
            and caps_star_rating(self.latest_issued["overall_serving"])
        )

    @property
    def submitted_on(self) -> str:
        return short_date(self.latest_return["submitted_at"]) if self.latest_return else ""

    @property
    def issued_on(self) -> str:
        return short_date(self.evaluation["issued_at"]) if self.evaluation else ""


def short_date(moment) -> str:
    """What the template filter `date` ("j M Y") shows, in the service's time zone: written
    directly, as the filter costs about 40 µs a date and the table shows two a council."""
    return "" if moment is None else f"{timezone.localtime(moment):%-d %b %Y}"


def _row(council: CouncilRef, assigned: bool, returns: list, evaluations: dict) -> WorkspaceRow:
    latest = max(returns, key=lambda r: r["number"], default=None)
    issued = [e for r in returns for e in evaluations[r["pk"]] if e["status"] == ISSUED]
    latest_issued = max(issued, key=lambda e: e["issued_at"], default=None)
    evaluation = None
    if latest is not None:
        current = evaluations[latest["pk"]]
        drafts = [e for e in current if e["status"] != ISSUED]
        evaluation = (
            drafts[0] if drafts else max(current, key=lambda e: e["issued_at"], default=None)
        )
    standing = return_standing(
        [(r["number"], AuditReturn.Status.SUBMITTED) for r in returns],
        [e["status"] for e in evaluations[latest["pk"]]] if latest else [],
    )
    return WorkspaceRow(
        council, assigned, latest, evaluation, latest_issued, _workspace_status(standing)
    )


def _workspace_status(standing: Standing) -> str:
    """Where the return stands, for the inspector: an evaluation in draft is the work in hand,
    so it comes before one already issued for the same version."""
    if standing.latest is None:
        return "not_submitted"
    if standing.evaluation_in_draft:
        return "draft"
    if standing.evaluation_issued:
        return "issued"
    return "awaiting"


def workspace(user, region: str = "", status: str = "") -> tuple[list, list]:
    """(the inspector's assigned councils, the other councils), each by name, filtered."""
    councils = evaluation_access.workspace_councils(user)
    if region:
        councils = councils.filter(region=region)
    framework = framework_index.current_framework()
    assigned_ids = set(user.assignments.values_list("council_id", flat=True))

    returns_by_council = defaultdict(list)
    for r in (
        AuditReturn.objects.submitted()
        .filter(self_audit__framework=framework, self_audit__council__in=councils)
        .values("pk", "number", "submitted_at", "self_audit__council_id")
    ):
        returns_by_council[r["self_audit__council_id"]].append(r)
    evaluations = defaultdict(list)
    return_ids = [r["pk"] for returns in returns_by_council.values() for r in returns]
    for e in (
        Evaluation.objects.filter(audit_return_id__in=return_ids)
        .annotate(has_response=Exists(CouncilResponse.objects.filter(evaluation=OuterRef("pk"))))
        .values(
            "pk",
            "audit_return_id",
            "phase",
            "status",
            "issued_at",
            "overall_serving",
            "has_response",
        )
        .order_by("pk")
    ):
        evaluations[e["audit_return_id"]].append(e)

    rows = [
        _row(
            council,
            council.pk in assigned_ids,
            returns_by_council.get(council.pk, []),
            evaluations,
        )
        for council in CouncilRef.all_by_name(councils)
    ]
    if status:
        rows = [row for row in rows if row.status == status]
    return [r for r in rows if r.assigned], [r for r in rows if not r.assigned]


def regions() -> list[str]:
    from climbie_audit.models import Council

    return list(Council.objects.order_by("region").values_list("region", flat=True).distinct())
