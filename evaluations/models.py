"""SSI evaluations of councils' submitted returns."""

from django.db import models


class Evaluation(models.Model):
    class Phase(models.TextChoices):
        AUDIT = "a", "(a) Completed after the evaluation of the audit"
        FOLLOW_UP = "b", "(b) Completed after a follow-up visit"
        INSPECTION = "c", "(c) Completed after an inspection"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ISSUED = "issued", "Issued"

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

    class Meta:
        ordering = ["audit_return", "phase", "created_at"]

    def __str__(self):
        return f"Evaluation of {self.audit_return} ({self.get_phase_display()})"
