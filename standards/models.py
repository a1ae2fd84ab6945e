"""The audit framework as data, and councils' self-audits against it."""

import datetime
from typing import Any, Self

from dateutil.relativedelta import relativedelta
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from climbie_audit import lateness, limits

RATING_LEVELS = (1, 2, 3, 4)


class FrameworkQuerySet(models.QuerySet["Framework"]):
    def current(self) -> "Framework | None":
        """The framework councils audit against now: the latest version of the latest code."""
        return self.order_by("-published_on", "-version").first()


class Framework(models.Model):
    code = models.SlugField(max_length=40)
    title = models.CharField(max_length=250)
    version = models.CharField(max_length=20)
    published_on = models.DateField(help_text="Publication date of the Laming report.")
    return_due = models.DateField(help_text="Date the completed return is due with SSI.")
    default_descriptors = models.JSONField(
        help_text="Descriptor for each point of the 4-point scale, keyed '1'–'4'."
    )

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="framework_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class Standard(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standards")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    statement = models.TextField()
    reconstructed = models.BooleanField(default=False)
    reconstruction_note = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="standard_number")
        ]

    def __str__(self) -> str:
        return f"Standard {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("framework:standard", args=[self.number])


class Recommendation(models.Model):
    """A practice recommendation of the Laming report (2003)."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    paragraph = models.CharField(max_length=40, help_text="Paragraph of the Laming report.")
    timescale_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty where Laming set no timescale (recommendation 29)."
    )
    reconstructed = models.BooleanField(default=False)
    reconstruction_note = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="recommendation_number")
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"

    def get_absolute_url(self):
        return reverse("framework:recommendation", args=[self.number])

    @property
    def deadline(self) -> datetime.date | None:
        if self.timescale_months is None:
            return None
        return self.framework.published_on + relativedelta(months=self.timescale_months)


class CriterionQuerySet(models.QuerySet["Criterion"]):
    def with_framework_detail(self) -> Self:
        """Everything a criterion page shows, in a fixed number of queries."""
        return self.select_related("standard__framework").prefetch_related(
            models.Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("framework").order_by("number"),
            )
        )


class Criterion(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="criteria")
    # Position within the standard: ordering by it puts 2.10 after 2.9.
    number = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=10)
    text = models.TextField()
    guidance = models.JSONField(
        default=list, blank=True, help_text="Statutory guidance references."
    )
    descriptors = models.JSONField(
        default=dict, blank=True, help_text="Overrides of the framework's default descriptors."
    )
    recommendations = models.ManyToManyField(Recommendation, related_name="criteria")
    reconstructed = models.BooleanField(default=False)
    reconstruction_note = models.TextField(blank=True)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["standard__framework", "standard__number", "number"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="criterion_number")
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self):
        return reverse("framework:criterion", args=[self.code])

    @property
    def anchor(self) -> str:
        """HTML id for this criterion's section on a standard page ("criterion-2-10")."""
        return "criterion-" + self.code.replace(".", "-")

    def descriptor(self, level: int) -> str:
        key = str(level)
        return self.descriptors.get(key) or self.standard.framework.default_descriptors[key]

    @property
    def all_descriptors(self) -> dict[int, str]:
        return {level: self.descriptor(level) for level in RATING_LEVELS}

    @property
    def shortest_timescale_months(self) -> int | None:
        timescales = [r.timescale_months for r in self.recommendations.all() if r.timescale_months]
        return min(timescales, default=None)

    # Cached: pages of 54 answers ask each criterion for it several times (issue 9).
    @cached_property
    def laming_deadline(self) -> datetime.date | None:
        """Publication of the Laming report plus the shortest timescale of its recommendations."""
        months = self.shortest_timescale_months
        if months is None:
            return None
        return self.standard.framework.published_on + relativedelta(months=months)


class ImmutableRecordError(Exception):
    """Raised when code tries to change a record that has been submitted or issued."""


class SelfAudit(models.Model):
    """A council's audit against one framework: a series of numbered returns (versions)."""

    council = models.ForeignKey(
        "climbie_audit.Council", on_delete=models.PROTECT, related_name="self_audits"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="self_audits")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "framework"], name="one_audit_per_framework")
        ]

    def __str__(self) -> str:
        return f"{self.council} self-audit ({self.framework.code})"


class AuditReturnQuerySet(models.QuerySet["AuditReturn"]):
    def submitted(self) -> Self:
        return self.filter(status=AuditReturn.Status.SUBMITTED)

    def newest_submitted_first(self) -> Self:
        """Submitted versions, the latest first: the newest framework's, then the highest number.
        What "latest submitted" means, in one place; also for subqueries (one per self-audit)."""
        return self.submitted().order_by("-self_audit__framework__published_on", "-number")

    def latest_submitted(self) -> "AuditReturn | None":
        """The latest submitted version among these returns, or None: `audit.returns
        .latest_submitted()` for one self-audit, `AuditReturn.objects.filter(
        self_audit__council=council).latest_submitted()` for a council's, across frameworks."""
        return self.newest_submitted_first().first()

    def update(self, **kwargs: Any) -> int:
        if self.filter(status=AuditReturn.Status.SUBMITTED).exists():
            raise ImmutableRecordError("A submitted return cannot be changed.")
        return super().update(**kwargs)


class AuditReturn(models.Model):
    """One version of a council's return. Drafts are edited; submitted versions never change."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    self_audit = models.ForeignKey(SelfAudit, on_delete=models.PROTECT, related_name="returns")
    number = models.PositiveSmallIntegerField("version")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    started_by = models.ForeignKey(
        "climbie_audit.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reference = models.CharField(max_length=60, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = AuditReturnQuerySet.as_manager()

    class Meta:
        ordering = ["self_audit", "number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["self_audit", "number"], name="return_version"),
            models.UniqueConstraint(
                fields=["self_audit"],
                condition=models.Q(status="draft"),
                name="one_draft_per_audit",
            ),
            models.CheckConstraint(
                name="submitted_return_has_submission",
                condition=models.Q(status="draft")
                | models.Q(submitted_at__isnull=False, submitted_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.self_audit.council} return, version {self.number} ({self.status})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._stored_as_submitted():
            raise ImmutableRecordError(
                f"Version {self.number} has been submitted and cannot change."
            )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._stored_as_submitted():
            raise ImmutableRecordError(
                f"Version {self.number} has been submitted and cannot be deleted."
            )
        return super().delete(*args, **kwargs)

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def late_label(self) -> str:
        """ "late by N days" if this is the council's first return (the one due with SSI) and it
        was submitted after the framework's due date; later versions are revisions, never late."""
        if self.number != 1:
            return ""
        return lateness.late_label(self.submitted_at, self.self_audit.framework.return_due)

    def _stored_as_submitted(self) -> bool:
        return (
            self.pk is not None
            and AuditReturn.objects.filter(pk=self.pk, status=self.Status.SUBMITTED).exists()
        )


class AnswerQuerySet(models.QuerySet["Answer"]):
    def in_framework_order(self) -> Self:
        return self.order_by("criterion__standard__number", "criterion__number")

    def with_criteria(self) -> Self:
        """Each answer with its criterion, standard, framework and Laming deadline, read in one
        query for all the answers once they are read (standards/framework/index.py), as Django
        itself attaches prefetched objects."""
        clone = self._chain()  # type: ignore[attr-defined]  # QuerySet's private API: not in the stubs
        clone._attach_criteria = True
        return clone

    _attach_criteria = False

    def _clone(self):
        clone = super()._clone()
        clone._attach_criteria = self._attach_criteria
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is None
        super()._fetch_all()
        if fetched and self._attach_criteria and self._result_cache:
            from standards.framework.index import attach_criteria

            attach_criteria(r for r in self._result_cache if isinstance(r, Answer))

    def update(self, **kwargs: Any) -> int:
        if self.filter(audit_return__status=AuditReturn.Status.SUBMITTED).exists():
            raise ImmutableRecordError("Answers of a submitted return cannot be changed.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(audit_return__status=AuditReturn.Status.SUBMITTED).exists():
            raise ImmutableRecordError("Answers of a submitted return cannot be deleted.")
        return super().delete()


class Answer(models.Model):
    """A council's self-assessment against one criterion, in one version of its return."""

    EDITABLE_FIELDS = ("rating", "evidence", "improvement", "lead_officer", "target_date")

    audit_return = models.ForeignKey(AuditReturn, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(level, str(level)) for level in RATING_LEVELS]
    )
    evidence = models.TextField("evidence and comment", blank=True, max_length=limits.EVIDENCE)
    improvement = models.TextField("intended improvement", blank=True, max_length=limits.PARAGRAPH)
    lead_officer = models.CharField(max_length=limits.NAME, blank=True)
    target_date = models.DateField(null=True, blank=True)
    # Optimistic concurrency: a save must name the revision it was edited from.
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["revision", "updated_at"])
    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["audit_return", "criterion__standard__number", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["audit_return", "criterion"], name="one_answer_each"),
            models.CheckConstraint(
                name="rating_between_1_and_4",
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=4),
            ),
            *limits.length_checks(
                "answer",
                evidence=limits.EVIDENCE,
                improvement=limits.PARAGRAPH,
                lead_officer=limits.NAME,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.rating or 'not rated'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._return_is_submitted():
            raise ImmutableRecordError("Answers of a submitted return cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._return_is_submitted():
            raise ImmutableRecordError("Answers of a submitted return cannot be deleted.")
        return super().delete(*args, **kwargs)

    def _return_is_submitted(self) -> bool:
        return AuditReturn.objects.filter(
            pk=self.audit_return_id, status=AuditReturn.Status.SUBMITTED
        ).exists()

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.EDITABLE_FIELDS}

    @property
    def rating_descriptor(self) -> str:
        return self.criterion.descriptor(self.rating) if self.rating else ""

    @property
    def is_rated(self) -> bool:
        return self.rating is not None

    @property
    def has_content(self) -> bool:
        return any(value not in (None, "") for value in self.values().values())


# Action plans (issue 7), evidence documents and who does what (issue 18) live in modules of
# their own; imported here so Django finds them and `from standards.models import …` still works.
from standards.models_action_plan import (  # noqa: E402, F401
    ActionPlan,
    ActionStatus,
    ImprovementAction,
    NoteKind,
    ProgressNote,
    ProgressNoteQuerySet,
)
from standards.models_evidence import EvidenceFile, EvidenceLink  # noqa: E402, F401
from standards.models_review import ReviewState, StandardReview  # noqa: E402, F401
