"""The statement of roles and responsibilities: the council's people, SSI inspectors and
administrators read it; only the council's director changes it; other councils get 404.

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from django.http import Http404

from climbie_audit.access import (
    council_records_of,
    is_director_of,
    require_director_of,
)
from climbie_audit.models import Council, User
from reports.models import ResponsibleRole


def readable_role(user: User, council_code: str, pk: int) -> tuple[Council, ResponsibleRole]:

    council = council_records_of(user, council_code)
    role = ResponsibleRole.objects.filter(statement__council=council, pk=pk).first()
    if role is None:
        raise Http404("No such role")
    return council, role


def editable_role(user: User, council_code: str, pk: int) -> tuple[Council, ResponsibleRole]:
    council, role = readable_role(user, council_code, pk)
    require_director_of(user, council)
    return council, role


def may_change_roles(user: User, council: Council) -> bool:
    return is_director_of(user, council)
