import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from climbie_audit.models import AuditEvent
from tests.factories import PASSWORD
from tests.standards.helpers import draft_for, fill


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_sign_in_success_and_failure_are_logged(client, officer):
    sign_in(client, officer.username, "wrong-password")
    assert sign_in(client, officer.username).status_code == 302
    events = list(AuditEvent.objects.order_by("pk").values_list("action", "username"))
    assert events == [("sign-in-failed", officer.username), ("sign-in", officer.username)]
    assert AuditEvent.objects.get(action="sign-in").ip_address == "127.0.0.1"


def test_wrong_password_message_is_gov_uk_style(client, officer):
    content = sign_in(client, officer.username, "nope").content.decode()
    assert "There is a problem" in content
    assert "Enter a correct username and password" in content


def test_refused_access_is_logged(client_for, officer_b, officer, council_a, framework):
    draft_for(council_a, framework, officer)
    client = client_for(officer_b)
    assert client.get(reverse("self_audit:check", args=["509"])).status_code == 404
    event = AuditEvent.objects.get(action="access-refused")
    assert event.user == officer_b and event.path == "/councils/509/self-audit/check/"


def test_changes_to_audit_data_are_logged_with_who(client_for, officer, council_a, framework):
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer, only={"2.10"})
    event = AuditEvent.objects.filter(action="change", object_type="standards.Answer").get()
    assert event.user is None or event.user == officer  # outside a request: no request user
    assert "2.10" in event.summary


def test_audit_log_is_read_only_in_the_admin_and_append_only(client_for, administrator, officer):
    event = AuditEvent.objects.create(action="sign-in", username="x")
    client = client_for(administrator)
    assert client.get("/admin/climbie_audit/auditevent/").status_code == 200
    change_page = client.get(f"/admin/climbie_audit/auditevent/{event.pk}/change/")
    assert b'name="action"' not in change_page.content  # shown, not editable
    assert (
        client.post(
            f"/admin/climbie_audit/auditevent/{event.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    event.summary = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_login_is_throttled_after_five_failures(client, officer):
    for _ in range(5):
        sign_in(client, officer.username, "wrong")
    locked = sign_in(client, officer.username)  # even the right password is refused now
    assert locked.status_code == 429
    assert b"Too many attempts to sign in" in locked.content
    assert "_auth_user_id" not in client.session


def test_session_is_rotated_on_sign_in(client, officer):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    sign_in(client, officer.username)
    assert client.session.session_key != before


def test_deactivating_a_person_ends_their_sessions(officer, framework):
    client = Client()
    client.force_login(officer)
    assert client.get("/", follow=True).status_code == 200
    officer.is_active = False
    officer.save()
    assert Session.objects.count() == 0
    assert client.get("/")["Location"].startswith(reverse("login"))


def test_keep_alive_extends_the_session(client_for, officer):
    client = client_for(officer)
    assert client.get(reverse("keep-alive")).status_code == 204


def test_pages_send_a_strict_content_security_policy(client_for, officer, framework):
    response = client_for(officer).get(reverse("framework:index"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_signed_in_pages_carry_the_timeout_warning(client_for, officer, framework, settings):
    content = client_for(officer).get(reverse("framework:index")).content.decode()
    assert 'id="session-timeout-dialog"' in content
    assert f'data-timeout-seconds="{settings.SESSION_COOKIE_AGE}"' in content
