"""An officer reports progress on the action plan; the dashboard and SSI's national overview
show it. Every page of the journey, error states included, is checked with axe-core."""

import csv
import re

from django.utils import timezone
from playwright.sync_api import expect

from demo.national import seed_national
from reports.national.rules import COLUMNS
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import (
    CouncilFactory,
    DirectorFactory,
    InspectorFactory,
    OfficerFactory,
    assign,
)
from tests.standards.helpers import submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3, "3.4": 1}


def screen_rows(page) -> list[list[str]]:
    rows = page.get_by_test_id("national-table").locator("tbody tr")
    return [
        [" ".join(cell.split()) for cell in row.locator("th, td").all_inner_texts()]
        for row in rows.all()
    ]


def test_officer_reports_progress_and_ssi_sees_it(page, framework):
    council = CouncilFactory(name="Leicester", code="509", region="East Midlands")
    officer = OfficerFactory(username="olivia", council=council, first_name="Olivia")
    director = DirectorFactory(username="dominic", council=council, first_name="Dominic")
    inspector = InspectorFactory(username="roy", first_name="Roy", last_name="Fryer")
    assign(inspector, council)
    submitted_return(council, framework, officer, director, BELOW_FOUR)
    seed_national(8, seed=1)  # other councils for the national overview

    # The officer finds the action plan from the council's home page.
    sign_in(page, "olivia")
    page.get_by_role("link", name="action plan", exact=True).click()
    expect(page.get_by_role("heading", name="Action plan", level=1)).to_be_visible()
    expect(page.get_by_test_id("shown-count")).to_have_text("Showing 3 of 3 actions.")
    assert_accessible(page, "action-plan")

    # Cabinet endorsed the plan today: everything from now on is "since the last report".
    page.get_by_role("link", name="Change the date the plan was endorsed by cabinet").click()
    today = timezone.localdate()
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save dates").click()
    expect(
        page.get_by_role("link", name="Date endorsed by cabinet must be a real date")
    ).to_be_visible()
    assert_accessible(page, "action-plan-cabinet-error")
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_role("button", name="Save dates").click()
    expect(page.get_by_test_id("endorsed-on")).to_have_text(f"{today:%-d %B %Y}")

    # First action: an empty update is explained, then progress is recorded.
    page.get_by_role("link", name="Improve 1.1").click()
    expect(page.get_by_role("heading", name="Improve 1.1", level=1)).to_be_visible()
    assert_accessible(page, "action-page")
    page.get_by_role("button", name="Save update").click()
    summary_link = page.get_by_role("link", name="Enter a progress note or change the status")
    expect(summary_link).to_be_visible()
    assert_accessible(page, "action-page-error")
    summary_link.click()
    expect(page.get_by_label("Progress note")).to_be_focused()
    page.get_by_label("In progress", exact=True).check()
    page.get_by_label("Progress note").fill("Duty teams trained; audit of 40 referrals booked.")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("is now in progress")).to_be_visible()
    expect(page.get_by_test_id("progress-notes")).to_contain_text("Duty teams trained")
    assert_accessible(page, "action-page-updated")

    # Second action: a note, then marked complete.
    page.get_by_role("link", name="Back to the action plan").click()
    page.get_by_role("link", name="Improve 2.4").click()
    page.get_by_label("Progress note").fill("Protocol agreed with health and police.")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Your progress note has been added.")).to_be_visible()
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text("is marked as complete")).to_be_visible()
    expect(page.get_by_test_id("action-status")).to_contain_text("Complete")
    assert_accessible(page, "action-page-complete")

    # The plan's filters.
    page.get_by_role("link", name="Back to the action plan").click()
    page.get_by_label("Status").select_option("complete")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_test_id("shown-count")).to_have_text("Showing 1 of 3 actions.")
    expect(page.get_by_role("link", name="Improve 2.4")).to_be_visible()
    expect(page.get_by_role("link", name="Improve 1.1")).to_have_count(0)
    page.get_by_label("Status").select_option("")
    page.get_by_label("Overdue").select_option("either")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_test_id("shown-count")).to_have_text("Showing 2 of 3 actions.")
    assert_accessible(page, "action-plan-filtered")

    # The dashboard reflects it.
    page.get_by_role("link", name="Your dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.get_by_test_id("status-not_started")).to_contain_text("1")
    expect(page.get_by_test_id("status-in_progress")).to_contain_text("1")
    expect(page.get_by_test_id("status-complete")).to_contain_text("1")
    expect(page.get_by_test_id("completed-since")).to_contain_text("Improve 2.4")
    expect(page.get_by_test_id("notes-since")).to_contain_text("Duty teams trained")
    expect(
        page.get_by_test_id("ratings-chart").get_by_role(
            "img", name=re.compile("self-ratings by standard")
        )
    ).to_be_visible()
    assert_accessible(page, "council-dashboard")
    page.get_by_role("button", name="Sign out").click()

    # SSI's national overview.
    sign_in(page, "roy")
    page.get_by_role("link", name="National overview").click()
    expect(page.get_by_role("heading", name="National overview", level=1)).to_be_visible()
    leicester = page.get_by_test_id("row-509")
    columns = {name: index for index, name in enumerate(COLUMNS)}
    cells = leicester.locator("th, td")
    expect(cells.nth(columns["Actions overdue"])).to_have_text("2")  # 3 actions, 1 complete
    expect(cells.nth(columns["Status"])).to_have_text("Submitted, awaiting evaluation")
    expect(page.get_by_role("img", name=re.compile("Serving children well"))).to_be_visible()
    assert_accessible(page, "national-overview")

    page.get_by_label("Region").select_option("East Midlands")
    page.get_by_label("Sort by").select_option("-overdue")
    page.get_by_role("button", name="Apply").click()
    on_screen = screen_rows(page)
    assert len(on_screen) >= 2
    assert all(row[columns["Region"]] == "East Midlands" for row in on_screen)
    overdue = [int(row[columns["Actions overdue"]]) for row in on_screen]
    assert overdue == sorted(overdue, reverse=True)
    expect(page.get_by_test_id("council-count")).to_contain_text(f"{len(on_screen)} of 9")
    assert_accessible(page, "national-overview-filtered")

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("councils as CSV")).click()
    with open(download.value.path(), newline="", encoding="utf-8") as exported:
        rows = list(csv.reader(exported))
    assert rows[0] == COLUMNS
    assert rows[1:] == on_screen

    # The inspector reads the council's dashboard and plan, and cannot change them.
    page.get_by_test_id("row-509").get_by_role("link", name="Leicester", exact=True).click()
    expect(page.get_by_test_id("status-complete")).to_contain_text("1")
    assert_accessible(page, "council-dashboard-inspector")
    page.get_by_role("link", name="Go to the action plan").click()
    page.get_by_role("link", name="Improve 1.1").click()
    expect(page.get_by_test_id("progress-notes")).to_contain_text("Duty teams trained")
    expect(page.get_by_role("button", name="Save update")).to_have_count(0)
    assert_accessible(page, "action-page-inspector")
