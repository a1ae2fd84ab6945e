"""SSI's national overview: inspectors and administrators only.

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from climbie_audit.access import (
    require_role,
)
from climbie_audit.models import User


def national_overview(user: User) -> User:
    """The SSI national overview: inspectors and administrators only."""
    return require_role(user, User.Role.INSPECTOR, User.Role.ADMINISTRATOR)
