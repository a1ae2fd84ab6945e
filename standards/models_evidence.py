"""Evidence documents (issue 18): the files a council attaches to the criteria of its return.

A stored file (EvidenceFile) is written once and never changed: its bytes, SHA-256, uploader
and time. A link (EvidenceLink) puts a file against one criterion of one version of the return.
A submitted version's links are frozen with it; a revised version starts with copies of the
links, never copies of the bytes, so one file can be evidence in several versions.
"""

import uuid
from typing import Any, Self

from django.db import models

from standards.models import AuditReturn, Criterion, ImmutableRecordError


def evidence_storage_name(instance: "EvidenceFile", filename: str) -> str:
    """Where the bytes are kept: a random name under the council's folder. The person's file
    name never reaches the storage, so no name can climb out of it or overwrite another file."""
    return f"evidence/{instance.council.code}/{uuid.uuid4().hex}"


class EvidenceFile(models.Model):
    council = models.ForeignKey(
        "climbie_audit.Council", on_delete=models.PROTECT, related_name="evidence_files"
    )
    file = models.FileField(upload_to=evidence_storage_name, max_length=200)
    name = models.CharField("file name", max_length=160)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        "climbie_audit.User", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class EvidenceLinkQuerySet(models.QuerySet["EvidenceLink"]):
    def _touches_submitted(self) -> bool:
        return self.filter(audit_return__status=AuditReturn.Status.SUBMITTED).exists()

    def update(self, **kwargs: Any) -> int:
        if self._touches_submitted():
            raise ImmutableRecordError("Evidence of a submitted return cannot be changed.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self._touches_submitted():
            raise ImmutableRecordError("Evidence of a submitted return cannot be removed.")
        return super().delete()

    def in_framework_order(self) -> Self:
        return self.order_by("criterion__standard__number", "criterion__number", "added_at", "pk")


class EvidenceLink(models.Model):
    audit_return = models.ForeignKey(
        AuditReturn, on_delete=models.CASCADE, related_name="evidence_links"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    file = models.ForeignKey(EvidenceFile, on_delete=models.PROTECT, related_name="links")
    added_by = models.ForeignKey("climbie_audit.User", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceLinkQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit_return", "criterion", "file"], name="one_link_per_file"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file} for {self.criterion_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._return_is_submitted():
            raise ImmutableRecordError("Evidence of a submitted return cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._return_is_submitted():
            raise ImmutableRecordError("Evidence of a submitted return cannot be removed.")
        return super().delete(*args, **kwargs)

    def _return_is_submitted(self) -> bool:
        return AuditReturn.objects.filter(
            pk=self.audit_return_id, status=AuditReturn.Status.SUBMITTED
        ).exists()
