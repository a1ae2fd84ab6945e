"""SSI inspectors read every submitted return; the inspectors assigned to a council write its
evaluations. Everyone else who may see the council sees its issued evaluations only: a draft
evaluation is as invisible to them (404) as a council's draft return is to SSI.

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from climbie_audit.access import (
    council_for,
    is_assigned_inspector,
    is_director_of,
    require_director_of,
    require_role,
)
from climbie_audit.models import Council, User
from evaluations.models import CouncilResponse, Evaluation
from standards.models import SelfAudit
from standards.self_audit.access import self_audit_of


def workspace_councils(user: User) -> QuerySet[Council]:
    """The inspector's workspace lists every council."""
    require_role(user, User.Role.INSPECTOR)
    return Council.objects.all()


def visible_evaluations(user: User, council: Council) -> QuerySet[Evaluation]:
    """The council's evaluations this user may read: drafts only for its assigned inspectors."""
    evaluations = Evaluation.objects.filter(audit_return__self_audit__council=council)
    if is_assigned_inspector(user, council):
        return evaluations
    return evaluations.issued()


def readable_evaluation(user: User, council_code: str, pk: int) -> tuple[Council, Evaluation]:
    council = council_for(user, council_code)
    evaluation = (
        visible_evaluations(user, council)
        .select_related(
            "audit_return__self_audit__council",
            "audit_return__self_audit__framework",
            "inspector",
            "issued_by",
            "council_response__recorded_by",
        )
        .filter(pk=pk)
        .first()
    )
    if evaluation is None:
        raise Http404("No such evaluation")
    return council, evaluation


def require_evaluator_of(user: User, council: Council) -> None:
    """Only the council's assigned SSI inspectors write its evaluations."""
    if not is_assigned_inspector(user, council):
        raise PermissionDenied("Only an inspector assigned to this council can do this.")


def editable_evaluation(user: User, council_code: str, pk: int) -> tuple[Council, Evaluation]:
    council, evaluation = readable_evaluation(user, council_code, pk)
    require_evaluator_of(user, council)
    return council, evaluation


def evaluable_council(user: User, council_code: str) -> tuple[Council, SelfAudit]:
    """The council and its self-audit, for an assigned inspector about to start an evaluation."""
    council, audit = self_audit_of(user, council_code)
    require_evaluator_of(user, council)
    return council, audit


def require_responder_to(user: User, council: Council, evaluation: Evaluation) -> None:
    """The council's director records its response, and only to an issued evaluation."""
    require_director_of(user, council)
    if not evaluation.is_issued:
        raise Http404("No such evaluation")


def may_start_evaluation(user: User, council: Council, has_submitted_return: bool) -> bool:
    """An assigned inspector, once the council has submitted a return."""
    return has_submitted_return and is_assigned_inspector(user, council)


def may_edit_evaluation(user: User, council: Council, evaluation: Evaluation) -> bool:
    return not evaluation.is_issued and is_assigned_inspector(user, council)


def may_respond_to(
    user: User, council: Council, evaluation: Evaluation, response: CouncilResponse | None
) -> bool:
    """The council's director, once, to an issued evaluation."""
    return evaluation.is_issued and response is None and is_director_of(user, council)
