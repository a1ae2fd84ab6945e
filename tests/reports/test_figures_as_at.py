"""Every date-dependent figure (overdue against the plan, past the Laming deadline, not on
target, late return) is worked out as at the date asked for, never as at the day the suite runs:
the same as-at date gives the same figures with the clock frozen in 2026 and in 2031."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from standards.action_plan import rules as action_plan
from standards.models import ActionStatus, ImprovementAction
from tests.reports.dashboard.test_dashboard import BELOW_FOUR, issue_evaluation
from tests.reports.helpers import table_rows
from tests.standards.helpers import submitted_return

DASHBOARD = reverse("dashboard:council", args=["509"])
OVERVIEW = reverse("national:overview")
TWO_CLOCKS = (datetime.datetime(2026, 6, 1, 9), datetime.datetime(2031, 11, 30, 17))


@pytest.fixture
def the_2003_story(council_a, framework, officer, director, inspector):
    """Leicester's return, submitted on 2 May 2003 (two days late), its plan, and one action
    completed on 1 June 2003."""
    with time_machine.travel(datetime.datetime(2003, 5, 2, 10), tick=False):
        submitted = submitted_return(council_a, framework, officer, director, BELOW_FOUR)
        issue_evaluation(submitted, inspector, serving="some", judgement="none")
        action_plan.draft_actions_from(submitted, officer)
    done = ImprovementAction.objects.get(criterion__code="2.4")
    action_plan.record_progress(
        done,
        officer,
        done.revision,
        "Done",
        ActionStatus.COMPLETE,
        completed_on=datetime.date(2003, 6, 1),
    )
    return submitted


def _dashboard_figures(client, as_at: str) -> dict[str, object]:
    content = client.get(DASHBOARD, {"as_at": as_at}).content.decode()
    return {
        "as_at": re.search(r'data-testid="as-at">([^<]*)<', content).group(1),
        "past_target": table_rows(content, "overdue-target"),
        "past_laming": table_rows(content, "overdue-laming"),
        "not_on_target": re.search(r'data-testid="not-on-target">(.*?)</', content, re.S).group(1),
        "late": re.search(r'data-testid="late">([^<]*)<', content).group(1),
        "disagreements": table_rows(content, "dashboard-disagreements"),
    }


def _overview_figures(client, as_at: str) -> list[list[str]]:
    content = client.get(OVERVIEW, {"as_at": as_at}).content.decode()
    return table_rows(content, "national-table")


@pytest.mark.parametrize(
    ("as_at", "past_target", "past_laming"),
    [
        # Targets 1 April 2003; Laming deadlines 28 April (1.1, 3.4) and 28 July (2.4, 7.8).
        ("2003-03-31", 0, 0),
        ("2003-04-01", 0, 0),  # due on the day itself
        ("2003-04-02", 4, 0),  # the day after the target date
        ("2003-04-29", 4, 2),  # the day after the three-month deadline
        ("2003-06-01", 3, 2),  # 2.4 completed that day: no longer open
        ("2003-07-29", 3, 3),  # the day after the six-month deadline
    ],
)
def test_dashboard_figures_are_the_same_whatever_day_the_suite_runs(
    client_for, officer, the_2003_story, as_at, past_target, past_laming
):
    seen = []
    for clock in TWO_CLOCKS:
        with time_machine.travel(clock, tick=False):
            seen.append(_dashboard_figures(client_for(officer), as_at))
    assert seen[0] == seen[1]
    figures = seen[0]
    assert len(figures["past_target"]) == past_target
    assert len(figures["past_laming"]) == past_laming
    assert figures["late"] == "late by 2 days"
    assert "(today)" not in figures["as_at"]


def test_overview_figures_are_the_same_whatever_day_the_suite_runs(
    client_for, inspector, the_2003_story
):
    seen = []
    for clock in TWO_CLOCKS:
        with time_machine.travel(clock, tick=False):
            seen.append(_overview_figures(client_for(inspector), "2003-05-01"))
    assert seen[0] == seen[1]
    leicester = next(row for row in seen[0] if row[0] == "Leicester")
    assert leicester[5] == "2 May 2003 (late by 2 days)"
    assert leicester[6] == "Version 1"  # the version judged
    assert leicester[9] == "No higher than “serving some children well”"
    assert leicester[-1] == "4"  # every action past its target date as at 1 May 2003


def test_the_dashboard_and_the_overview_list_the_same_disagreements(
    client_for, officer, inspector, the_2003_story
):
    on_dashboard = _dashboard_figures(client_for(officer), "2003-05-01")["disagreements"]
    content = client_for(inspector).get(OVERVIEW, {"q": "Leicester"}).content.decode()
    on_overview = table_rows(content, "disagreements")
    # BELOW_FOUR leaves every standard mostly 3-4, and SSI judged each "None".
    assert len(on_dashboard) == 7
    assert [row[1:] for row in on_overview] == [
        [standard, f"Version 1: {ratings}", judgement, direction, size]
        for standard, ratings, judgement, direction, size in on_dashboard
    ]


def test_today_is_the_default_and_a_bad_date_is_a_govuk_error(client_for, officer, the_2003_story):
    with time_machine.travel(datetime.datetime(2031, 11, 30, 17), tick=False):
        client = client_for(officer)
        content = client.get(DASHBOARD).content.decode()
        assert "Figures as at 30 November 2031 (today)" in content
        bad = client.get(DASHBOARD, {"as_at_0": "31", "as_at_1": "2", "as_at_2": "2003"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "There is a problem" in text
    assert 'href="#id_as_at_0">As at date must be a real date<' in text
    huge = client_for(officer).get(DASHBOARD, {"as_at": "9" * 5000})
    assert huge.status_code == 200
    assert "As at date must" in huge.content.decode()
