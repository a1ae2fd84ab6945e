"""Issue 14's journey, as a new user would take it: a council keeps its improvement plan as real
councils did (items with several actions, monitoring arrangements, a start given as a month),
records progress as at 31 October 2003 for some items and none for one, and its director builds
progress reports dated 5 November and 3 December 2003. The clock is frozen in November 2026: no
date in either report, on screen or in its PDF, is the day the test ran. Every new or changed
page is checked with axe-core at full width and at 320 px."""

import datetime
import io
import re

import pypdf
import time_machine
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import CouncilFactory, DirectorFactory, OfficerFactory
from tests.standards.helpers import submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3, "3.4": 1}
SUBMITTED = datetime.datetime(2003, 4, 28, 11, tzinfo=datetime.UTC)
TODAY = datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)


def accessible_at_both_widths(page, name):
    assert_accessible(page, name)
    page.set_viewport_size({"width": 320, "height": 900})
    assert_accessible(page, f"{name}-320")
    page.set_viewport_size({"width": 1280, "height": 900})


def fill_date(page, group_name, day, month, year):
    group = page.get_by_role("group", name=group_name)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def record_progress(page, action, as_at, note, next_action="", status=None):
    page.get_by_role("link", name="Back to the action plan").click()
    page.get_by_role("link", name=action, exact=True).click()
    fill_date(page, "Progress as at", *as_at)
    if status:
        page.get_by_label(status, exact=True).check()
    page.get_by_label("Progress note").fill(note)
    if next_action:
        page.get_by_label("Next action agreed").fill(next_action)
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_test_id("progress-notes")).to_contain_text(note)


def build_progress_report(page, day, month, year):
    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Reports to cabinet").click()
    page.get_by_role("button", name="Build a report").click()
    page.get_by_label("Progress on the action plan").check()
    fill_date(page, "Date of the report", day, month, year)
    page.get_by_role("button", name="Draft the report").click()
    expect(
        page.get_by_role("heading", name="Check the report before you download it")
    ).to_be_visible()


def pdf_text(page) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the report (PDF)").click()
    content = open(info.value.path(), "rb").read()  # noqa: SIM115 - Playwright owns the file
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_a_council_reports_progress_as_at_dates_in_2003(page, framework):
    council = CouncilFactory(name="Leicester", code="509", region="East Midlands")
    officer = OfficerFactory(username="olivia", council=council, first_name="Olivia")
    director = DirectorFactory(username="dominic", council=council, first_name="Dominic")
    with time_machine.travel(SUBMITTED, tick=False):
        submitted_return(council, framework, officer, director, BELOW_FOUR)

    with time_machine.travel(TODAY, tick=True):
        sign_in(page, "olivia")
        page.get_by_role("link", name="action plan", exact=True).click()
        expect(page.get_by_role("heading", name="Action plan", level=1)).to_be_visible()
        accessible_at_both_widths(page, "plan-items")

        # Monitoring arrangements for the drafted action.
        page.get_by_role("link", name="Improve 1.1", exact=True).click()
        page.get_by_role("link", name=re.compile("Change the title, action")).click()
        page.get_by_label("Monitoring arrangements").fill("Monthly audit report to the ACPC")
        accessible_at_both_widths(page, "action-details")
        page.get_by_role("button", name="Save changes").click()
        expect(page.get_by_text("Monthly audit report to the ACPC")).to_be_visible()

        # A second action for item 1.1, starting "From Oct 03"; a too-long title is explained.
        page.get_by_role("link", name="Back to the action plan").click()
        page.get_by_role("link", name="Add an action").click()
        page.get_by_label("Criterion").select_option(str(framework_criterion(framework, "1.1")))
        page.get_by_label("Title").fill("x" * 601)
        page.get_by_label("Action", exact=True).fill("Joint training with health and police.")
        page.get_by_role("button", name="Add the action").click()
        error = page.get_by_role("link", name="Title must be 600 characters or fewer")
        expect(error).to_be_visible()
        accessible_at_both_widths(page, "add-action-error")
        long_title = "Multi-agency training on thresholds for referral, " * 5
        page.get_by_label("Title").fill(long_title.strip())
        page.get_by_label("Lead officer").fill("Training manager")
        fill_date(page, "Start date", 1, 10, 2003)
        page.get_by_label(re.compile("Show the start as the month only")).check()
        fill_date(page, "Target date", 31, 3, 2004)
        page.get_by_label("Monitoring arrangements").fill("Quarterly to the training board")
        page.get_by_role("button", name="Add the action").click()
        expect(page.get_by_text("The action for 1.1 has been added.")).to_be_visible()

        # Progress as at 31 October 2003 for 1.1 and 2.4; none for 3.4.
        record_progress(
            page,
            "Improve 1.1",
            (31, 10, 2003),
            "Duty teams trained.",
            "Audit 40 referrals in November.",
            status="In progress",
        )
        accessible_at_both_widths(page, "action-progress-as-at")
        record_progress(page, "Improve 2.4", (31, 10, 2003), "Protocol drafted with police.")
        page.get_by_role("link", name="Back to the action plan").click()
        item = page.get_by_test_id("item-1.1")
        expect(item).to_be_visible()
        expect(page.get_by_text("From Oct 2003, target 31 Mar 2004")).to_be_visible()
        expect(page.get_by_text("As at 31 October 2003:").first).to_be_visible()
        accessible_at_both_widths(page, "plan-with-progress")
        fill_date(page, "Show the plan as at", 30, 10, 2003)
        page.get_by_role("button", name="Apply filters").click()
        expect(page.get_by_test_id("plan-as-at")).to_have_text("As at 30 October 2003.")
        expect(page.get_by_text("As at 31 October 2003:")).to_have_count(0)
        accessible_at_both_widths(page, "plan-as-at-past")
        page.get_by_role("button", name="Sign out").click()

        # The director's first progress report, dated 5 November 2003.
        sign_in(page, "dominic")
        page.get_by_role("link", name="Reports to cabinet").click()
        page.get_by_role("button", name="Build a report").click()
        page.get_by_label("Progress on the action plan").check()
        fill_date(page, "Date of the report", 1, 12, 2027)
        page.get_by_role("button", name="Draft the report").click()
        expect(
            page.get_by_role("link", name="Date of the report must be today or in the past")
        ).to_be_visible()
        accessible_at_both_widths(page, "new-report-date-error")
        build_progress_report(page, 5, 11, 2003)
        expect(page.get_by_test_id("report-date")).to_contain_text("5 November 2003")
        findings = page.get_by_test_id("section-findings")
        expect(findings).to_contain_text("Progress up to 5 November 2003")
        expect(findings).to_contain_text("Outstanding, with no progress reported up to 5 November")
        expect(findings).to_contain_text("SSI's evaluation: awaited.")
        accessible_at_both_widths(page, "progress-report-november")
        assert "2026" not in page.locator("main").inner_text()
        november = pdf_text(page)
        assert "Duty teams trained." in november and "2026" not in november

        # More progress on 1.1, as at 30 November; then the report of 3 December 2003.
        page.goto("/councils/509/action-plan/")
        page.get_by_role("link", name="Improve 1.1", exact=True).click()
        fill_date(page, "Progress as at", 30, 11, 2003)
        page.get_by_label("Progress note").fill("Audit done: 38 of 40 met the standard.")
        page.get_by_role("button", name="Save update").click()
        expect(page.get_by_test_id("progress-notes")).to_contain_text("Audit done")
        build_progress_report(page, 3, 12, 2003)
        findings = page.get_by_test_id("section-findings")
        expect(findings).to_contain_text("Changes since the report of 5 November 2003")
        expect(findings).to_contain_text("Audit done: 38 of 40 met the standard.")
        expect(findings).to_contain_text(
            "Outstanding: no progress reported since the report of 5 November 2003."
        )
        expect(findings).to_contain_text("Carried forward from 31 October 2003")
        accessible_at_both_widths(page, "progress-report-december")
        assert "2026" not in page.locator("main").inner_text()
        december = pdf_text(page)
        assert "Changes since the report of 5 November 2003" in december
        assert "3.4 Improve 3.4" in december and "2026" not in december


def framework_criterion(framework, code) -> int:
    return framework.standards.get(number=int(code.split(".")[0])).criteria.get(code=code).pk
