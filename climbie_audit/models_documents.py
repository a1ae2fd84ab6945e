"""Documents kept as bytes in the database (docs/decisions/0012-documents-made-once.md).

A StoredDocument is made once from a record that can never change (an issued evaluation, a
submitted return, a final cabinet report) and served as it is from then on. A PreparedDocument
is a draft rendered off the request path by the task queue for the person who asked for it.
"""

import hashlib
import uuid
from typing import Any

from django.db import models


class StoredDocumentQuerySet(models.QuerySet["StoredDocument"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Stored documents never change.")


class StoredDocument(models.Model):
    """The one rendering of a document whose source can never change, with its SHA-256."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=40, help_text="The id of the record it was made from.")
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    made_at = models.DateTimeField(auto_now_add=True)

    objects = StoredDocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="one_stored_document_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.size} bytes, sha256 {self.sha256[:12]})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Stored documents never change.")
        content = bytes(self.content)
        self.sha256 = hashlib.sha256(content).hexdigest()
        self.size = len(content)
        super().save(*args, **kwargs)

    @property
    def content_bytes(self) -> bytes:
        return bytes(self.content)


class PreparedDocument(models.Model):
    """A draft document one person asked for, rendered by the task queue from the database as
    it was when the worker took it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be made"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=40)
    requested_by = models.ForeignKey(
        "climbie_audit.User", on_delete=models.CASCADE, related_name="prepared_documents"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    problem = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "requested_by"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} for {self.requested_by_id}: {self.status}"

    @property
    def content_bytes(self) -> bytes:
        return bytes(self.content) if self.content is not None else b""
