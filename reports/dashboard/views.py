"""The council dashboard. The view asks climbie_audit.access first; the figures come from
reports.dashboard.rules, as at the date the user chose (today by default)."""

from django.shortcuts import render
from django.utils import timezone

from climbie_audit.as_at import as_at_from, as_at_query
from reports.dashboard import access as dashboard_access
from reports.dashboard.rules import build_dashboard


def dashboard(request, council_code):
    council, audit = dashboard_access.dashboard_of(request.user, council_code)
    today = timezone.localdate()
    as_at, as_at_form = as_at_from(request.GET, today)
    board = build_dashboard(request.user, council, audit, as_at)
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "council": council,
            "board": board,
            "as_at_form": as_at_form,
            "as_at_is_today": as_at == today,
            "as_at_query": as_at_query(as_at, today),
            "error_links": as_at_form.error_links(),
        },
    )
