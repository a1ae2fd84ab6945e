"""Accounts as a new person meets them: an invitation, a password, an authenticator app, a
second sign-in with its code; forgotten and changed passwords; links that no longer work.
E-mails are read from Django's locmem outbox (the live server runs in the test's process)."""

import re
import time

from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.climbie_audit.accounts.helpers import LINK, totp_code
from tests.factories import AdministratorFactory, CouncilFactory, OfficerFactory

PASSWORD = "a-long-chosen-passphrase-2026"


def link_for(email: str) -> str:
    message = [m for m in mail.outbox if email in m.to][-1]
    return LINK.search(message.body).group(1)


def sign_out(page):
    page.locator(".app-account-bar").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in/"))


def accept_invitation(page, email: str, name: str):
    page.goto(link_for(email))
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    assert_accessible(page, f"{name}-choose-password")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm new password").fill("something-else-entirely")
    page.get_by_role("button", name="Save your password").click()
    expect(page.get_by_role("link", name="The passwords do not match")).to_be_visible()
    assert_accessible(page, f"{name}-choose-password-errors")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm new password").fill(PASSWORD)
    page.get_by_role("button", name="Save your password").click()
    expect(page.get_by_text("Your password has been set")).to_be_visible()
    assert_accessible(page, f"{name}-password-set")


def set_up_authenticator(page, name: str) -> str:
    page.get_by_role("link", name="Your account").click()
    assert_accessible(page, f"{name}-account")
    page.get_by_role("link", name="Set up your authenticator app").click()
    expect(page.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page, f"{name}-two-factor-setup")
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("link", name="The code is not correct")).to_be_visible()
    assert_accessible(page, f"{name}-two-factor-setup-errors")
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    set_up_authenticator.steps[secret] = totp_step()
    page.get_by_label("Code from your authenticator app").fill(totp_code(secret))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    codes = page.get_by_test_id("recovery-codes").locator("li")
    expect(codes).to_have_count(10)
    assert_accessible(page, f"{name}-recovery-codes")
    set_up_authenticator.recovery_codes[name] = codes.all_inner_texts()
    page.get_by_role("link", name="I have saved my recovery codes").click()
    return secret


set_up_authenticator.recovery_codes = {}
set_up_authenticator.steps = {}  # secret: the 30-second step whose code set the app up


def totp_step() -> int:
    return int(time.time() // 30)


def sign_in_with_code(page, username: str, secret: str, name: str):
    sign_in(page, username, PASSWORD)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert_accessible(page, f"{name}-enter-code")
    page.get_by_label("Code").fill("12345")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("link", name="The code is not correct")).to_be_visible()
    assert_accessible(page, f"{name}-enter-code-errors")
    time.sleep(1.1)  # django-otp makes each wrong code wait longer before the next try
    # The code used to set the app up cannot be replayed: a later one is used. Still in the
    # step that set it up, that is the app's next code; once the step has turned, the current
    # one (on a busy machine the server may have checked the set-up code a step late and
    # noted the app as a step behind: it then takes the current code, not the next).
    later = 1 if totp_step() == set_up_authenticator.steps[secret] else 0
    page.get_by_label("Code").fill(totp_code(secret, later))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_test_id("signed-in-as")).to_be_visible()
    expect(page.get_by_role("heading", name="Enter your code")).to_have_count(0)


def test_administrator_invites_a_director_who_invites_an_officer(page, browser, live_server):
    CouncilFactory(name="Leicester", code="509", region="East Midlands")
    AdministratorFactory(username="admin.browser")

    sign_in(page, "admin.browser")
    page.get_by_role("link", name="People").click()
    assert_accessible(page, "admin-people")
    page.get_by_role("link", name="Invite someone").click()
    assert_accessible(page, "admin-invite")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("link", name="Select a role")).to_be_visible()
    assert_accessible(page, "admin-invite-errors")
    page.get_by_label("Director of a council").check()
    page.get_by_label("Council (for a director)").select_option(label="Leicester")
    page.get_by_label("First name").fill("Dominic")
    page.get_by_label("Last name").fill("Director")
    page.get_by_label("Email address").fill("dominic.director@leicester.gov.uk")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("We have sent an invitation")).to_be_visible()
    assert_accessible(page, "admin-invited")
    sign_out(page)

    accept_invitation(page, "dominic.director@leicester.gov.uk", "director")
    sign_in(page, "dominic.director@leicester.gov.uk", PASSWORD)
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("Dominic Director")
    secret = set_up_authenticator(page, "director")
    sign_out(page)
    sign_in_with_code(page, "dominic.director@leicester.gov.uk", secret, "director")

    page.get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    assert_accessible(page, "director-people")
    page.get_by_role("link", name="Invite an officer").click()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("link", name="Enter the first name")).to_be_visible()
    assert_accessible(page, "director-invite-errors")
    page.get_by_label("First name").fill("Olivia")
    page.get_by_label("Last name").fill("Officer")
    page.get_by_label("Email address").fill("olivia.officer@leicester.gov.uk")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("We have sent an invitation")).to_be_visible()
    expect(page.get_by_role("cell", name="olivia.officer@leicester.gov.uk")).to_be_visible()
    assert_accessible(page, "director-invited")
    sign_out(page)

    accept_invitation(page, "olivia.officer@leicester.gov.uk", "officer")
    sign_in(page, "olivia.officer@leicester.gov.uk", PASSWORD)
    officer_secret = set_up_authenticator(page, "officer")
    sign_out(page)
    sign_in_with_code(page, "olivia.officer@leicester.gov.uk", officer_secret, "officer")
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("Olivia Officer")

    # The director, in another browser, removes the officer (signing in with a recovery code);
    # the officer's session ends at once.
    context = browser.new_context(base_url=live_server.url)
    director = context.new_page()
    sign_in(director, "dominic.director@leicester.gov.uk", PASSWORD)
    director.get_by_label("Code").fill(set_up_authenticator.recovery_codes["director"][0])
    director.get_by_role("button", name="Continue").click()
    director.get_by_role("link", name="People").click()
    director.get_by_role("link", name="Remove Olivia Officer").click()
    assert_accessible(director, "director-remove")
    director.get_by_role("button", name="Remove Olivia Officer").click()
    expect(director.get_by_text("Olivia Officer can no longer sign in")).to_be_visible()
    context.close()
    page.reload()
    expect(page).to_have_url(re.compile(r"/sign-in/"))


def test_forgotten_password_journey_and_a_used_link(page):
    OfficerFactory(username="forgetful", email="forgetful@leicester.gov.uk")
    page.goto("/sign-in/")
    page.get_by_role("link", name="I have forgotten my password").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    assert_accessible(page, "forgot-password")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("link", name="Enter an email address")).to_be_visible()
    assert_accessible(page, "forgot-password-errors")
    page.get_by_label("Email address").fill("forgetful@leicester.gov.uk")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page, "forgot-password-sent")

    link = link_for("forgetful@leicester.gov.uk")
    page.goto(link)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    assert_accessible(page, "reset-password")
    page.get_by_label("New password", exact=True).fill("password")
    page.get_by_label("Confirm new password").fill("password")
    page.get_by_role("button", name="Save your new password").click()
    expect(page.get_by_role("link", name="This password is too common.")).to_be_visible()
    assert_accessible(page, "reset-password-errors")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm new password").fill(PASSWORD)
    page.get_by_role("button", name="Save your new password").click()
    expect(page.get_by_text("Your password has been reset")).to_be_visible()
    sign_in(page, "forgetful", PASSWORD)
    expect(page.get_by_test_id("signed-in-as")).to_be_visible()
    sign_out(page)

    page.goto(link)
    expect(
        page.get_by_role("heading", name="This password reset link does not work")
    ).to_be_visible()
    assert_accessible(page, "reset-password-used-link")


def test_an_expired_invitation_is_refused_with_a_clear_page(page, settings):
    OfficerFactory(username="late", email="late@leicester.gov.uk", password="")
    from climbie_audit.accounts.people import invitation_path
    from climbie_audit.models import User

    person = User.objects.get(username="late")
    person.set_unusable_password()
    person.save()
    path = invitation_path(person)
    settings.INVITATION_TIMEOUT = -1
    page.goto(path)
    expect(page.get_by_role("heading", name="This invitation link does not work")).to_be_visible()
    expect(page.get_by_text("The link has expired or has already been used")).to_be_visible()
    assert_accessible(page, "invitation-expired")


def test_change_password_journey(page):
    OfficerFactory(username="changer")
    sign_in(page, "changer")
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="Change your password").click()
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()
    assert_accessible(page, "change-password")
    page.get_by_label("Current password").fill("not-my-password")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm new password").fill(PASSWORD)
    page.get_by_role("button", name="Change your password").click()
    expect(page.get_by_role("link", name="Your current password is not correct")).to_be_visible()
    assert_accessible(page, "change-password-errors")
    from tests.factories import PASSWORD as OLD

    page.get_by_label("Current password").fill(OLD)
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm new password").fill(PASSWORD)
    page.get_by_role("button", name="Change your password").click()
    expect(page.get_by_text("Your password has been changed")).to_be_visible()
    assert_accessible(page, "password-changed")
    sign_out(page)
    sign_in(page, "changer", PASSWORD)
    expect(page.get_by_test_id("signed-in-as")).to_be_visible()


def test_administrator_resets_an_officers_second_factor(page):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    officer = OfficerFactory(username="phone.lost", first_name="Phil", last_name="Lost")
    TOTPDevice.objects.create(user=officer, name="Authenticator app", confirmed=True)
    AdministratorFactory(username="admin.reset")
    sign_in(page, "admin.reset")
    page.goto("/people/")
    page.get_by_role("link", name="Reset second factor of phone.lost").click()
    expect(
        page.get_by_role("heading", name="Reset the second factor of Phil Lost?")
    ).to_be_visible()
    assert_accessible(page, "admin-reset-second-factor")
    page.get_by_role("button", name="Reset the second factor").click()
    expect(page.get_by_text("second factor has been reset")).to_be_visible()
    assert_accessible(page, "admin-second-factor-reset")
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_recovery_codes_can_be_renewed(page):
    OfficerFactory(username="renewer")
    sign_in(page, "renewer")
    set_up_authenticator(page, "renewer")
    page.goto("/account/")
    page.get_by_role("link", name="Renew your recovery codes").click()
    expect(page.get_by_text("You have 10 recovery codes left")).to_be_visible()
    assert_accessible(page, "recovery-codes-renew")
    page.get_by_role("button", name="Make new recovery codes").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
