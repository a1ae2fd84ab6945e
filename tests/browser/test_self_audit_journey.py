"""The council's journey through the self-audit, as a new user would take it."""

import re

from django.core import mail
from playwright.sync_api import expect

from standards.models import Criterion
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import (
    CouncilFactory,
    DirectorFactory,
    InspectorFactory,
    OfficerFactory,
    assign,
)

BELOW_FOUR = {"1.3": 2, "2.10": 3, "3.4": 1, "5.2": 3, "7.8": 2}


def rate(page, code, rating):
    section = page.get_by_role("region", name=f"Criterion {code}", exact=True)
    section.get_by_role("group", name=f"Rating for {code}", exact=True).get_by_label(
        str(rating), exact=True
    ).check()
    section.get_by_label("Evidence and comment").fill(f"Evidence for {code}")
    if rating < 4:
        section.get_by_label("Intended improvement").fill(f"Improve {code} through audit")
        section.get_by_label("Lead officer").fill("Service Manager")
        section.get_by_label("Day").fill("1")
        section.get_by_label("Month").fill("4")
        section.get_by_label("Year").fill("2003")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_officer_rates_director_submits_and_revises(page):
    council = CouncilFactory(name="Leicester", code="509")
    OfficerFactory(username="olivia", council=council, first_name="Olivia", last_name="Officer")
    DirectorFactory(username="dominic", council=council, first_name="Dominic", last_name="Director")
    inspector = InspectorFactory(username="roy", first_name="Roy", last_name="Fryer")
    assign(inspector, council)
    codes_by_standard = {}
    for criterion in Criterion.objects.select_related("standard"):
        codes_by_standard.setdefault(criterion.standard.number, []).append(criterion.code)

    sign_in(page, "olivia")
    # Looking starts nothing: the council starts its return with a button.
    expect(page.get_by_role("heading", name="Start your return")).to_be_visible()
    assert_accessible(page, "audit-not-started")
    page.get_by_role("button", name="Start your self-audit").click()
    expect(page.get_by_test_id("rated-count")).to_have_text("0 of 54 criteria rated.")
    assert_accessible(page, "audit-task-list-empty")

    page.get_by_role("link", name="Standard 1: Referral").click()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Select a rating for 1.1", exact=True)).to_be_visible()
    assert_accessible(page, "audit-standard-1-errors")

    for number in range(1, 8):
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        for code in codes_by_standard[number]:
            rate(page, code, BELOW_FOUR.get(code, 4))
        if number == 1:
            assert_accessible(page, "audit-standard-1-filled")
        page.get_by_role("button", name="Save and continue").click()

    expect(
        page.get_by_role("heading", name="Check your answers before submitting your return")
    ).to_be_visible()
    expect(page.get_by_test_id("derived-figures")).to_contain_text("54 of 54")
    expect(page.get_by_text("Only your director can submit")).to_be_visible()
    assert_accessible(page, "audit-check-answers")

    page.get_by_role("link", name="Back to your self-audit").click()
    expect(page.get_by_test_id("rated-count")).to_have_text("54 of 54 criteria rated.")
    expect(page.locator(".govuk-task-list__status", has_text="Completed")).to_have_count(7)
    assert_accessible(page, "audit-task-list-complete")
    sign_out(page)

    sign_in(page, "dominic")
    page.get_by_role("link", name="Check your answers and submit").click()
    page.get_by_role("button", name="Submit return").click()
    expect(page.get_by_role("heading", name="Return submitted")).to_be_visible()
    expect(page.get_by_text("509-CLIMBIE-2003-V1")).to_be_visible()
    assert_accessible(page, "audit-submitted")
    assert [m.to for m in mail.outbox] == [[inspector.email]]
    assert "Leicester has submitted version 1" in mail.outbox[0].subject

    page.get_by_role("link", name="Go to your self-audit").click()
    expect(page.get_by_test_id("audit-status")).to_have_text("Submitted version 1")
    page.get_by_role("button", name="Start a revised return").click()
    expect(page.get_by_text("You have started version 2")).to_be_visible()
    assert_accessible(page, "audit-revision-started")

    page.get_by_role("link", name="Standard 2: Assessment").click()
    rate(page, "2.3", 3)
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_role("link", name="Standard 5: Training and development").click()
    rate(page, "5.2", 4)
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_role("link", name="Check your answers and submit").click()
    page.get_by_role("button", name="Submit return").click()
    expect(page.get_by_text("509-CLIMBIE-2003-V2")).to_be_visible()
    assert len(mail.outbox) == 2

    page.goto("/councils/509/self-audit/versions/")
    assert_accessible(page, "audit-versions")
    page.get_by_role("link", name="Compare versions").click()
    expect(page.get_by_test_id("change-count")).to_have_text("2 criteria changed.")
    expect(page.get_by_role("table", name="Criterion 2.3")).to_be_visible()
    expect(page.get_by_role("table", name="Criterion 5.2")).to_be_visible()
    assert_accessible(page, "audit-compare")

    page.goto("/councils/509/self-audit/criteria/5.2/history/")
    expect(page.get_by_text("3 → 4")).to_be_visible()
    assert_accessible(page, "audit-history")
    page.goto("/councils/509/self-audit/versions/1/")
    expect(page.get_by_test_id("rating-5.2")).to_contain_text("3:")
    assert_accessible(page, "audit-version-1")
    expect(page).to_have_url(re.compile("/versions/1/"))
