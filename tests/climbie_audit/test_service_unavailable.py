"""When the database goes away mid-request (a restart, a failover) people get GOV.UK's "Sorry,
there is a problem with the service" as a 503 with Retry-After, never a stack trace; any other
unexpected error is the same page as a 500 (issue 17, point 5)."""

import pytest
from django.contrib.sessions.backends import db as session_db
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError, OperationalError
from django.test import Client
from django.urls import reverse

from climbie_audit import access


@pytest.fixture
def signed_in(officer):
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    return client


def failing(error):
    def require_signed_in(user):
        raise error

    return require_signed_in


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (OperationalError("server closed the connection unexpectedly"), 503),
        (RuntimeError("a bug"), 500),
    ],
)
def test_an_error_is_the_govuk_problem_page_without_a_trace(signed_in, monkeypatch, error, status):
    monkeypatch.setattr(access, "require_signed_in", failing(error))
    response = signed_in.get(reverse("ping"))
    page = response.content.decode()
    assert response.status_code == status
    assert "Sorry, there is a problem with the service" in page
    assert "Traceback" not in page and str(error) not in page
    assert response.get("Retry-After") == ("5" if status == 503 else None)


def test_a_session_lost_with_the_database_is_the_problem_page_not_a_bad_request(
    signed_in, monkeypatch
):
    """Django's session store turns a database error on save into UpdateError, and its
    middleware that into SessionInterrupted (400): seen in `make loadtest` when PostgreSQL
    restarted under a request. It is the database's outage: 503, the GOV.UK problem page."""

    def save(self, must_create=False):
        try:
            raise OperationalError("terminating connection due to administrator command")
        except DatabaseError:
            raise UpdateError  # noqa: B904 — as Django's own store does

    monkeypatch.setattr(session_db.SessionStore, "save", save)
    response = signed_in.get(reverse("ping"))
    assert response.status_code == 503
    assert "Sorry, there is a problem with the service" in response.content.decode()
