"""SSI's national overview: inspectors and administrators only.

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from climbie_audit.access import (
    require_role,
)
from climbie_audit.models import User


def national_overview(user: User) -> User:
    """The SSI national overview: inspectors and administrators only."""
    return require_role(user, User.Role.INSPECTOR, User.Role.ADMINISTRATOR)


def assigned_council_ids(user: User) -> set[int]:
    """The councils an inspector is assigned to (none for anyone else), for "my councils"."""
    if not user.is_inspector:
        return set()
    return set(user.assignments.values_list("council_id", flat=True))
