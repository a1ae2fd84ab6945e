"""A council's action plan: its own officers and directors read and edit it, SSI inspectors (any of
them) and administrators read it, other councils get 404. It never shows a council's draft
return to anyone outside the council, nor a draft evaluation to anyone.

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from climbie_audit.access import (
    is_member_of,
)
from climbie_audit.models import Council, User
from standards.models import ImprovementAction, SelfAudit
from standards.self_audit.access import self_audit_of


def action_plan_of(user: User, council_code: str) -> tuple[Council, SelfAudit]:
    """(council, self-audit) for reading the council's action plan."""
    council, audit = self_audit_of(user, council_code)
    if not (is_member_of(user, council) or user.is_inspector or user.is_administrator):
        raise Http404("No such action plan")
    return council, audit


def require_plan_editor(user: User, council: Council) -> None:
    """Only the council's own officers and directors change its action plan."""
    if not is_member_of(user, council):
        raise PermissionDenied("Only the council's officers and directors can change its plan.")


def readable_action(
    user: User, council_code: str, pk: int
) -> tuple[Council, SelfAudit, ImprovementAction]:
    """(council, audit, action): the action must belong to this council's plan, else 404."""
    council, audit = action_plan_of(user, council_code)
    action = (
        ImprovementAction.objects.select_related(
            "plan", "criterion__standard__framework", "drafted_from", "updated_from"
        )
        .filter(pk=pk, plan__self_audit=audit)
        .first()
    )
    if action is None:
        raise Http404("No such action")
    return council, audit, action


def editable_action(
    user: User, council_code: str, pk: int
) -> tuple[Council, SelfAudit, ImprovementAction]:
    council, audit, action = readable_action(user, council_code, pk)
    require_plan_editor(user, council)
    return council, audit, action


def may_change_plan(user: User, council: Council) -> bool:
    return is_member_of(user, council)
