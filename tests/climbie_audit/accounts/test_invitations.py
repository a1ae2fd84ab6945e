from django.core import mail
from django.urls import reverse

from climbie_audit.models import AuditEvent, User
from tests.climbie_audit.accounts.helpers import last_link
from tests.factories import OfficerFactory

NEW_PASSWORD = "a-long-new-password-2026"


def invite_officer(client, council_code="509", email="new.officer@leicester.gov.uk"):
    return client.post(
        reverse("accounts:invite_officer", args=[council_code]),
        {"first_name": "Nia", "last_name": "Newcomer", "email": email},
    )


def test_director_invites_an_officer_who_sets_a_password_and_signs_in(client_for, director, client):
    response = invite_officer(client_for(director))
    assert response.status_code == 302
    person = User.objects.get(email="new.officer@leicester.gov.uk")
    assert person.role == "officer" and person.council == director.council
    assert not person.has_usable_password()
    assert len(mail.outbox) == 1 and "invited you" in mail.outbox[0].body
    link = last_link(person.email)
    client.logout()
    page = client.get(link, follow=True)
    assert b"Choose your password" in page.content
    form_url = page.redirect_chain[-1][0]
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("login")
    signed_in = client.post(
        reverse("login"), {"username": person.username, "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    actions = set(
        AuditEvent.objects.filter(object_id=str(person.pk)).values_list("action", flat=True)
    )
    assert {"invited", "password-set"} <= actions
    # The link worked once.
    again = client.get(link, follow=True)
    assert b"This invitation link does not work" in again.content


def test_invitation_password_must_meet_the_validators(client_for, director, client):
    invite_officer(client_for(director))
    client.logout()
    page = client.get(last_link("new.officer@leicester.gov.uk"), follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    content = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in content
    assert "This password is entirely numeric" in content


def test_an_expired_invitation_is_refused(client_for, director, client, settings):
    invite_officer(client_for(director))
    client.logout()
    settings.INVITATION_TIMEOUT = -1
    page = client.get(last_link("new.officer@leicester.gov.uk"), follow=True)
    assert b"This invitation link does not work" in page.content


def test_invitation_form_errors_are_gov_uk(client_for, director):
    response = client_for(director).post(
        reverse("accounts:invite_officer", args=["509"]), {"email": "not-an-address"}
    )
    content = response.content.decode()
    assert "There is a problem" in content and "Enter the first name" in content
    assert "Enter an email address in the correct format" in content
    assert "Error: " in content  # the page title says so too


def test_director_cannot_touch_another_councils_people(client_for, director_b, director):
    officer = OfficerFactory(username="officer.victim", council=director.council)
    client = client_for(director_b)
    assert client.get(reverse("accounts:council_people", args=["509"])).status_code == 404
    assert invite_officer(client).status_code == 404
    remove = reverse("accounts:remove_officer", args=["509", officer.pk])
    assert client.post(remove).status_code == 404
    # Naming another council's officer under your own council is 404 too.
    own = reverse("accounts:remove_officer", args=["510", officer.pk])
    assert client.post(own).status_code == 404
    officer.refresh_from_db()
    assert officer.is_active


def test_director_removes_an_officer_whose_sessions_end(client_for, director, officer):
    from django.test import Client

    officers_browser = Client()
    officers_browser.force_login(officer)
    client = client_for(director)
    response = client.post(reverse("accounts:remove_officer", args=["509", officer.pk]))
    assert response.status_code == 302
    officer.refresh_from_db()
    assert not officer.is_active
    assert officers_browser.get("/")["Location"].startswith(reverse("login"))
    assert AuditEvent.objects.filter(action="deactivated", object_id=str(officer.pk)).exists()


def test_director_cannot_remove_themselves_or_invite_from_the_admin_page(client_for, director):
    client = client_for(director)
    remove = reverse("accounts:remove_officer", args=["509", director.pk])
    assert client.post(remove).status_code == 403
    assert client.get(reverse("accounts:invite")).status_code == 403


def test_administrator_invites_a_director_and_an_administrator(
    client_for, administrator, council_a
):
    client = client_for(administrator)
    missing_council = client.post(
        reverse("accounts:invite"),
        {"role": "director", "first_name": "D", "last_name": "E", "email": "d@x.gov.uk"},
    )
    assert b"Select the council the director works for" in missing_council.content
    client.post(
        reverse("accounts:invite"),
        {
            "role": "director",
            "council": council_a.pk,
            "first_name": "Dee",
            "last_name": "Rector",
            "email": "dee@leicester.gov.uk",
        },
    )
    director = User.objects.get(username="dee@leicester.gov.uk")
    assert director.role == "director" and director.council == council_a
    client.post(
        reverse("accounts:invite"),
        {"role": "administrator", "first_name": "A", "last_name": "B", "email": "ab@ssi.gov.uk"},
    )
    admin = User.objects.get(username="ab@ssi.gov.uk")
    assert admin.is_staff and not admin.is_superuser
    codenames = set(admin.user_permissions.values_list("codename", flat=True))
    assert "change_council" in codenames and "view_auditevent" in codenames
    assert not any("evaluation" in c or "cabinet" in c for c in codenames)
    assert len(mail.outbox) == 2


def test_someone_with_that_email_cannot_be_invited_twice(client_for, director, officer):
    response = invite_officer(client_for(director), email=officer.email.upper())
    assert b"Someone with this email address already has an account" in response.content
