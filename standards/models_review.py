"""Who does what on a draft return (issue 18): each standard's officer, and its review state."""

from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords

from climbie_audit import limits
from standards.models import AuditReturn, ImmutableRecordError, Standard


class ReviewState(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    READY = "ready", "Ready for review"
    RETURNED = "returned", "Returned"
    APPROVED = "approved", "Approved"


class StandardReview(models.Model):
    """One standard of one draft return: who has it, where its review stands, and the
    director's comment when it was last returned. Every step is a history record."""

    State = ReviewState

    audit_return = models.ForeignKey(
        AuditReturn, on_delete=models.CASCADE, related_name="standard_reviews"
    )
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(
        "climbie_audit.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="standard_reviews",
    )
    state = models.CharField(
        max_length=12, choices=ReviewState.choices, default=ReviewState.NOT_STARTED
    )
    comment = models.TextField("director's comment", blank=True, max_length=limits.NOTE)
    # Optimistic concurrency, as for answers.
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["revision", "updated_at"])

    class Meta:
        ordering = ["audit_return", "standard__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit_return", "standard"], name="one_review_per_standard"
            ),
            *limits.length_checks("standardreview", comment=limits.NOTE),
        ]

    def __str__(self) -> str:
        return f"Standard {self.standard.number} review ({self.state})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The review of a submitted version is part of its record.
        if AuditReturn.objects.filter(
            pk=self.audit_return_id, status=AuditReturn.Status.SUBMITTED
        ).exists():
            raise ImmutableRecordError("The review of a submitted return cannot change.")
        super().save(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.state == ReviewState.APPROVED
