"""Session rules: a deactivated person is signed out everywhere at once."""

from typing import Any

from django.contrib.sessions.models import Session
from django.db.models.signals import pre_save
from django.utils import timezone

from climbie_audit import audit_log
from climbie_audit.models import AuditEvent, User


def end_sessions_of(user: User) -> int:
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def _on_user_save(sender: type[User], instance: User, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None or instance.is_active:
        return
    was_active = User.objects.filter(pk=instance.pk, is_active=True).exists()
    if was_active:
        end_sessions_of(instance)
        # Whoever deactivates (a director in the service, an administrator in the admin).
        audit_log.record(
            AuditEvent.Action.DEACTIVATED,
            obj=instance,
            summary=f"Deactivated: {instance.get_username()}",
        )


def connect() -> None:
    pre_save.connect(_on_user_save, sender=User, dispatch_uid="end-sessions-on-deactivation")
