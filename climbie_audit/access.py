"""The access vocabulary: who a person is to a council, and the checks every concept builds on.

Each concept's own records are found by its access module (standards/self_audit/access.py,
evaluations/evaluation/access.py, reports/cabinet/access.py, …), which every view calls before
anything else; those modules are written in these words. Querysets are scoped there, never in
templates. Objects a user must not know exist
raise Http404; actions on objects they may see but not change raise PermissionDenied.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from climbie_audit.models import Council, User


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


def visible_councils(user: User) -> QuerySet[Council]:
    """Councils whose pages the user may open at all."""
    require_signed_in(user)
    if user.is_inspector or user.is_administrator:
        return Council.objects.all()
    if user.is_council_user and user.council_id is not None:
        return Council.objects.filter(pk=user.council_id)
    return Council.objects.none()


def council_for(user: User, code: str) -> Council:
    council = visible_councils(user).filter(code=code).first()
    if council is None:
        raise Http404("No such council")
    if user.council_id == council.pk:
        user.council = council  # the page shows the user's own council too: read it once
    return council


def is_assigned_inspector(user: User, council: Council) -> bool:
    return user.is_inspector and user.assignments.filter(council=council).exists()


def is_member_of(user: User, council: Council) -> bool:
    return user.is_council_user and user.council_id == council.pk


def is_director_of(user: User, council: Council) -> bool:
    """The council's own director: the one person who submits, responds and reports to cabinet."""
    return is_member_of(user, council) and user.is_director


def require_director_of(user: User, council: Council) -> None:
    if not is_director_of(user, council):
        raise PermissionDenied("Only the council's director can do this.")


def council_records_of(user: User, council_code: str) -> Council:
    """The council, for its statement of roles and its inspections: its people, SSI inspectors
    and administrators read them; other councils get 404."""
    council = council_for(user, council_code)
    if not (is_member_of(user, council) or user.is_inspector or user.is_administrator):
        raise Http404("No such council")
    return council
