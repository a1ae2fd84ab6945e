"""The council dashboard: read by those who may read the council's action plan.

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from climbie_audit.models import Council, User
from standards.action_plan.access import action_plan_of
from standards.models import SelfAudit


def dashboard_of(user: User, council_code: str) -> tuple[Council, SelfAudit]:
    """(council, self-audit) for the council dashboard: its people, inspectors, administrators."""
    return action_plan_of(user, council_code)
