"""A PDF document a council attaches to a cabinet paper as an appendix of its own (issue 15): SSI's
covering letter, a committee minute. Its pages are printed inside the paper's PDF, under the
appendix's number (reports.paper_parts.merging); the Word copy says where it is.

The bytes are kept in the database beside the report's own PDF, checked by content and bounded
in size and pages (reports.paper_parts.attached_pdf) before they are kept. Like every part of a
final report, an attachment never changes or goes once the report is final.
"""

import hashlib
from typing import Any

from django.db import models

from climbie_audit import limits
from reports.models import CabinetReport, _ChildOfReport, _ChildOfReportQuerySet, attachment_key


class ReportAttachment(_ChildOfReport):
    report = models.ForeignKey(CabinetReport, on_delete=models.CASCADE, related_name="attachments")
    # The appendix's title in the paper ("SSI's covering letter"); the council may rename it.
    title = models.CharField(max_length=limits.SHORT)
    # The file's name as uploaded, cleaned (standards.evidence.file_checks.sanitised_stem).
    file_name = models.CharField(max_length=limits.SHORT)
    content = models.BinaryField(editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    pages = models.PositiveSmallIntegerField()
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        "climbie_audit.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = _ChildOfReportQuerySet.as_manager()

    class Meta:
        ordering = ["report", "pk"]
        constraints = limits.length_checks("attachment", title=limits.SHORT, file_name=limits.SHORT)

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sha256 = hashlib.sha256(self.content_bytes).hexdigest()
        self.size = len(self.content_bytes)
        super().save(*args, **kwargs)

    @property
    def key(self) -> str:
        """Its place in CabinetReport.appendices."""
        return attachment_key(self.pk)

    @property
    def content_bytes(self) -> bytes:
        return bytes(self.content) if self.content is not None else b""
