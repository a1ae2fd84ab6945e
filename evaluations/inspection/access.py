"""Inspections recorded by a council: its people, SSI inspectors and administrators read them; only
the council's director records or changes them; other councils get 404.

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from django.http import Http404

from climbie_audit.access import (
    council_records_of,
    is_director_of,
    require_director_of,
)
from climbie_audit.models import Council, User
from evaluations.models import Inspection


def readable_inspection(user: User, council_code: str, pk: int) -> tuple[Council, Inspection]:

    council = council_records_of(user, council_code)
    inspection = Inspection.objects.filter(council=council, pk=pk).first()
    if inspection is None:
        raise Http404("No such inspection")
    return council, inspection


def editable_inspection(user: User, council_code: str, pk: int) -> tuple[Council, Inspection]:
    council, inspection = readable_inspection(user, council_code, pk)
    require_director_of(user, council)
    return council, inspection


def may_record_inspections(user: User, council: Council) -> bool:
    return is_director_of(user, council)
