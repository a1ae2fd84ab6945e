"""The daily reminders: improvement actions due within 14 days or overdue, and returns due in
14, 7 or 1 days. Each reminder has a key naming what it is about and the date it counts to, so
that the same reminder is sent once however often the command runs (the notifications' unique
key decides, docs/decisions/0014-working-together.md). A day the command did not run is caught
up the next: a reminder is due from its day on, not only on it."""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from climbie_audit.models import Council, User
from climbie_audit.notifications.rules import Kind, notify
from standards.models import ActionStatus, AuditReturn, Framework, ImprovementAction

ACTION_WARNING_DAYS = 14
RETURN_WARNINGS = (14, 7, 1)


@dataclass
class Sent:
    actions_due: int = 0
    actions_overdue: int = 0
    returns_due: int = 0

    @property
    def total(self) -> int:
        return self.actions_due + self.actions_overdue + self.returns_due


def send_due_reminders(today: datetime.date) -> Sent:
    sent = Sent()
    _remind_actions(today, sent)
    framework = Framework.objects.current()
    if framework is not None:
        _remind_returns(framework, today, sent)
    return sent


def _directors_by_council() -> dict[int, list[User]]:
    people: dict[int, list[User]] = {}
    for person in User.objects.filter(role=User.Role.DIRECTOR, is_active=True).select_related(
        "notification_preference"
    ):
        assert person.council_id is not None  # a director belongs to a council
        people.setdefault(person.council_id, []).append(person)
    return people


def _remind_actions(today: datetime.date, sent: Sent) -> None:
    """Actions with a target date within 14 days, or past it, not complete: the council's
    directors are told once per action and target date (a new target date is a new reminder)."""
    directors = _directors_by_council()
    due = (
        ImprovementAction.objects.exclude(status=ActionStatus.COMPLETE)
        .filter(target_date__lte=today + datetime.timedelta(days=ACTION_WARNING_DAYS))
        .select_related("criterion", "plan__self_audit__council")
    )
    for action in due:
        assert action.target_date is not None  # filtered on it
        council = action.plan.self_audit.council
        overdue = action.target_date < today
        kind = Kind.ACTION_OVERDUE if overdue else Kind.ACTION_DUE
        when = f"{action.target_date:%-d %B %Y}"
        subject = (
            f"Overdue: action for {action.criterion.code} was due on {when}"
            if overdue
            else f"Action for {action.criterion.code} is due on {when}"
        )
        made = notify(
            directors.get(council.pk, []),
            kind,
            subject,
            f"{council.name}'s improvement action “{action.title}” ({action.criterion.code}) "
            f"has a target date of {when}.",
            reverse("action_plan:action", args=[council.code, action.pk]),
            key=f"{kind}:{action.pk}:{action.target_date.isoformat()}",
        )
        if overdue:
            sent.actions_overdue += len(made)
        else:
            sent.actions_due += len(made)


def warning_due(days_left: int) -> int | None:
    """The reminder due with this many days left (the nearest: 14, 7 or 1), or None."""
    if days_left < 0:
        return None
    due = [days for days in RETURN_WARNINGS if days_left <= days]
    return min(due) if due else None


def _remind_returns(framework: Framework, today: datetime.date, sent: Sent) -> None:
    """Every person of a council that has not submitted the current framework's return."""
    warning = warning_due((framework.return_due - today).days)
    if warning is None:
        return
    submitted = AuditReturn.objects.submitted().filter(self_audit__framework=framework)
    councils = Council.objects.exclude(
        pk__in=submitted.values("self_audit__council_id")
    ).prefetch_related("people__notification_preference")
    when = f"{framework.return_due:%-d %B %Y}"
    for council in councils:
        made = notify(
            [p for p in council.people.all() if p.is_active],
            Kind.RETURN_DUE,
            f"Your Climbié self-audit return is due in {warning} day{'s' if warning > 1 else ''}",
            f"{council.name}'s return to SSI is due on {when} and has not been submitted.",
            reverse("self_audit:overview", args=[council.code]),
            key=f"{Kind.RETURN_DUE}:{framework.pk}:{warning}",
        )
        sent.returns_due += len(made)
