import time

import pytest
from django.test import Client
from django.urls import reverse

from climbie_audit.accounts.middleware import SIGNED_IN_AT
from tests.factories import PASSWORD


def test_a_session_ends_12_hours_after_sign_in_however_busy(client, officer, settings):
    client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    assert client.get(reverse("accounts:account")).status_code == 200
    session = client.session
    assert abs(session[SIGNED_IN_AT] - time.time()) < 60
    session[SIGNED_IN_AT] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("accounts:account"))
    assert response["Location"] == reverse("login") + "?timed_out=absolute"
    page = client.get(response["Location"])
    assert b"signed in more than 12 hours ago" in page.content
    assert client.get(reverse("accounts:account")).status_code == 302


def test_absolute_lifetime_is_12_hours_beside_the_idle_timeout(settings):
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    assert settings.SESSION_COOKIE_AGE == 30 * 60


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("x" * 256, "y", b"Username must be 150 characters or fewer"),
        ("x" * 10_000, "y", b"Username must be 150 characters or fewer"),
        ("a\x00b", "y", b"Username must not include a NUL character"),
        ("someone", "p\x00w", b"Password must not include a NUL character"),
        ("someone", "p" * 5000, b"Password must be 1024 characters or fewer"),
        ("\ufffe\u202e", "\x01\x02", b"Enter a correct username and password"),
    ],
)
def test_every_sign_in_input_is_bounded(db, username, password, message):
    client = Client(raise_request_exception=False)
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 200
    assert b"There is a problem" in response.content and message in response.content


def test_raw_bytes_in_the_sign_in_form_are_not_a_500(db):
    client = Client(raise_request_exception=False)
    body = b"username=%FF%FE%00%C3&password=%00%FF"
    response = client.post(reverse("login"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 403)


@pytest.mark.parametrize(
    "path",
    [
        "/\x00",
        "/sign-in/\x00",
        "/councils/5%0009/self-audit/",
        "/framework/criteria/1.1%00/",
        "/admin/climbie_audit/user/1%00/change/",
        "/static/%00build/main.css",
        "/invitation/MQ%00/abc/",
    ],
)
def test_a_nul_byte_anywhere_in_a_path_is_404(client_for, officer, path):
    for client in (Client(raise_request_exception=False), client_for(officer)):
        client.raise_request_exception = False
        response = client.get(path)
        assert response.status_code == 404, path


def test_csp_base_uri_is_none(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "base-uri 'none'" in policy
