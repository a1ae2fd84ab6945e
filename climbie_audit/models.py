from typing import Any, NamedTuple

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


class Council(models.Model):
    class Kind(models.TextChoices):
        COUNTY = "county", "County council"
        METROPOLITAN = "metropolitan", "Metropolitan borough"
        LONDON = "london", "London borough"
        UNITARY = "unitary", "Unitary authority"

    name = models.CharField(max_length=120, unique=True)
    code = models.CharField(
        max_length=10, unique=True, help_text="SSI council code, as on the evaluation form."
    )
    region = models.CharField(max_length=60)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CouncilRef(NamedTuple):
    """A council as the long national tables show it, read as plain values: building and caching
    150 model instances cost more than the rest of those pages."""

    pk: int
    code: str
    name: str
    region: str

    @classmethod
    def all_by_name(cls, councils: "models.QuerySet[Council] | None" = None) -> list["CouncilRef"]:
        councils = Council.objects.all() if councils is None else councils
        return [
            cls(*c) for c in councils.order_by("name").values_list("pk", "code", "name", "region")
        ]


class User(AbstractUser):
    class Role(models.TextChoices):
        OFFICER = "officer", "Council officer"
        DIRECTOR = "director", "Director"
        INSPECTOR = "inspector", "SSI inspector"
        ADMINISTRATOR = "administrator", "Administrator"

    COUNCIL_ROLES = (Role.OFFICER, Role.DIRECTOR)

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OFFICER)
    council = models.ForeignKey(
        Council,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        help_text="Officers and directors belong to exactly one council.",
    )
    job_title = models.CharField(max_length=120, blank=True)
    assigned_councils: "models.ManyToManyField[Council, InspectorAssignment]" = (
        models.ManyToManyField(
            Council,
            through="InspectorAssignment",
            related_name="assigned_inspectors",
            blank=True,
        )
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                name="council_people_have_a_council",
                condition=~models.Q(role__in=["officer", "director"])
                | models.Q(council__isnull=False),
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.role in self.COUNCIL_ROLES and self.council_id is None:
            raise ValidationError({"council": "Select the council this person works for."})
        if self.role not in self.COUNCIL_ROLES and self.council_id is not None:
            raise ValidationError(
                {"council": "Only council officers and directors belong to a council."}
            )

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_council_user(self) -> bool:
        return self.role in self.COUNCIL_ROLES

    @property
    def is_director(self) -> bool:
        return self.role == self.Role.DIRECTOR

    @property
    def is_inspector(self) -> bool:
        return self.role == self.Role.INSPECTOR

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR or self.is_superuser


class InspectorAssignment(models.Model):
    """An SSI business link inspector's responsibility for a council."""

    inspector = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="assignments",
        limit_choices_to={"role": User.Role.INSPECTOR},
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="assignments")
    assigned_on = models.DateField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspector", "council"], name="one_assignment_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.inspector} → {self.council}"

    def clean(self) -> None:
        if self.inspector_id and self.inspector.role != User.Role.INSPECTOR:
            raise ValidationError({"inspector": "Only SSI inspectors can be assigned to councils."})


class AuditEvent(models.Model):
    """An append-only record of who did what, for administrators (OWASP ASVS logging)."""

    class Action(models.TextChoices):
        SIGN_IN = "sign-in", "Signed in"
        SIGN_IN_FAILED = "sign-in-failed", "Sign-in failed"
        SIGN_OUT = "sign-out", "Signed out"
        ACCESS_REFUSED = "access-refused", "Access refused"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        # Account events (issue 16)
        INVITED = "invited", "Invited"
        PASSWORD_SET = "password-set", "Password set from an invitation"
        PASSWORD_RESET = "password-reset", "Password reset"
        PASSWORD_CHANGED = "password-changed", "Password changed"
        SECOND_FACTOR_ADDED = "2fa-added", "Second factor added"
        SECOND_FACTOR_USED = "2fa-used", "Second factor passed at sign-in"
        SECOND_FACTOR_FAILED = "2fa-failed", "Second factor code refused"
        SECOND_FACTOR_RESET = "2fa-reset", "Second factor reset"
        RECOVERY_CODES_RENEWED = "recovery-renewed", "Recovery codes renewed"
        DEACTIVATED = "deactivated", "Deactivated"
        SESSION_EXPIRED = "session-expired", "Session ended: 12 hours since sign-in"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    username = models.CharField(max_length=150, blank=True, help_text="As typed, for failures.")
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    path = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or '-'} {self.action} {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")


# Documents made once, and drafts prepared by the task queue (issue 17).
from climbie_audit.models_documents import PreparedDocument, StoredDocument  # noqa: E402, F401

# Notifications (issue 18), in a module of its own.
from climbie_audit.models_notifications import Delivery as Delivery  # noqa: E402
from climbie_audit.models_notifications import DigestSent as DigestSent  # noqa: E402
from climbie_audit.models_notifications import Notification as Notification  # noqa: E402
from climbie_audit.models_notifications import (  # noqa: E402
    NotificationPreference as NotificationPreference,
)
