import pytest
from django.urls import reverse

from tests.url_catalogue import all_paths

PUBLIC = {
    "login",
    "accessibility",
    "admin-login",
    "admin:login",
    # One-time links and forgotten passwords are for people who cannot sign in yet.
    "accounts:accept_invitation",
    "accounts:forgot_password",
    "accounts:password_reset_sent",
    "accounts:reset_password",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), [p for p in all_paths() if p[0] not in PUBLIC])
def test_anonymous_visitor_is_sent_to_sign_in_from_every_page(client, name, path):
    response = client.get(path, follow=True)
    assert response.redirect_chain, f"{name} {path} answered {response.status_code}"
    assert response.request["PATH_INFO"] == reverse("login"), (name, path)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/sign-in/", "/accessibility/"])
def test_sign_in_and_accessibility_statement_are_open(client, path):
    assert client.get(path).status_code == 200


def test_catalogue_covers_the_project(db):
    names = {name for name, _ in all_paths()}
    assert {"home", "login", "framework:index", "framework:criterion"} <= names


@pytest.mark.django_db
def test_admin_sign_in_goes_through_the_service_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=%2Fadmin%2F"


@pytest.mark.django_db
def test_static_files_are_served_to_anonymous_visitors(client, live_server):
    import urllib.request

    with urllib.request.urlopen(live_server.url + "/static/build/main.css") as response:
        assert response.status == 200
        assert b"govuk-header" in response.read()
