"""Notifications (issue 18, point 4): a list in the service, read and unread; e-mail straight
away or in a daily digest, as each person chooses; a person's own notifications only."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from climbie_audit.models import Delivery, DigestSent, Notification, NotificationPreference
from climbie_audit.notifications import rules as notifications

DAY = datetime.date(2003, 3, 3)


def signed_in(person):
    client = Client()
    client.force_login(person)
    return client


def tell(people, subject="Standard 2 has been returned", key=""):
    return notifications.notify(
        people, "standard_returned", subject, "Please look again.", "/notifications/", key=key
    )


def test_immediate_readers_are_emailed_once_the_change_commits(
    officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        made = tell([officer])
        assert mail.outbox == []  # nothing leaves before the change is committed
    assert len(callbacks) == 1 and len(made) == 1
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "http://" in mail.outbox[0].body and "/notifications/" in mail.outbox[0].body
    assert Notification.objects.get().emailed_at is not None


def test_digest_readers_get_one_email_a_day_with_everything(
    officer, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=officer, delivery=Delivery.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        tell([officer], "First")
        tell([officer], "Second")
    assert mail.outbox == []
    assert notifications.send_digests(DAY) == 1
    assert notifications.send_digests(DAY) == 0  # run twice: still one
    assert len(mail.outbox) == 1
    assert "First" in mail.outbox[0].body and "Second" in mail.outbox[0].body
    assert DigestSent.objects.filter(recipient=officer, day=DAY).count() == 1
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_key_tells_each_person_once(officer, director, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert len(tell([officer, director], key="return_due:1:14")) == 2
        assert tell([officer, director], key="return_due:1:14") == []
    assert len(mail.outbox) == 2


def test_inactive_people_are_not_told(officer):
    officer.is_active = False
    officer.save()
    assert tell([officer]) == []


def test_the_list_shows_only_ones_own_and_opening_marks_read(officer, officer_b):
    mine = tell([officer], "Mine")[0]
    theirs = tell([officer_b], "Theirs")[0]
    client = signed_in(officer)
    page = client.get("/notifications/").content.decode()
    assert "Mine" in page and "Theirs" not in page and "1 unread." in page
    assert client.get(f"/notifications/{theirs.pk}/").status_code == 404
    response = client.get(f"/notifications/{mine.pk}/")
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.is_read and not theirs.is_read
    assert "0 unread." in client.get("/notifications/").content.decode()


def test_mark_all_read_touches_only_ones_own(officer, officer_b):
    tell([officer, officer_b])
    assert signed_in(officer).post("/notifications/read/").status_code == 302
    assert Notification.objects.get(recipient=officer).is_read
    assert not Notification.objects.get(recipient=officer_b).is_read


def test_a_person_chooses_the_daily_digest(officer):
    client = signed_in(officer)
    assert "Straight away" in client.get("/notifications/preferences/").content.decode()
    response = client.post("/notifications/preferences/", {"delivery": "digest", "revision": "0"})
    assert response.status_code == 302
    assert notifications.delivery_of(NotificationPreference.objects.get(user=officer).user) == (
        Delivery.DIGEST
    )


@pytest.mark.parametrize("value", ["", "weekly", "\x00", "x" * 10_000])
def test_a_bad_choice_is_a_govuk_error_and_changes_nothing(officer, value):
    response = signed_in(officer).post(
        "/notifications/preferences/", {"delivery": value, "revision": "0"}
    )
    assert response.status_code == 400
    assert "Select how you want to be e-mailed" in response.content.decode()
    assert NotificationPreference.objects.get(user=officer).delivery == Delivery.IMMEDIATE


def test_a_choice_from_an_out_of_date_page_is_refused(officer):
    client = signed_in(officer)
    client.post("/notifications/preferences/", {"delivery": "digest", "revision": "0"})
    stale = client.post("/notifications/preferences/", {"delivery": "immediate", "revision": "0"})
    assert stale.status_code == 400
    assert NotificationPreference.objects.get(user=officer).delivery == Delivery.DIGEST


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


# The list page's budget (tests/scale/test_query_budgets.py gives the other pages'): the
# baseline page's 6, and the page of notifications, their count, the unread count and the
# person's choice of e-mail.
LIST_BUDGET = 10


def test_the_list_reads_a_fixed_number_of_queries_however_many_there_are(officer):
    client = signed_in(officer)
    tell([officer], "The first")
    few = count_queries(client, "/notifications/")
    for n in range(60):
        tell([officer], f"Notification {n}")
    assert count_queries(client, "/notifications/") == few <= LIST_BUDGET
