from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse

from climbie_audit.models import AuditEvent
from tests.climbie_audit.accounts.helpers import last_link
from tests.factories import PASSWORD

NEW = "a-brand-new-passphrase-2026"


def ask_for_reset(client, email):
    return client.post(reverse("accounts:forgot_password"), {"email": email}, follow=True)


def test_forgot_password_says_the_same_whether_or_not_the_address_exists(client, officer):
    known = ask_for_reset(client, officer.email)
    unknown = ask_for_reset(client, "nobody@nowhere.gov.uk")
    assert known.redirect_chain[-1][0] == unknown.redirect_chain[-1][0]
    assert known.content == unknown.content
    assert b"Check your email" in known.content
    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_reset_link_sets_a_password_once(client, officer):
    ask_for_reset(client, officer.email)
    link = last_link(officer.email)
    page = client.get(link, follow=True)
    assert b"Choose a new password" in page.content
    mismatch = client.post(page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": "x"})
    assert b"The passwords do not match" in mismatch.content
    done = client.post(page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == reverse("login")
    assert (
        client.post(reverse("login"), {"username": officer.username, "password": NEW}).status_code
        == 302
    )
    client.post(reverse("logout"))
    assert b"This password reset link does not work" in client.get(link, follow=True).content
    assert AuditEvent.objects.filter(action="password-reset", object_id=str(officer.pk)).exists()


def test_an_expired_reset_link_is_refused(client, officer, settings):
    ask_for_reset(client, officer.email)
    settings.PASSWORD_RESET_TIMEOUT = -1
    page = client.get(last_link(officer.email), follow=True)
    assert b"This password reset link does not work" in page.content


def test_forgot_password_form_errors(client):
    for email, message in (
        ("", b"Enter an email address"),
        ("nope", b"Enter an email address in the correct format"),
        ("a" * 300 + "@x.gov.uk", b"Email address must be 254 characters or fewer"),
    ):
        response = client.post(reverse("accounts:forgot_password"), {"email": email})
        assert response.status_code == 200 and message in response.content


def test_change_password_asks_for_the_current_one(client, officer):
    client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    url = reverse("accounts:change_password")
    wrong = client.post(url, {"old_password": "nope", "new_password1": NEW, "new_password2": NEW})
    assert b"Your current password is not correct" in wrong.content
    ok = client.post(url, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert ok["Location"] == reverse("accounts:account")
    # Still signed in here; the new password is the one that works.
    assert client.get(reverse("accounts:account")).status_code == 200
    officer.refresh_from_db()
    assert officer.check_password(NEW)
    assert AuditEvent.objects.filter(action="password-changed").exists()


def test_pbkdf2_hashes_become_argon2id_at_the_next_sign_in(client, officer, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    officer.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    officer.save()
    client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    officer.refresh_from_db()
    assert officer.password.startswith("argon2$argon2id$")


def test_production_hashes_with_argon2id_first():
    from climbie_audit import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_demo_people_share_a_precomputed_argon2id_hash():
    from django.contrib.auth.hashers import check_password

    from demo.seed import DEMO_PASSWORD, DEMO_PASSWORD_HASH

    assert DEMO_PASSWORD_HASH.startswith("argon2$argon2id$")
    assert check_password(DEMO_PASSWORD, DEMO_PASSWORD_HASH)
