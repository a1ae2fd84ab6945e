"""SSI evaluations of councils' submitted returns (seed 000).

An evaluation is a draft until it is issued; from then on it, its judgements and its findings are
immutable, here in the model layer, whatever code path tries to change them.
"""

from typing import Any, Self

from django.db import models

from climbie_audit import limits
from evaluations.evaluation.judgements import (
    PAF_SHORT_NAMES,
    STANDARD_JUDGEMENT_LABELS,
    STANDARD_JUDGEMENTS,
    Capacity,
    FindingKind,
    PafDomain,
    Serving,
    caps_star_rating,
    star_rating_consequence,
)
from standards.models import ImmutableRecordError

ISSUED = "issued"


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def issued(self) -> Self:
        return self.filter(status=Evaluation.Status.ISSUED)

    def drafts(self) -> Self:
        return self.filter(status=Evaluation.Status.DRAFT)

    def update(self, **kwargs: Any) -> int:
        if self.filter(status=ISSUED).exists():
            raise ImmutableRecordError("An issued evaluation cannot be changed.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status=ISSUED).exists():
            raise ImmutableRecordError("An issued evaluation cannot be deleted.")
        return super().delete()


class Evaluation(models.Model):
    class Phase(models.TextChoices):
        AUDIT = "a", "(a) Completed after the evaluation of the audit"
        FOLLOW_UP = "b", "(b) Completed after a follow-up visit"
        INSPECTION = "c", "(c) Completed after an inspection"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ISSUED = "issued", "Issued"

    # Fields the inspector edits on the main form (the findings have their own pages).
    EDITABLE_FIELDS = (
        "completed_on",
        "overall_serving",
        "overall_serving_text",
        "overall_capacity",
        "overall_capacity_text",
        "follow_up_visit",
    )

    audit_return = models.ForeignKey(
        "standards.AuditReturn", on_delete=models.PROTECT, related_name="evaluations"
    )
    phase = models.CharField(max_length=1, choices=Phase.choices, default=Phase.AUDIT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    inspector = models.ForeignKey(
        "climbie_audit.User", on_delete=models.PROTECT, related_name="evaluations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        "climbie_audit.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    completed_on = models.DateField("date of completion", null=True, blank=True)
    overall_serving = models.CharField(
        "serving children well?", max_length=10, choices=Serving.choices, blank=True
    )
    overall_serving_text = models.TextField(blank=True, max_length=limits.EVIDENCE)
    overall_capacity = models.CharField(
        "capacity for improvement?", max_length=10, choices=Capacity.choices, blank=True
    )
    overall_capacity_text = models.TextField(blank=True, max_length=limits.EVIDENCE)
    follow_up_visit = models.BooleanField("follow-up visit to take place?", null=True, blank=True)
    # The evaluation of an earlier phase this one was prefilled from.
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="later_phases"
    )
    # Optimistic concurrency: a save names the revision it was edited from.
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["audit_return", "phase", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit_return", "phase"], name="one_evaluation_per_version_and_phase"
            ),
            *limits.length_checks(
                "evaluation",
                overall_serving_text=limits.EVIDENCE,
                overall_capacity_text=limits.EVIDENCE,
            ),
            models.CheckConstraint(
                name="issued_evaluation_is_complete",
                condition=models.Q(status="draft")
                | (
                    models.Q(
                        issued_at__isnull=False,
                        issued_by__isnull=False,
                        completed_on__isnull=False,
                        follow_up_visit__isnull=False,
                        overall_serving__in=Serving.values,
                        overall_capacity__in=Capacity.values,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Evaluation of {self.audit_return} ({self.get_phase_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._stored_as_issued():
            raise ImmutableRecordError("This evaluation has been issued and cannot change.")
        if self.pk is None and not self._return_is_submitted():
            raise ImmutableRecordError("Only a submitted return can be evaluated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._stored_as_issued():
            raise ImmutableRecordError("This evaluation has been issued and cannot be deleted.")
        return super().delete(*args, **kwargs)

    def _stored_as_issued(self) -> bool:
        return (
            self.pk is not None
            and Evaluation.objects.filter(pk=self.pk, status=self.Status.ISSUED).exists()
        )

    def _return_is_submitted(self) -> bool:
        from standards.models import AuditReturn

        return AuditReturn.objects.filter(
            pk=self.audit_return_id, status=AuditReturn.Status.SUBMITTED
        ).exists()

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def council(self):
        return self.audit_return.self_audit.council

    @property
    def caps_star_rating(self) -> bool:
        return caps_star_rating(self.overall_serving)

    @property
    def star_rating_consequence(self) -> str:
        return star_rating_consequence(self.council.name, self.overall_serving)

    def values(self) -> dict:
        return {name: getattr(self, name) for name in self.EDITABLE_FIELDS}


class _ChildOfEvaluationQuerySet(models.QuerySet):
    """Judgements and findings of an issued evaluation are as immutable as the evaluation."""

    def _touches_issued(self) -> bool:
        return self.filter(evaluation__status=ISSUED).exists()

    def update(self, **kwargs: Any) -> int:
        if self._touches_issued():
            raise ImmutableRecordError("Parts of an issued evaluation cannot be changed.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self._touches_issued():
            raise ImmutableRecordError("Parts of an issued evaluation cannot be deleted.")
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        ids = {obj.evaluation_id for obj in objs}
        if Evaluation.objects.filter(pk__in=ids, status=ISSUED).exists():
            raise ImmutableRecordError("An issued evaluation cannot be added to.")
        return super().bulk_create(objs, *args, **kwargs)


class _ChildOfEvaluation(models.Model):
    evaluation_id: int  # each subclass's `evaluation` foreign key

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._evaluation_is_issued():
            raise ImmutableRecordError("Parts of an issued evaluation cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._evaluation_is_issued():
            raise ImmutableRecordError("Parts of an issued evaluation cannot be deleted.")
        return super().delete(*args, **kwargs)

    def _evaluation_is_issued(self) -> bool:
        return Evaluation.objects.filter(pk=self.evaluation_id, status=ISSUED).exists()


class StandardJudgement(_ChildOfEvaluation):
    """The inspector's judgement of one standard and the text explaining it."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="judgements")
    standard = models.ForeignKey(
        "standards.Standard", on_delete=models.PROTECT, related_name="judgements"
    )
    judgement = models.CharField(max_length=10, choices=STANDARD_JUDGEMENTS, blank=True)
    text = models.TextField(blank=True, max_length=limits.EVIDENCE)

    objects = _ChildOfEvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation", "standard__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "standard"], name="one_judgement_per_standard"
            ),
            *limits.length_checks("judgement", text=limits.EVIDENCE),
            models.CheckConstraint(
                name="judgement_on_a_known_scale",
                condition=models.Q(judgement="")
                | models.Q(judgement__in=list(STANDARD_JUDGEMENT_LABELS)),
            ),
        ]

    def __str__(self) -> str:
        return f"Standard {self.standard.number}: {self.get_judgement_display() or 'not judged'}"


class Finding(_ChildOfEvaluation):
    """A row of the findings table: strengths and areas for development by PAF domain."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.TextField("description of issue", max_length=limits.PARAGRAPH)
    paf_domain = models.CharField("PAF domain", max_length=20, choices=PafDomain.choices)
    kind = models.CharField(
        "strength or area for development", max_length=12, choices=FindingKind.choices
    )
    highlight = models.BooleanField("highlight for annual review", default=False)
    revision = models.PositiveIntegerField(default=0)

    objects = _ChildOfEvaluationQuerySet.as_manager()

    EDITABLE_FIELDS = ("description", "paf_domain", "kind", "highlight")

    class Meta:
        ordering = ["evaluation", "position", "id"]
        constraints = limits.length_checks("finding", description=limits.PARAGRAPH)

    def __str__(self) -> str:
        return f"Finding {self.position}: {self.description[:40]}"

    @property
    def paf_short_name(self) -> str:
        return PAF_SHORT_NAMES.get(self.paf_domain, self.get_paf_domain_display())

    def values(self) -> dict:
        return {name: getattr(self, name) for name in self.EDITABLE_FIELDS}


class CouncilResponseQuerySet(models.QuerySet["CouncilResponse"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableRecordError("A recorded response cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableRecordError("A recorded response cannot be deleted.")


class CouncilResponse(models.Model):
    """The council's written response to an issued evaluation (seed 002 §3.7). Recorded once by
    the director; like the evaluation it answers, it cannot change afterwards."""

    evaluation = models.OneToOneField(
        Evaluation, on_delete=models.PROTECT, related_name="council_response"
    )
    text = models.TextField("the council's response", max_length=limits.SECTION)
    recorded_by = models.ForeignKey(
        "climbie_audit.User", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    objects = CouncilResponseQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at"]
        constraints = limits.length_checks("response", text=limits.SECTION)

    def __str__(self) -> str:
        return f"Response to {self.evaluation}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableRecordError("A recorded response cannot be changed.")
        if not Evaluation.objects.filter(pk=self.evaluation_id, status=ISSUED).exists():
            raise ImmutableRecordError("A council can respond only to an issued evaluation.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableRecordError("A recorded response cannot be deleted.")


# =============================================================================================
# Inspections (issue 6, seed 003): a later inspection of the council's children's services,
# recorded by the council so its director can report the outcome to cabinet. Appended as one
# block; the cabinet report is drafted from it in reports/cabinet/drafting.py.
# =============================================================================================


class Inspection(models.Model):
    """An inspection of the council's services and its outcome (seed 003: Ofsted's unannounced
    inspection of contact, referral and assessment, August 2009).

    The lists (priority action, development, strengths, satisfactory areas) hold one item per
    line. The actions already taken hold one block per area, separated by a blank line: the
    block's first line names the area, each further line is an action.
    """

    EDITABLE_FIELDS = (
        "inspectorate",
        "inspection_type",
        "services_inspected",
        "started_on",
        "ended_on",
        "about",
        "priority_actions",
        "development_areas",
        "strengths",
        "satisfactory_areas",
        "council_response",
        "actions_taken",
    )
    LISTS = ("priority_actions", "development_areas", "strengths", "satisfactory_areas")

    council = models.ForeignKey(
        "climbie_audit.Council", on_delete=models.PROTECT, related_name="inspections"
    )
    inspectorate = models.CharField(max_length=limits.NAME)
    inspection_type = models.CharField("type of inspection", max_length=limits.SHORT)
    services_inspected = models.CharField(max_length=limits.TITLE, blank=True)
    started_on = models.DateField("first day of the inspection")
    ended_on = models.DateField("last day of the inspection")
    about = models.TextField("about the inspection", blank=True, max_length=limits.SECTION)
    priority_actions = models.TextField(
        "areas for priority action", blank=True, max_length=limits.SECTION
    )
    development_areas = models.TextField(
        "areas for development", blank=True, max_length=limits.SECTION
    )
    strengths = models.TextField(blank=True, max_length=limits.SECTION)
    satisfactory_areas = models.TextField(blank=True, max_length=limits.SECTION)
    council_response = models.TextField(
        "the council's response", blank=True, max_length=limits.SECTION
    )
    actions_taken = models.TextField("actions already taken", blank=True, max_length=limits.SECTION)
    recorded_by = models.ForeignKey(
        "climbie_audit.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic concurrency: a save names the revision it was edited from.
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["council", "-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="inspection_ends_after_it_starts",
                condition=models.Q(ended_on__gte=models.F("started_on")),
            ),
            *limits.length_checks(
                "inspection",
                inspectorate=limits.NAME,
                inspection_type=limits.SHORT,
                services_inspected=limits.TITLE,
                about=limits.SECTION,
                priority_actions=limits.SECTION,
                development_areas=limits.SECTION,
                strengths=limits.SECTION,
                satisfactory_areas=limits.SECTION,
                council_response=limits.SECTION,
                actions_taken=limits.SECTION,
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.inspectorate} {self.inspection_type}, {self.council} ({self.started_on:%B %Y})"
        )

    def values(self) -> dict:
        return {name: getattr(self, name) for name in self.EDITABLE_FIELDS}

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    def items(self, name: str) -> list[str]:
        return self.lines(getattr(self, name))

    @property
    def action_areas(self) -> list[tuple[str, list[str]]]:
        """[(area, [actions])] from the actions already taken."""
        areas = []
        for block in (self.actions_taken or "").replace("\r\n", "\n").split("\n\n"):
            lines = self.lines(block)
            if lines:
                areas.append((lines[0], lines[1:]))
        return areas


# SSI challenge queries (issue 18) live in their own module; imported here so Django finds them.
from evaluations.models_challenge import ChallengeQuery, QueryMessage  # noqa: E402, F401
