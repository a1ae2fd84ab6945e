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


# --- Self-audits -------------------------------------------------------------------------


def is_member_of(user: User, council: Council) -> bool:
    return user.is_council_user and user.council_id == council.pk


def self_audit_of(user: User, council_code: str):
    """The council's self-audit against the current framework, if the user may see the council."""
    from standards.models import Framework
    from standards.self_audit import self_audit_for

    council = council_for(user, council_code)
    framework = Framework.objects.current()
    if framework is None:
        raise Http404("No audit framework has been loaded")
    return council, self_audit_for(council, framework)


def own_self_audit(user: User, council_code: str):
    """For pages only the council's own people may open: drafts are invisible to everyone else."""
    council, audit = self_audit_of(user, council_code)
    if not is_member_of(user, council):
        raise Http404("No such draft")
    return council, audit


def readable_return(user: User, council_code: str, number: int):
    """A version of the return: its council's people see every version, others submitted ones."""
    council, audit = self_audit_of(user, council_code)
    audit_return = audit.returns.filter(number=number).select_related("submitted_by").first()
    if audit_return is None or not (audit_return.is_submitted or is_member_of(user, council)):
        raise Http404("No such return")
    return council, audit, audit_return


def require_director_of(user: User, council: Council) -> None:
    if not (is_member_of(user, council) and user.is_director):
        raise PermissionDenied("Only the council's director can do this.")


# --- Spreadsheets ------------------------------------------------------------------------


def national_returns(user: User):
    """SSI inspectors and administrators: every council's latest submitted return.

    Returns (framework, queryset). Drafts never appear: only submitted versions are public to SSI.
    """
    from django.db.models import OuterRef, Subquery

    from standards.models import AuditReturn, Framework

    require_role(user, User.Role.INSPECTOR, User.Role.ADMINISTRATOR)
    framework = Framework.objects.current()
    if framework is None:
        raise Http404("No audit framework has been loaded")
    latest = (
        AuditReturn.objects.submitted()
        .filter(self_audit=OuterRef("self_audit"))
        .order_by("-number")
        .values("pk")[:1]
    )
    returns = (
        AuditReturn.objects.submitted()
        .filter(self_audit__framework=framework, pk=Subquery(latest))
        .select_related("self_audit__council")
        .order_by("self_audit__council__name")
    )
    return framework, returns
