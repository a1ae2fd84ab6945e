"""Marking a cabinet report final for a meeting: its PDF and Word copy are kept as they are
then, and nothing about the report changes afterwards."""

import datetime

from django.db import transaction
from django.utils import timezone

from climbie_audit.models import User
from reports.cabinet.rendering import render_report_pdf
from reports.cabinet.word import render_report_docx
from reports.cabinet.words import long_date
from reports.models import CabinetReport, TimetableRow
from standards.models import ImmutableRecordError


class FinalRefused(Exception):
    pass


def mark_final(
    report: CabinetReport, user: User, meeting: str, now: datetime.datetime | None = None
) -> CabinetReport:
    """Keep the PDF as it is now, for the meeting; from now on nothing about the report changes."""
    now = now or timezone.now()
    with transaction.atomic():
        current = CabinetReport.objects.select_for_update().get(pk=report.pk)
        if current.is_final:
            raise ImmutableRecordError("This report is already final.")
        if not user.is_director or user.council_id != current.council_id:
            raise FinalRefused("Only the council's director can mark its report final.")
        current.status = CabinetReport.Status.FINAL
        current.finalised_at = now
        current.finalised_by = user
        current.final_for = meeting
        current.updated_by = user
        # Rendered as final (no DRAFT marks), then kept: downloads serve these bytes from now on.
        current.pdf = render_report_pdf(current, today=timezone.localdate(now))
        current.docx = render_report_docx(current, today=timezone.localdate(now))
        current.save()
    return current


def meeting_label(row: TimetableRow) -> str:
    return f"{row.committee}, {long_date(row.meeting_date)}"
