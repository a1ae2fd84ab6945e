from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import OfficerFactory


def test_timeout_warning_lets_a_person_stay_signed_in(page, settings):
    # Five seconds of idleness before the two-minute warning shows.
    settings.SESSION_COOKIE_AGE = 125
    OfficerFactory(username="idle.officer")
    sign_in(page, "idle.officer")
    page.goto("/framework/")
    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(dialog).to_be_visible(timeout=15_000)
    assert_accessible(page, "session-timeout-warning")
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    page.reload()
    expect(page.get_by_role("heading", name="Audit framework", level=1)).to_be_visible()
