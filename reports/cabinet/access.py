"""Reports to cabinet are the council's own. Its officers read them and its director writes them. A
draft report is invisible (404) outside the council, inspectors included; once marked final a
report is a public cabinet paper that SSI inspectors and administrators may read too. Other
councils get 404.

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from django.db.models import QuerySet
from django.http import Http404

from climbie_audit.access import (
    council_for,
    is_director_of,
    is_member_of,
    require_director_of,
)
from climbie_audit.models import Council, User
from reports.models import CabinetReport


def cabinet_reports_of(user: User, council_code: str) -> tuple[Council, QuerySet[CabinetReport]]:
    """(council, the council's reports this user may read)."""
    council = council_for(user, council_code)
    reports = CabinetReport.objects.filter(council=council)
    if is_member_of(user, council):
        return council, reports
    if user.is_inspector or user.is_administrator:
        return council, reports.finals()
    raise Http404("No such report")


def readable_cabinet_report(
    user: User, council_code: str, pk: int
) -> tuple[Council, CabinetReport]:
    council, reports = cabinet_reports_of(user, council_code)
    report = reports.select_related("council", "finalised_by").filter(pk=pk).first()
    if report is None:
        raise Http404("No such report")
    return council, report


def require_report_author(user: User, council: Council) -> None:
    """Only the council's director builds, changes and marks final its reports to cabinet."""
    require_director_of(user, council)


def editable_cabinet_report(
    user: User, council_code: str, pk: int
) -> tuple[Council, CabinetReport]:
    council, report = readable_cabinet_report(user, council_code, pk)
    require_report_author(user, council)
    return council, report


def may_build_reports(user: User, council: Council) -> bool:
    return is_director_of(user, council)


def may_change_report(user: User, council: Council, report: CabinetReport) -> bool:
    """The council's director, until the report is final."""
    return not report.is_final and is_director_of(user, council)
