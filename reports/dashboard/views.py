"""The council dashboard. The view asks climbie_audit.access first; the figures come from
reports.dashboard.rules."""

from django.shortcuts import render

from reports.dashboard import access as dashboard_access
from reports.dashboard.rules import build_dashboard


def dashboard(request, council_code):
    council, audit = dashboard_access.dashboard_of(request.user, council_code)
    board = build_dashboard(request.user, council, audit)
    return render(request, "dashboard/dashboard.html", {"council": council, "board": board})
