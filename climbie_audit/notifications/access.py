"""A person's notifications are theirs alone: every query here is scoped to the person, so
anyone else's notification is simply not found (404)."""

from django.http import Http404

from climbie_audit.access import require_signed_in
from climbie_audit.models import Notification, NotificationPreference, User


def own_notification(user: User, pk: int) -> Notification:
    require_signed_in(user)
    notification = Notification.objects.filter(recipient=user, pk=pk).first()
    if notification is None:
        raise Http404("No such notification")
    return notification


def own_preference(user: User) -> NotificationPreference:
    require_signed_in(user)
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    return preference
