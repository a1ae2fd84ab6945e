"""Reports to cabinet (seeds 001–003) and the council's statement of roles and responsibilities
(seed 002, Appendix 1).

A cabinet report is a draft the director edits until it is marked final for a meeting; from then
on the report, its sections, its timetable and the PDF it was marked final with never change.
That rule lives here, in the model layer, whatever code path tries to break it.
"""

import hashlib
from typing import Any, Self

from django.db import models

from climbie_audit import limits
from standards.models import ImmutableRecordError

FINAL = "final"


class ReportKind(models.TextChoices):
    EVALUATION = "evaluation", "Evaluation outcome"
    PROGRESS = "progress", "Progress report"
    INSPECTION = "inspection", "Inspection outcome"


KIND_HINTS = {
    ReportKind.EVALUATION: "SSI's evaluation of the council's self-audit, as Leicester reported "
    "it in July 2003.",
    ReportKind.PROGRESS: "Progress on the action plan, standard by standard, as Derby reported "
    "it in March 2004.",
    ReportKind.INSPECTION: "The outcome of an inspection, as Leicester reported Ofsted's "
    "unannounced inspection in December 2009.",
}


class Appendix(models.TextChoices):
    """What may be attached, in the order appendices are numbered."""

    ROLES = "roles", "Statement of roles and responsibilities"
    EVALUATION = "evaluation", "The SSI evaluation"
    SELF_AUDIT = "self_audit", "Self-audit summary: ratings per standard"
    ACTION_PLAN = "action_plan", "The action plan with progress"


APPENDIX_ORDER = [value for value, _ in Appendix.choices]
# An attached PDF document's place in CabinetReport.appendices.
ATTACHMENT_PREFIX = "attachment-"


def attachment_key(pk: int) -> str:
    return f"{ATTACHMENT_PREFIX}{pk}"


def attachment_pk(key: str) -> int | None:
    """The ReportAttachment a key names, or None for a drafted appendix or anything else."""
    number = key.removeprefix(ATTACHMENT_PREFIX)
    if key.startswith(ATTACHMENT_PREFIX) and number.isascii() and number.isdigit():
        return int(number)
    return None


def is_appendix_key(key: str) -> bool:
    return key in APPENDIX_ORDER or attachment_pk(key) is not None


# The "other implications" table of Leicester's reports (seed 002 §7), in its order.
OTHER_IMPLICATIONS = [
    "Equal Opportunities",
    "Policy",
    "Sustainable Environmental",
    "Crime and Disorder",
    "Human Rights Act",
    "Elderly/People on Income",
]


class ForwardPlan(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_APPLICABLE = "n/a", "N/A"


class DecisionMaker(models.TextChoices):
    EXECUTIVE = "executive", "Executive (Cabinet)"
    COUNCIL = "council", "Council"


# --- Cabinet reports -----------------------------------------------------------------------


class CabinetReportQuerySet(models.QuerySet["CabinetReport"]):
    def drafts(self) -> Self:
        return self.filter(status=CabinetReport.Status.DRAFT)

    def finals(self) -> Self:
        return self.filter(status=FINAL)

    def update(self, **kwargs: Any) -> int:
        if self.filter(status=FINAL).exists():
            raise ImmutableRecordError("A final report cannot be changed.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status=FINAL).exists():
            raise ImmutableRecordError("A final report cannot be deleted.")
        return super().delete()


class CabinetReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = FINAL, "Final"

    FRONT_MATTER_FIELDS = ("council_heading", "wards_affected", "officer_title", "title")
    DECISION_FIELDS = ("key_decision", "decision_reason", "forward_plan", "decision_maker")

    council = models.ForeignKey(
        "climbie_audit.Council", on_delete=models.PROTECT, related_name="cabinet_reports"
    )
    kind = models.CharField(max_length=12, choices=ReportKind.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    council_heading = models.CharField("council name as printed", max_length=limits.NAME)
    wards_affected = models.CharField(max_length=limits.SHORT, default="All")
    officer_title = models.CharField("report of the", max_length=limits.SHORT)
    title = models.CharField(max_length=limits.TITLE)
    # The date the report speaks as at: its text, figures and appendices show the state then.
    report_date = models.DateField(null=True, blank=True)
    # What the report was drafted from.
    evaluation = models.ForeignKey(
        "evaluations.Evaluation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cabinet_reports",
    )
    inspection = models.ForeignKey(
        "evaluations.Inspection",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cabinet_reports",
    )
    audit_return = models.ForeignKey(
        "standards.AuditReturn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cabinet_reports",
        help_text="The submitted version whose ratings the report and its appendices use.",
    )
    # The appendices in the order they are numbered: keys of Appendix, and "attachment-<pk>" for
    # a PDF document the council attached (ReportAttachment).
    appendices = models.JSONField(default=list, blank=True)
    # [{"name": "Policy", "applies": True, "reference": "Throughout the report"}, …]
    other_implications = models.JSONField(default=list, blank=True)
    key_decision = models.BooleanField(default=False)
    decision_reason = models.CharField("reason", max_length=limits.TITLE, default="N/A", blank=True)
    forward_plan = models.CharField(
        "appeared in forward plan",
        max_length=4,
        choices=ForwardPlan.choices,
        default=ForwardPlan.NO,
    )
    decision_maker = models.CharField(
        "executive or council decision",
        max_length=10,
        choices=DecisionMaker.choices,
        default=DecisionMaker.EXECUTIVE,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "climbie_audit.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic concurrency for the report's own fields (sections carry their own revision).
    revision = models.PositiveIntegerField(default=0)
    # Optimistic concurrency for the paper's structure: which sections it prints and in what
    # order, its own sections, and its appendices and their order (reports.paper_parts).
    structure_revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set once, when the report is marked final for a meeting.
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    final_for = models.CharField("meeting", max_length=limits.SHORT, blank=True)
    # The council's house style when the report was drafted (reports.cabinet.styles): a final
    # paper keeps the layout it was agreed in whatever the council chooses later.
    house_style = models.CharField(max_length=12, default="leicester")
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # The Word copy, made with the PDF when the report is marked final and kept as unchanged.
    # Reports marked final before Word copies existed have none (decision 0009).
    docx = models.BinaryField(null=True, blank=True, editable=False)

    objects = CabinetReportQuerySet.as_manager()

    class Meta:
        ordering = ["council", "-created_at", "-pk"]
        constraints = [
            *limits.length_checks(
                "report",
                council_heading=limits.NAME,
                wards_affected=limits.SHORT,
                officer_title=limits.SHORT,
                title=limits.TITLE,
                decision_reason=limits.TITLE,
                final_for=limits.SHORT,
            ),
            models.CheckConstraint(
                name="final_report_keeps_its_pdf",
                condition=models.Q(status="draft")
                | models.Q(
                    finalised_at__isnull=False,
                    finalised_by__isnull=False,
                    pdf__isnull=False,
                )
                & ~models.Q(pdf_sha256=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.title} ({self.get_status_display().lower()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._stored_as_final():
            raise ImmutableRecordError("This report is final and cannot change.")
        if self.status == FINAL and self.pdf is not None:
            self.pdf_sha256 = hashlib.sha256(bytes(self.pdf)).hexdigest()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._stored_as_final():
            raise ImmutableRecordError("A final report cannot be deleted.")
        return super().delete(*args, **kwargs)

    def _stored_as_final(self) -> bool:
        return (
            self.pk is not None and CabinetReport.objects.filter(pk=self.pk, status=FINAL).exists()
        )

    @property
    def is_final(self) -> bool:
        return self.status == FINAL

    @property
    def pdf_bytes(self) -> bytes:
        return bytes(self.pdf) if self.pdf is not None else b""

    @property
    def docx_bytes(self) -> bytes:
        return bytes(self.docx) if self.docx is not None else b""

    def values(self, names) -> dict:
        return {name: getattr(self, name) for name in names}

    def appendix_list(self) -> list[str]:
        """The chosen appendices in the order the council put them (reports.paper_parts), which
        is the order they are numbered; anything that is no appendix is left out."""
        chosen: list[str] = []
        for value in self.appendices or []:
            if isinstance(value, str) and is_appendix_key(value) and value not in chosen:
                chosen.append(value)
        return chosen


class _ChildOfReportQuerySet(models.QuerySet):
    """Sections and timetable rows of a final report are as immutable as the report."""

    def _touches_final(self) -> bool:
        return self.filter(report__status=FINAL).exists()

    def update(self, **kwargs: Any) -> int:
        if self._touches_final():
            raise ImmutableRecordError("Parts of a final report cannot be changed.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self._touches_final():
            raise ImmutableRecordError("Parts of a final report cannot be deleted.")
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        ids = {obj.report_id for obj in objs}
        if CabinetReport.objects.filter(pk__in=ids, status=FINAL).exists():
            raise ImmutableRecordError("A final report cannot be added to.")
        return super().bulk_create(objs, *args, **kwargs)


class _ChildOfReport(models.Model):
    report_id: int  # each subclass's `report` foreign key

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if CabinetReport.objects.filter(pk=self.report_id, status=FINAL).exists():
            raise ImmutableRecordError("Parts of a final report cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if CabinetReport.objects.filter(pk=self.report_id, status=FINAL).exists():
            raise ImmutableRecordError("Parts of a final report cannot be deleted.")
        return super().delete(*args, **kwargs)


class TimetableRow(_ChildOfReport):
    """A row of the "forward timetable of meetings" box: a committee and the date it meets."""

    report = models.ForeignKey(CabinetReport, on_delete=models.CASCADE, related_name="timetable")
    position = models.PositiveSmallIntegerField(default=0)
    committee = models.CharField(max_length=limits.NAME)
    meeting_date = models.DateField()

    objects = _ChildOfReportQuerySet.as_manager()

    class Meta:
        ordering = ["report", "position", "pk"]
        constraints = limits.length_checks("timetablerow", committee=limits.NAME)

    def __str__(self) -> str:
        return f"{self.committee}, {self.meeting_date:%-d %B %Y}"


class ReportSection(_ChildOfReport):
    """One numbered section of the report. Its body is plain text: a blank line starts a new
    numbered paragraph, "- " starts a list item, "## " a numbered sub-heading (see
    reports.cabinet.blocks.parse_body). Numbers are computed when the report is shown, never
    typed."""

    report = models.ForeignKey(CabinetReport, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=40)
    heading = models.CharField(max_length=limits.SHORT)
    body = models.TextField(blank=True, max_length=limits.SECTION)
    numbered = models.BooleanField(
        default=True, help_text="Number the paragraphs (1.1, 1.2 …) as in the body of a report."
    )
    # Left out of the paper by the council (kept, so it can be put back); sections of the
    # council's own (`own`) can also be deleted, and are never written again from the data.
    included = models.BooleanField(default=True)
    own = models.BooleanField(default=False)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = _ChildOfReportQuerySet.as_manager()

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_section_per_key"),
            *limits.length_checks("section", heading=limits.SHORT, body=limits.SECTION),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.heading}"


# --- The council's statement of roles and responsibilities (seed 002, Appendix 1) -------------


class RoleGroup(models.TextChoices):
    """Seed 002: "Roles in sections 1-7 have Framework Responsibilities; those in sections 8-10
    have Scrutiny Responsibilities; those in subsequent sections have Reporting or Operational
    Delivery Responsibilities"."""

    FRAMEWORK = "framework", "Framework responsibilities"
    SCRUTINY = "scrutiny", "Scrutiny responsibilities"
    DELIVERY = "delivery", "Reporting or operational delivery responsibilities"


GROUP_ORDER = [value for value, _ in RoleGroup.choices]


class RoleStatement(models.Model):
    council = models.OneToOneField(
        "climbie_audit.Council", on_delete=models.PROTECT, related_name="role_statement"
    )
    title = models.CharField(max_length=limits.SHORT)
    preamble = models.TextField(blank=True, max_length=limits.PARAGRAPH)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = limits.length_checks(
            "rolestatement", title=limits.SHORT, preamble=limits.PARAGRAPH
        )

    def __str__(self) -> str:
        return f"{self.council}: {self.title}"


class ResponsibleRole(models.Model):
    """A role in the council's statement, with its responsibilities (one per line; a line that
    starts with "- " is a sub-point of the line before)."""

    EDITABLE_FIELDS = ("group", "title", "responsibilities", "note")

    statement = models.ForeignKey(RoleStatement, on_delete=models.CASCADE, related_name="roles")
    group = models.CharField(max_length=10, choices=RoleGroup.choices)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField("role", max_length=limits.SHORT)
    responsibilities = models.TextField(max_length=limits.PARAGRAPH)
    note = models.TextField(blank=True, max_length=limits.NOTE)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["statement", "position", "pk"]
        constraints = limits.length_checks(
            "role", title=limits.SHORT, responsibilities=limits.PARAGRAPH, note=limits.NOTE
        )

    def __str__(self) -> str:
        return self.title

    def values(self) -> dict:
        return {name: getattr(self, name) for name in self.EDITABLE_FIELDS}


from reports.models_attachments import ReportAttachment  # noqa: E402,F401  (models of their own)
from reports.models_styles import HouseStyle, PaperStyle  # noqa: E402,F401
