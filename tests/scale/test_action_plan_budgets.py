"""Query budgets of the action plan page and its exports (issue 14): the same number of queries
for a plan of 3 actions as for one of 33 items with several actions and notes each, as at today
and as at a past date. No query per item, action or progress entry."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standards.action_plan import rules as action_plan
from standards.models import ActionStatus, Criterion, ImprovementAction
from tests.standards.helpers import submitted_return

BUDGETS = {"plan": 12, "plan as at": 12, "csv": 12, "xlsx": 12}  # measured 30 November 2026
AS_AT = {"as_at_0": "31", "as_at_1": "10", "as_at_2": "2003"}


def counts(client) -> dict[str, int]:
    pages = {
        "plan": (reverse("action_plan:plan", args=["509"]), {}),
        "plan as at": (reverse("action_plan:plan", args=["509"]), AS_AT),
        "csv": (reverse("action_plan:export_csv", args=["509"]), {"as_at": "2003-10-31"}),
        "xlsx": (reverse("action_plan:export_xlsx", args=["509"]), {}),
    }
    found = {}
    for name, (address, query) in pages.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address, query).status_code == 200
        found[name] = len(queries)
    return found


def grow(plan, officer, criteria):
    """Two more actions on each criterion, each with progress as at two dates."""
    for criterion in criteria:
        for n in (1, 2):
            action = action_plan.add_action(
                plan,
                officer,
                criterion,
                {
                    "title": f"{criterion.code} action {n}",
                    "action": "Do it",
                    "start_date": datetime.date(2003, 7, 1),
                    "target_date": datetime.date(2003, 12, 31),
                    "monitoring": "Monthly",
                },
            )
            action_plan.record_progress(
                action,
                officer,
                0,
                "Begun",
                ActionStatus.IN_PROGRESS,
                as_at=datetime.date(2003, 9, 1),
            )
            action_plan.record_progress(
                action, officer, 1, "More", next_action="Next", as_at=datetime.date(2003, 10, 31)
            )


@pytest.mark.django_db
def test_plan_page_and_exports_keep_their_budget_as_items_grow(
    client_for, council_a, framework, officer, director
):
    submitted_return(council_a, framework, officer, director, {"1.1": 2, "2.4": 3, "3.4": 1})
    client = client_for(officer)
    small = counts(client)
    plan = ImprovementAction.objects.first().plan
    grow(plan, officer, Criterion.objects.filter(standard__framework=framework)[:15])
    assert plan.actions.count() == 33
    large = counts(client)
    assert large == small, f"queries grew with the plan: {small} -> {large}"
    for name, budget in BUDGETS.items():
        assert large[name] <= budget, f"{name}: {large[name]} queries, budget {budget}"
