"""Writes the audit log: sign-ins, refused access, and every change to audit data.

Changes are caught with model signals, so no view can forget to log; the request (who, from
where) reaches the signal handlers through a context variable set by AuditLogMiddleware.
"""

import contextvars
from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps
from django.contrib.auth import signals as auth_signals
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse

from climbie_audit.models import AuditEvent, User

AUDITED_APPS = ("standards", "evaluations", "reports")
# Framework data is loaded from fixtures, not audit data; history rows mirror what is logged.
NOT_AUDITED = {"Framework", "Standard", "Criterion", "Recommendation"}

current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "audit_request", default=None
)


class AuditLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


def client_ip(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record(
    action: str,
    *,
    request: HttpRequest | None = None,
    user: User | None = None,
    username: str = "",
    obj: models.Model | None = None,
    summary: str = "",
) -> AuditEvent:
    request = request or current_request.get()
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    return AuditEvent.objects.create(
        action=action,
        user=user,
        username=username or (user.get_username() if user else ""),
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        summary=(summary or (safe_summary(obj) if obj is not None else ""))[:300],
        path=(request.path[:300] if request is not None else ""),
        ip_address=client_ip(request),
    )


def record_refusal(request: HttpRequest, status: int) -> None:
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        record(AuditEvent.Action.ACCESS_REFUSED, request=request, summary=f"HTTP {status}")


def safe_summary(obj: models.Model) -> str:
    """What a change is to, without its content: the kind of record, its id and, where it has
    one, the criterion or standard it belongs to. Never the record's own text (str() of a finding
    or a cabinet report carries free text of a draft, which administrators must not read)."""
    parts = [f"{str(obj._meta.verbose_name).capitalize()} {obj.pk}"]
    for name in ("criterion", "standard"):
        field = next((f for f in obj._meta.concrete_fields if f.name == name), None)
        # Criteria and standards are public framework data; named only when already loaded,
        # so that logging costs no query.
        # Only relations are named criterion or standard; is_cached is theirs.
        if field is not None and field.is_cached(obj):  # type: ignore[attr-defined]
            related = getattr(obj, name)
            parts.append(f"{name} {getattr(related, 'code', None) or related.number}")
            break
    return ", ".join(parts)


def _on_save(
    sender: type[models.Model],
    instance: models.Model,
    created: bool,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    if raw:  # loaddata restores a backup: it is not a change anyone made
        return
    action = AuditEvent.Action.CREATE if created else AuditEvent.Action.CHANGE
    record(action, obj=instance, summary=safe_summary(instance))


def _on_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    record(AuditEvent.Action.DELETE, obj=instance, summary=safe_summary(instance))


def _on_sign_in(sender: type, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record(AuditEvent.Action.SIGN_IN, request=request, user=user)


def _on_sign_out(sender: type, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    record(AuditEvent.Action.SIGN_OUT, request=request, user=user)


def _on_sign_in_failed(
    sender: str,
    credentials: dict[str, object],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    record(
        AuditEvent.Action.SIGN_IN_FAILED,
        request=request,
        username=str(credentials.get("username", ""))[:150],
    )


def audited_models() -> Iterator[type[models.Model]]:
    for label in AUDITED_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__ in NOT_AUDITED or model.__name__.startswith("Historical"):
                continue
            yield model


def connect() -> None:
    for model in audited_models():
        post_save.connect(_on_save, sender=model, dispatch_uid=f"audit-save-{model._meta.label}")
        post_delete.connect(
            _on_delete, sender=model, dispatch_uid=f"audit-delete-{model._meta.label}"
        )
    auth_signals.user_logged_in.connect(_on_sign_in, dispatch_uid="audit-sign-in")
    auth_signals.user_logged_out.connect(_on_sign_out, dispatch_uid="audit-sign-out")
    auth_signals.user_login_failed.connect(_on_sign_in_failed, dispatch_uid="audit-sign-in-failed")
