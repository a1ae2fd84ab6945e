"""Notifications of SSI's challenge (issue 18, point 4): raising a query tells the council's
people; answering it tells the inspectors; both by e-mail and on their notifications."""

from django.core import mail

from climbie_audit.models import Notification
from evaluations.challenge import rules as challenge
from standards.models import Criterion


def test_raising_and_answering_a_query_tell_the_other_side(
    draft, inspector, officer, director, django_capture_on_commit_callbacks
):
    criterion = Criterion.objects.get(code="2.10")
    with django_capture_on_commit_callbacks(execute=True):
        query = challenge.raise_query(draft, criterion, inspector, "Where is the audit of 2.10?")
    raised = Notification.objects.filter(kind="query_raised")
    assert {n.recipient for n in raised} == {officer, director}
    assert all(n.path == f"/councils/509/queries/{query.pk}/" for n in raised)
    assert "Where is the audit of 2.10?" in raised.first().body
    assert sorted(m.to[0] for m in mail.outbox) == sorted([officer.email, director.email])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        challenge.answer_query(query, officer, "Attached.", query.revision)
    answered = Notification.objects.get(kind="query_answered")
    assert answered.recipient == inspector  # raised it and evaluates: told once
    assert [m.to for m in mail.outbox] == [[inspector.email]]
