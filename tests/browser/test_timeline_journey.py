"""The audit cycle over time, as a new user meets it: a director looks at the dashboard as at
1 May 2003 (a bad date first), sees the late return, what was overdue then and where SSI
disagreed; an inspector with many councils narrows the national overview to their own, searches,
reads the councils x standards view and filters and downloads the disagreements. Every page is
checked with axe-core at normal width and at 320 px."""

import csv
import datetime

import time_machine
from playwright.sync_api import expect

from demo.national import seed_national
from reports.national.disagreements import COLUMNS as DISAGREEMENT_COLUMNS
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import (
    CouncilFactory,
    DirectorFactory,
    InspectorFactory,
    OfficerFactory,
    assign,
)
from tests.reports.dashboard.test_dashboard import issue_evaluation
from tests.standards.helpers import submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3, "3.4": 1, "7.8": 2}


def accessible_at_both_widths(page, name: str):
    assert_accessible(page, name)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page, f"{name}-320")
    page.set_viewport_size(size)


def fill_as_at(page, day: str, month: str, year: str):
    group = page.get_by_role("group", name="Figures as at")
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_the_cycle_as_at_a_date(page, framework):
    council = CouncilFactory(name="Leicester", code="509", region="East Midlands")
    officer = OfficerFactory(username="olivia", council=council)
    director = DirectorFactory(username="dominic", council=council)
    inspector = InspectorFactory(username="roy", first_name="Roy", last_name="Fryer")
    assign(inspector, council)
    with time_machine.travel(datetime.datetime(2003, 5, 2, 10), tick=False):
        submitted = submitted_return(council, framework, officer, director, BELOW_FOUR)
        issue_evaluation(submitted, inspector, serving="some", judgement="none")
    seed_national(60, seed=2)  # more councils than a page holds

    sign_in(page, "dominic")
    page.goto("/councils/509/dashboard/")
    expect(page.get_by_test_id("as-at")).to_contain_text("(today)")
    expect(page.get_by_test_id("late")).to_have_text("late by 2 days")

    fill_as_at(page, "31", "2", "2003")
    page.get_by_role("button", name="Show figures as at this date").click()
    error = page.get_by_role("link", name="As at date must be a real date")
    expect(error).to_be_visible()
    accessible_at_both_widths(page, "dashboard-as-at-error")

    fill_as_at(page, "1", "5", "2003")
    page.get_by_role("button", name="Show figures as at this date").click()
    expect(page.get_by_test_id("as-at")).to_have_text("Figures as at 1 May 2003")
    # Targets of 1 April 2003 had passed; only the three-month Laming deadlines (28 April).
    expect(page.get_by_text("Past their own target date (4)")).to_be_visible()
    expect(page.get_by_text("Past the criterion's Laming deadline (2)")).to_be_visible()
    disagreements = page.get_by_test_id("dashboard-disagreements")
    expect(disagreements.locator("tbody tr")).to_have_count(7)
    expect(page.get_by_role("region", name="Disagreements between the self-rating")).to_be_visible()
    accessible_at_both_widths(page, "dashboard-as-at")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "roy")
    page.goto("/national/overview/")
    expect(page.get_by_test_id("pagination")).to_be_visible()  # 61 councils, 50 a page
    accessible_at_both_widths(page, "national-overview-paged")

    page.get_by_label("Only my assigned councils").check()
    fill_as_at(page, "1", "5", "2003")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_test_id("as-at")).to_have_text("Figures as at 1 May 2003")
    rows = page.get_by_test_id("national-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("2 May 2003 (late by 2 days)")
    expect(rows.first).to_contain_text("No higher than “serving some children well”")
    grid = page.get_by_test_id("standards-grid")
    expect(grid).to_contain_text("judged: version 1")
    expect(page.get_by_test_id("disagreements").locator("tbody tr")).to_have_count(7)
    accessible_at_both_widths(page, "national-overview-mine")

    page.get_by_label("Which way").select_option(
        label="Council rated itself higher than SSI judged"
    )
    page.get_by_label("Standard", exact=True).select_option("2")
    page.get_by_role("button", name="Filter disagreements").click()
    expect(page.get_by_test_id("disagreements").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_label("Only my assigned councils")).to_be_checked()  # filters kept
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the 1 disagreements listed (CSV)").click()
    with open(download.value.path(), newline="", encoding="utf-8") as exported:
        exported_rows = list(csv.reader(exported))
    assert exported_rows[0] == DISAGREEMENT_COLUMNS
    assert len(exported_rows) == 2
    assert exported_rows[1][:2] == ["Leicester", "509"]
    assert exported_rows[1][2].startswith("2: ")
    accessible_at_both_widths(page, "national-overview-disagreements")

    page.get_by_label("Only my assigned councils").uncheck()
    page.get_by_label("Council name or code").fill("x" * 101)
    page.get_by_role("button", name="Apply").click()
    expect(
        page.get_by_role("link", name="Council name or code must be 100 characters or fewer")
    ).to_be_visible()
    accessible_at_both_widths(page, "national-overview-search-error")
