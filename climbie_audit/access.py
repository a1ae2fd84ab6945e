"""Who may see and do what. Every view calls one of these functions before anything else.

Querysets are scoped to the user here, never in templates. Objects a user must not know exist
raise Http404; actions on objects they may see but not change raise PermissionDenied.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Council, User


def require_signed_in(user: User) -> User:
    # LoginRequiredMiddleware sends anonymous visitors to sign in; this guards views reached otherwise.
    if not user.is_authenticated:
        raise PermissionDenied
    return user


def require_role(user: User, *roles: str) -> User:
    require_signed_in(user)
    if user.role not in roles and not (User.Role.ADMINISTRATOR in roles and user.is_superuser):
        raise PermissionDenied
    return user


def framework_readable(user: User) -> None:
    """The framework is public guidance: any signed-in person may read it."""
    require_signed_in(user)


def visible_councils(user: User):
    """Councils whose pages the user may open at all."""
    require_signed_in(user)
    if user.is_inspector or user.is_administrator:
        return Council.objects.all()
    if user.is_council_user:
        return Council.objects.filter(pk=user.council_id)
    return Council.objects.none()


def council_for(user: User, code: str) -> Council:
    council = visible_councils(user).filter(code=code).first()
    if council is None:
        raise Http404("No such council")
    return council


def is_assigned_inspector(user: User, council: Council) -> bool:
    return user.is_inspector and user.assignments.filter(council=council).exists()
