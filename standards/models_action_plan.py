"""Action plans (issue 7): improvement actions per criterion, their progress as at a date, and
the plan's reports to cabinet. Imported by standards.models so Django finds them; the rules live
in standards/action_plan/."""

import datetime
from typing import Any

from django.db import models
from django.utils import timezone

from climbie_audit import limits
from standards.models import AuditReturn, Criterion, ImmutableRecordError, SelfAudit


class ActionPlan(models.Model):
    """A council's plan of improvements for one self-audit, as endorsed by its cabinet."""

    self_audit = models.OneToOneField(
        SelfAudit, on_delete=models.PROTECT, related_name="action_plan"
    )
    # The submitted version whose intended improvements the plan last took in.
    drafted_from = models.ForeignKey(
        AuditReturn, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    endorsed_on = models.DateField("date endorsed by cabinet", null=True, blank=True)
    last_reported_on = models.DateField("last reported to cabinet on", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Optimistic concurrency for the cabinet dates form.
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.self_audit.council} action plan"

    @property
    def reported_since(self) -> datetime.date | None:
        """The date "what changed since the last report to cabinet" counts from."""
        dates = [d for d in (self.endorsed_on, self.last_reported_on) if d is not None]
        return max(dates, default=None)


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class ImprovementAction(models.Model):
    """One improvement the council will make against a criterion, managed on its own once drafted."""

    class Source(models.TextChoices):
        RETURN = "return", "Intended improvement in the return"
        COUNCIL = "council", "Added by the council"

    Status = ActionStatus
    EDITABLE_FIELDS = (
        "title",
        "action",
        "lead_officer",
        "start_date",
        "start_as_month",
        "target_date",
        "monitoring",
    )
    # Stated limits that fit real plans (Derby's titles run well past 200 characters).
    TITLE_MAX = limits.ITEM_TITLE
    ACTION_MAX = limits.PARAGRAPH
    LEAD_OFFICER_MAX = limits.NAME
    MONITORING_MAX = limits.NOTE

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="improvement_actions"
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.RETURN)
    drafted_from = models.ForeignKey(
        AuditReturn,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafted_actions",
        help_text="The version of the return this action was first drafted from.",
    )
    updated_from = models.ForeignKey(
        AuditReturn,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The latest version of the return this action was brought up to date with.",
    )
    # The criterion's self-rating in `updated_from`: 4 once a revised return no longer needs it.
    source_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=limits.ITEM_TITLE)
    action = models.TextField(max_length=limits.PARAGRAPH)
    lead_officer = models.CharField(max_length=limits.NAME, blank=True)
    start_date = models.DateField(null=True, blank=True)
    # Real plans give a start as a month ("From Oct 03"): shown as the month, stored as its 1st.
    start_as_month = models.BooleanField(default=False)
    target_date = models.DateField(null=True, blank=True)
    monitoring = models.TextField("monitoring arrangements", blank=True, max_length=limits.NOTE)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Optimistic concurrency, as for answers: an update names the revision it was made from.
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["plan", "criterion__standard__number", "criterion__number", "pk"]
        constraints = [
            # Carry-over across revised returns updates the drafted action, never duplicates it.
            models.UniqueConstraint(
                fields=["plan", "criterion"],
                condition=models.Q(source="return"),
                name="one_drafted_action_per_criterion",
            ),
            models.CheckConstraint(
                name="complete_action_has_completion_date",
                condition=~models.Q(status="complete") | models.Q(completed_on__isnull=False),
            ),
            *limits.length_checks(
                "action",
                title=limits.ITEM_TITLE,
                action=limits.PARAGRAPH,
                lead_officer=limits.NAME,
                monitoring=limits.NOTE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.title}"

    @property
    def is_complete(self) -> bool:
        return self.status == ActionStatus.COMPLETE

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.EDITABLE_FIELDS}


class ProgressNoteQuerySet(models.QuerySet["ProgressNote"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableRecordError("Progress notes are a record and cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableRecordError("Progress notes are a record and cannot be deleted.")


class NoteKind(models.TextChoices):
    PROGRESS = "progress", "Progress"
    DETAILS = "details", "Change of details"


class ProgressNote(models.Model):
    """A dated entry in an action's record: what happened, and any change of status. Append-only.

    `as_at` is the date the progress is reported at (back-datable: "Progress as at 31 October
    2003"); `recorded_at` is when it was typed. A change of the action's details is history,
    kept in the same record but never progress (kind DETAILS).
    """

    Kind = NoteKind

    action = models.ForeignKey(
        ImprovementAction, on_delete=models.CASCADE, related_name="progress_notes"
    )
    author = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    as_at = models.DateField("progress as at", default=timezone.localdate, db_index=True)
    kind = models.CharField(max_length=10, choices=NoteKind.choices, default=NoteKind.PROGRESS)
    text = models.TextField(blank=True, max_length=limits.NOTE)
    next_action = models.TextField("next action agreed", blank=True, max_length=limits.NOTE)
    status_before = models.CharField(max_length=12, choices=ActionStatus.choices, blank=True)
    status_after = models.CharField(max_length=12, choices=ActionStatus.choices, blank=True)

    objects = ProgressNoteQuerySet.as_manager()

    class Meta:
        ordering = ["action", "-as_at", "-recorded_at", "-pk"]
        constraints = limits.length_checks(
            "progressnote", text=limits.NOTE, next_action=limits.NOTE
        )

    def __str__(self) -> str:
        return f"{self.action.criterion.code} note {self.recorded_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableRecordError("Progress notes are a record and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableRecordError("Progress notes are a record and cannot be deleted.")

    @property
    def is_progress(self) -> bool:
        return self.kind == NoteKind.PROGRESS

    @property
    def changed_status(self) -> bool:
        return bool(self.status_after) and self.status_after != self.status_before
