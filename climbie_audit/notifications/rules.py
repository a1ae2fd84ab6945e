"""Every notification the service sends, in one place: domain functions call `notify`, never
views. A notification is a row on the person's "Your notifications" list and an e-mail, sent at
once or in the daily digest as the person chose (docs/decisions/0014-working-together.md)."""

import datetime
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from climbie_audit.models import Delivery, DigestSent, Notification, User


class Kind:
    RETURN_SUBMITTED = "return_submitted"
    STANDARD_RETURNED = "standard_returned"
    STANDARD_APPROVED = "standard_approved"
    QUERY_RAISED = "query_raised"
    QUERY_ANSWERED = "query_answered"
    EVALUATION_ISSUED = "evaluation_issued"
    RESPONSE_RECORDED = "response_recorded"
    ACTION_DUE = "action_due"
    ACTION_OVERDUE = "action_overdue"
    RETURN_DUE = "return_due"


def delivery_of(user: User) -> str:
    preference = getattr(user, "notification_preference", None)
    return preference.delivery if preference is not None else Delivery.IMMEDIATE


def notify(
    recipients: Iterable[User],
    kind: str,
    subject: str,
    body: str,
    path: str = "",
    key: str = "",
) -> list[Notification]:
    """Tell each active recipient: a row on their list, and an e-mail straight away unless they
    chose the daily digest. With a `key`, a person already told under that key is not told
    again (the unique constraint decides, so two runs at once cannot both send). E-mails go
    once the caller's transaction commits. Returns the notifications made."""
    made: list[Notification] = []
    for user in {u.pk: u for u in recipients if u.is_active}.values():
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user, kind=kind, subject=subject[:250], body=body, path=path, key=key
                )
        except IntegrityError:
            continue  # told already under this key
        made.append(notification)
        if delivery_of(user) == Delivery.IMMEDIATE and user.email:
            transaction.on_commit(partial(_email_now, notification, user))
    return made


def _email_now(notification: Notification, user: User) -> None:
    # Claim the notification first: only the one who claims it sends it.
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if claimed:
        send_mail(
            subject=notification.subject,
            message=_with_link(notification),
            from_email=None,
            recipient_list=[user.email],
        )


def _with_link(notification: Notification) -> str:
    if not notification.path:
        return notification.body
    return f"{notification.body}\n\n{settings.SERVICE_URL}{notification.path}\n"


def send_digests(day: datetime.date) -> int:
    """One e-mail per digest reader with everything not yet e-mailed; once a day at most.
    Returns the number of digests sent."""
    sent = 0
    waiting = (
        Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True)
        .exclude(recipient__email="")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for person in User.objects.filter(pk__in=list(waiting)):
        if delivery_of(person) != Delivery.DIGEST:
            continue
        try:
            with transaction.atomic():
                DigestSent.objects.create(recipient=person, day=day)
        except IntegrityError:
            continue  # today's digest has gone already
        items = list(Notification.objects.filter(recipient=person, emailed_at__isnull=True))
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
        send_mail(
            subject=f"Climbié Audit: {len(items)} notifications",
            message="\n\n".join(f"{n.subject}\n{_with_link(n)}" for n in reversed(items)),
            from_email=None,
            recipient_list=[person.email],
        )
        sent += 1
    return sent


def notifications_of(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user: User) -> int:
    return notifications_of(user).filter(read_at__isnull=True).count()


def mark_read(user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the person's notifications read (these, or all); a person's own only."""
    unread = notifications_of(user).filter(read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
