"""The national workbook: SSI inspectors and administrators, submitted returns only.

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from climbie_audit.access import (
    require_role,
)
from climbie_audit.models import User
from standards.framework.index import current_framework
from standards.models import AuditReturn, Framework


def national_returns(user: User) -> tuple[Framework, QuerySet[AuditReturn]]:
    """SSI inspectors and administrators: every council's latest submitted return.

    Returns (framework, queryset). Drafts never appear: only submitted versions are public to SSI.
    """
    require_role(user, User.Role.INSPECTOR, User.Role.ADMINISTRATOR)
    framework = current_framework()
    if framework is None:
        raise Http404("No audit framework has been loaded")
    latest = (
        AuditReturn.objects.filter(self_audit=OuterRef("self_audit"))
        .newest_submitted_first()
        .values("pk")[:1]
    )
    returns = (
        AuditReturn.objects.submitted()
        .filter(self_audit__framework=framework, pk=Subquery(latest))
        .select_related("self_audit__council")
        .order_by("self_audit__council__name")
    )
    return framework, returns
