"""The daily reminder command (issue 18, point 4): actions due within 14 days or overdue, and
returns due in 14, 7 or 1 days; exactly one e-mail per due item and person, however often it
runs. The day is fixed: passed as --date, or today frozen where the command reads it."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from climbie_audit.models import Notification
from standards.models import ImprovementAction
from standards.reminders.rules import warning_due
from tests.factories import CouncilFactory, DirectorFactory, OfficerFactory
from tests.standards.helpers import TARGET, draft_for, submitted_return

RETURN_DUE = datetime.date(2003, 4, 30)  # the framework's


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the command for a day. Each test runs in a transaction; from cron the command runs
    in autocommit, where each e-mail goes as its notification is committed: the same here."""

    def run_on(day=None):
        with django_capture_on_commit_callbacks(execute=True):
            arguments = ["--date", day.isoformat()] if day else []
            call_command("send_reminders", *arguments, stdout=StringIO())

    return run_on


@pytest.fixture
def leicester_submitted_with_actions(framework, council_a, officer, director):
    return submitted_return(council_a, framework, officer, director, {"1.1": 2, "2.1": 3})


@pytest.mark.parametrize(
    "days_left, warning",
    [(30, None), (15, None), (14, 14), (8, 14), (7, 7), (2, 7), (1, 1), (0, 1), (-1, None)],
)
def test_which_return_reminder_is_due(days_left, warning):
    assert warning_due(days_left) == warning


def test_a_return_not_submitted_is_reminded_once_at_each_of_14_7_and_1_days(
    framework, council_b, officer_b, director_b, leicester_submitted_with_actions, run
):
    draft_for(council_b, framework, officer_b)  # Derby has started, not submitted
    mail.outbox.clear()
    run(RETURN_DUE - datetime.timedelta(days=10))
    run(RETURN_DUE - datetime.timedelta(days=10))
    run(RETURN_DUE - datetime.timedelta(days=9))
    # Leicester's improvement actions are overdue by now: only the return's reminders here.
    returns = lambda: [m for m in mail.outbox if "return is due" in m.subject]  # noqa: E731
    derby = sorted(m.to[0] for m in returns())
    assert derby == sorted([officer_b.email, director_b.email])  # Leicester has submitted
    assert "due in 14 days" in returns()[0].subject
    run(RETURN_DUE - datetime.timedelta(days=7))
    run(RETURN_DUE - datetime.timedelta(days=1))
    run(RETURN_DUE - datetime.timedelta(days=1))
    assert len(returns()) == 6
    assert {m.subject for m in returns()[2:4]} == {
        "Your Climbié self-audit return is due in 7 days"
    }
    assert {m.subject for m in returns()[4:]} == {"Your Climbié self-audit return is due in 1 day"}


def test_actions_due_within_14_days_then_overdue_each_once(
    director, officer, leicester_submitted_with_actions, run
):
    actions = ImprovementAction.objects.filter(target_date=TARGET)
    assert actions.count() == 2
    mail.outbox.clear()
    # Other councils with no return are reminded of theirs too; this looks at actions only.
    run(TARGET - datetime.timedelta(days=20))
    assert not Notification.objects.filter(kind__startswith="action").exists()
    run(TARGET - datetime.timedelta(days=14))
    run(TARGET - datetime.timedelta(days=3))
    due = [m for m in mail.outbox if m.subject.startswith("Action for")]
    assert sorted(m.subject for m in due) == [
        "Action for 1.1 is due on 1 April 2003",
        "Action for 2.1 is due on 1 April 2003",
    ]
    assert {m.to[0] for m in due} == {director.email}  # the director, who owns the plan
    run(TARGET + datetime.timedelta(days=1))
    run(TARGET + datetime.timedelta(days=1))
    overdue = [m for m in mail.outbox if m.subject.startswith("Overdue")]
    assert len(overdue) == 2


def test_a_completed_action_is_not_reminded(leicester_submitted_with_actions, run):
    ImprovementAction.objects.update(status="complete", completed_on=TARGET)
    run(TARGET + datetime.timedelta(days=3))
    assert not Notification.objects.filter(kind__startswith="action").exists()


def test_run_from_cron_with_no_date_it_reminds_as_of_today(monkeypatch, framework, run):
    council = CouncilFactory(name="Bath", code="800")
    OfficerFactory(username="officer.bath", council=council)
    DirectorFactory(username="director.bath", council=council)
    frozen = RETURN_DUE - datetime.timedelta(days=7)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: frozen)
    run()
    run()
    assert len(mail.outbox) == 2
    assert all("due in 7 days" in m.subject for m in mail.outbox)
