import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import OfficerFactory


def test_officer_signs_in_and_browses_standard_criterion_recommendation(page):
    OfficerFactory(username="officer.browser", first_name="Olivia", last_name="Officer")

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/"))
    assert_accessible(page, "framework-sign-in")

    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter your username")).to_be_visible()
    assert_accessible(page, "framework-sign-in-errors")

    sign_in(page, "officer.browser")
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("Olivia Officer")
    assert_accessible(page, "framework-home")

    page.get_by_role("link", name="Audit framework").first.click()
    expect(page.get_by_role("heading", name="Audit framework", level=1)).to_be_visible()
    assert_accessible(page, "framework-index")

    page.get_by_role("link", name="Standard 2: Assessment").click()
    expect(page.get_by_role("heading", name="Assessment", level=1)).to_be_visible()
    assert_accessible(page, "framework-standard-2")

    page.get_by_role("link", name="Criterion 2.10").click()
    expect(page.get_by_role("heading", name="Criterion 2.10")).to_be_visible()
    expect(page.get_by_text("28 April 2003").first).to_be_visible()
    assert_accessible(page, "framework-criterion-2-10")

    page.get_by_role("link", name="Recommendation 24").click()
    expect(page.get_by_role("heading", name="Recommendation 24")).to_be_visible()
    expect(page.get_by_role("link", name="2.9")).to_be_visible()
    assert_accessible(page, "framework-recommendation-24")

    page.get_by_role("link", name="Accessibility statement").click()
    assert_accessible(page, "accessibility-statement")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in/"))
