"""When the database goes away mid-request (a restart, a failover) people get GOV.UK's "Sorry,
there is a problem with the service" as a 503 with Retry-After, never a stack trace; any other
unexpected error is the same page as a 500 (issue 17, point 5)."""

import pytest
from django.db import OperationalError
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
